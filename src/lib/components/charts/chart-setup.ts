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

/**
 * Calls `redraw` whenever the page has finished loading fonts, until the returned
 * function is called. A canvas is drawn once, with the fonts there are at that
 * moment: when the page then fetches a bundled face (Arabic, Ge'ez text on a device
 * without those fonts), the chart is drawn again with it.
 */
export function redrawWhenFontsLoad(redraw: () => void): () => void {
	if (typeof document === 'undefined' || !document.fonts) return () => undefined;
	document.fonts.addEventListener('loadingdone', redraw);
	return () => document.fonts.removeEventListener('loadingdone', redraw);
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
