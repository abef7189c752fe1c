import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	RadarController,
	RadialLinearScale,
	Tooltip
} from 'chart.js';
import type { SeriesKind } from '$lib/core';

// The only place that imports Chart.js: radar, line and bar parts only, tree-shaken.
Chart.register(
	BarController,
	BarElement,
	RadarController,
	LineController,
	RadialLinearScale,
	LinearScale,
	CategoryScale,
	PointElement,
	LineElement,
	Filler,
	Legend,
	Tooltip
);

/**
 * The app's font stack (`--font` in app.css), so chart text uses the bundled
 * Arabic and Ethiopic faces like the rest of the page.
 */
export function appFontFamily(): string {
	const fromCss =
		typeof document === 'undefined'
			? ''
			: getComputedStyle(document.documentElement).getPropertyValue('--font').trim();
	return fromCss || 'system-ui, sans-serif';
}

Chart.defaults.font.family = appFontFamily();

function textOf(texts: readonly unknown[]): string {
	return texts
		.flat(2)
		.filter((t) => typeof t === 'string')
		.join(' ');
}

/** Whether every face needed to draw `texts` is loaded (true when no bundled face is needed). */
export function fontsReadyFor(texts: readonly unknown[]): boolean {
	if (typeof document === 'undefined' || !document.fonts) return true;
	const text = textOf(texts);
	return text === '' || document.fonts.check(`16px ${appFontFamily()}`, text);
}

/**
 * Loads the faces needed to draw `texts`: a canvas never fetches a web font by
 * itself, and Chart.js measures labels once per font, so a chart must be drawn
 * after its faces are in (or its labels are measured with a stand-in font).
 */
export async function loadFontsFor(texts: readonly unknown[]): Promise<void> {
	if (fontsReadyFor(texts)) return;
	try {
		await document.fonts.load(`16px ${appFontFamily()}`, textOf(texts));
	} catch {
		// drawn with a system font instead
	}
}

export { Chart };
export type { ChartConfiguration, ChartType, Plugin } from 'chart.js';

/** Each series has its own colour AND line style AND point shape, so it reads without colour too. */
export const SERIES_STYLE: Record<
	SeriesKind,
	{ color: string; dash: number[]; point: 'circle' | 'rect' | 'triangle' | 'rectRot' | 'star' }
> = {
	'client-now': { color: '#1d4e89', dash: [], point: 'circle' },
	'caseworker-now': { color: '#b45309', dash: [8, 4], point: 'rect' },
	'client-previous': { color: '#4b5563', dash: [2, 3], point: 'triangle' },
	'caseworker-previous': { color: '#7c3aed', dash: [10, 3, 2, 3], point: 'rectRot' },
	overlay: { color: '#1d4e89', dash: [], point: 'circle' }
};

/** Distinct styles for overlaid measurements (oldest to newest). */
export const OVERLAY_STYLES = [
	{ color: '#4b5563', dash: [2, 3], point: 'triangle' as const },
	{ color: '#b45309', dash: [8, 4], point: 'rect' as const },
	{ color: '#1d4e89', dash: [], point: 'circle' as const }
];

export function prefersReducedMotion(): boolean {
	return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Bar series (team statistics): distinct colours, and border widths so they differ without colour too. */
export const BAR_STYLES = [
	{ color: '#1d4e89', border: 0 },
	{ color: '#b45309', border: 2 },
	{ color: '#1e6b34', border: 0 },
	{ color: '#7c3aed', border: 2 },
	{ color: '#9ca3af', border: 1 }
];
