import type { LanguageCode } from '$lib/core';
import { intlLocale } from '$lib/i18n/config';

/** Measures the width of a text in CSS pixels (a canvas's `measureText`, or an estimate in tests). */
export type Measure = (text: string) => number;

/**
 * A measurer for one CSS font (e.g. `12px system-ui`), with the browser's own text
 * shaping, so Arabic and Ge'ez names are measured as drawn. Outside a browser it
 * estimates (tests).
 */
export function textMeasurer(font: string, fontPx: number): Measure {
	const estimate: Measure = (text) => text.length * fontPx * 0.6;
	if (typeof document === 'undefined') return estimate;
	const ctx = document.createElement('canvas').getContext('2d');
	if (!ctx) return estimate;
	ctx.font = font;
	return (text) => ctx.measureText(text).width;
}

/**
 * Splits a label into lines no wider than `maxWidth`, at spaces. A single word wider
 * than that is broken between characters only when `breakWords` is set (a word is
 * otherwise kept whole, and the caller decides what to do with a line that is too wide).
 */
export function wrapToWidth(
	text: string,
	maxWidth: number,
	measure: Measure,
	o: { breakWords?: boolean } = {}
): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const joined = line ? `${line} ${word}` : word;
		if (measure(joined) <= maxWidth || !line) line = joined;
		else {
			lines.push(line);
			line = word;
		}
		if (o.breakWords && measure(line) > maxWidth) {
			const pieces = breakWord(line, maxWidth, measure);
			lines.push(...pieces.slice(0, -1));
			line = pieces[pieces.length - 1];
		}
	}
	if (line) lines.push(line);
	return lines;
}

function breakWord(word: string, maxWidth: number, measure: Measure): string[] {
	const pieces: string[] = [];
	let piece = '';
	for (const char of Array.from(word)) {
		if (piece && measure(piece + char + '-') > maxWidth) {
			pieces.push(piece + '-');
			piece = char;
		} else piece += char;
	}
	pieces.push(piece);
	return pieces;
}

/** Font size of the bar chart's axis names and ticks, and the height of one line of them. */
export const BAR_FONT_PX = 12;
const LINE_PX = 15;
/** Narrower than this, the bars lie down (phones, a narrow column). */
export const BAR_NARROW_PX = 520;

export type BarLayout = {
	/** `x`: upright bars, names under them; `y`: bars lying down, names beside them. */
	indexAxis: 'x' | 'y';
	/** Each category name as the lines it is drawn in. */
	labels: string[][];
	/** How tall the chart needs to be, in CSS pixels, to give every name and bar its room. */
	blockSize: number;
};

/**
 * How a grouped bar chart fits its width. Upright bars only when every name fits level
 * under its bars in at most three lines; otherwise (a phone, many or long names) the bars
 * lie down with the names beside them, level and wrapped, and the chart grows with the
 * number of names instead of slanting or cutting them.
 */
export function barLayout(o: {
	width: number;
	labels: readonly string[];
	legend: readonly string[];
	measure: Measure;
}): BarLayout {
	const { width, labels, measure } = o;
	// Not measured yet (the first frame): upright, as before any layout.
	if (width <= 0) return { indexAxis: 'x', labels: labels.map((l) => [l]), blockSize: 256 };
	const legendHeight = legendRows(o.legend, width, measure) * (BAR_FONT_PX + 10) + 10;
	if (width >= BAR_NARROW_PX && labels.length > 0) {
		// Room under each group of bars, less the gap Chart.js leaves around a category.
		const column = (width - 48) / labels.length - 8;
		const lines = labels.map((l) => wrapToWidth(l, column, measure));
		if (lines.every((l) => l.length <= 3 && l.every((line) => measure(line) <= column))) {
			const most = Math.max(...lines.map((l) => l.length));
			return { indexAxis: 'x', labels: lines, blockSize: 200 + most * LINE_PX + legendHeight };
		}
	}
	// Chart.js gives an axis at the side at most half the chart's width.
	const nameWidth = Math.max(64, width / 2 - 16);
	const lines = labels.map((l) => wrapToWidth(l, nameWidth, measure, { breakWords: true }));
	const most = Math.max(1, ...lines.map((l) => l.length));
	const perCategory = Math.max(most * LINE_PX + 10, o.legend.length * 12 + 12);
	return {
		indexAxis: 'y',
		labels: lines,
		blockSize: labels.length * perCategory + 40 + legendHeight
	};
}

/** How many rows the legend (box, gap, name per series) takes at this width. */
function legendRows(names: readonly string[], width: number, measure: Measure): number {
	let rows = 1;
	let used = 0;
	for (const name of names) {
		const item = BAR_BOX_PX + 10 + measure(name) + 10;
		if (used > 0 && used + item > width) {
			rows++;
			used = 0;
		}
		used += item;
	}
	return rows;
}

/** Width of a legend colour box in the bar chart. */
export const BAR_BOX_PX = 24;

/**
 * Numbers on a chart (axis steps, tooltips) in the language's own digits and separators,
 * like every other number in the app (Persian digits for Persian and Dari).
 */
export function chartNumber(language: LanguageCode): (value: number) => string {
	const format = new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 2 });
	return (value) => format.format(value);
}
