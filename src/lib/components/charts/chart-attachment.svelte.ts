import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { ChartType } from './chart-setup';
import { Chart, redrawWhenFontsLoad, type ChartConfiguration } from './chart-setup';

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
		const created = untrack(() => new Chart(canvas, config()));
		instance = created;
		const stopRedrawing = redrawWhenFontsLoad(() => created.update('none'));
		return () => {
			stopRedrawing();
			created.destroy();
			instance = undefined;
		};
	};
}
