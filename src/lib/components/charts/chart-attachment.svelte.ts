import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { ChartType } from './chart-setup';
import { Chart, fontsReadyFor, loadFontsFor, type ChartConfiguration } from './chart-setup';

/**
 * A canvas attachment that creates a chart once and, when the configuration's
 * inputs change, updates it in place (no rebuild, so a rating change redraws fast).
 * Call during component set-up. Never keep the chart in `$state`.
 */
export function chartAttachment<T extends ChartType>(
	config: () => ChartConfiguration<T>
): Attachment<HTMLCanvasElement> {
	let instance: Chart<T> | undefined;
	$effect(() => {
		const next = config();
		if (!instance) return;
		instance.data = next.data;
		if (next.options) instance.options = next.options;
		instance.update();
	});
	return (canvas) => {
		let created: Chart<T> | undefined;
		let gone = false;
		const create = () => {
			if (gone) return;
			created = untrack(() => new Chart(canvas, config()));
			instance = created;
		};
		// Text in a script whose bundled font is not loaded yet (Arabic, Ge'ez): the
		// chart is created once the face is in, so its labels are measured with it.
		const texts = chartTexts(untrack(config));
		if (fontsReadyFor(texts)) create();
		else void loadFontsFor(texts).then(create);
		return () => {
			gone = true;
			created?.destroy();
			instance = undefined;
		};
	};
}

/** The text a chart draws: axis labels and series names. */
function chartTexts(config: {
	data: { labels?: unknown[]; datasets: { label?: string }[] };
}): unknown[] {
	return [...(config.data.labels ?? []), ...config.data.datasets.map((d) => d.label)];
}
