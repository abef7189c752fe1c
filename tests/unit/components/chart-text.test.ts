import { describe, expect, it } from 'vitest';
import {
	barLayout,
	BAR_NARROW_PX,
	chartNumber,
	wrapToWidth,
	type Measure
} from '$lib/components/charts/chart-text';

/** 7 px a character: a stand-in for the canvas's measureText. */
const measure: Measure = (text) => text.length * 7;
const INDICATORS = [
	'Jobbsökande',
	'Kunskap om arbetsmarknaden',
	'Hantera hälsan',
	'Hantera vardagen',
	'Stöd från nätverk',
	'Samarbete',
	'Ta kontakt',
	'Koncentration',
	'Målmedvetenhet',
	'Tilltro till att klara ett jobb'
];
const GROUPS = ['Alla', 'Kvinnor', 'Män'];

describe('wrapToWidth', () => {
	it('breaks at spaces so no line is wider than asked', () => {
		const lines = wrapToWidth('Tilltro till att klara ett jobb', 70, measure);
		expect(lines).toEqual(['Tilltro', 'till att', 'klara ett', 'jobb']);
		expect(lines.every((l) => measure(l) <= 70)).toBe(true);
	});

	it('keeps a long word whole unless told to break it', () => {
		expect(wrapToWidth('Arbetsmarknadsutbildning', 70, measure)).toEqual([
			'Arbetsmarknadsutbildning'
		]);
		const broken = wrapToWidth('Arbetsmarknadsutbildning', 70, measure, { breakWords: true });
		expect(broken.join('').replaceAll('-', '')).toBe('Arbetsmarknadsutbildning');
		expect(broken.every((l) => measure(l) <= 70)).toBe(true);
	});
});

describe('barLayout', () => {
	it('lays the bars down on a phone, every name level and within its half of the chart', () => {
		const width = 328; // a 360 px phone, less the page's margins
		const layout = barLayout({ width, labels: INDICATORS, legend: GROUPS, measure });
		expect(layout.indexAxis).toBe('y');
		expect(layout.labels.map((l) => l.join(' '))).toEqual(INDICATORS);
		for (const line of layout.labels.flat()) expect(measure(line)).toBeLessThanOrEqual(width / 2);
		// Grows with the names: each gets at least the room of its lines and of its bars.
		expect(layout.blockSize).toBeGreaterThan(INDICATORS.length * GROUPS.length * 12);
	});

	it('keeps upright bars on a wide screen when every name fits under its bars', () => {
		const quarters = ['2026 kvartal 1', '2026 kvartal 2', '2026 kvartal 3'];
		const layout = barLayout({ width: 900, labels: quarters, legend: GROUPS, measure });
		expect(layout.indexAxis).toBe('x');
		expect(layout.labels).toEqual([['2026 kvartal 1'], ['2026 kvartal 2'], ['2026 kvartal 3']]);
		// The same chart on a phone lies down.
		expect(
			barLayout({ width: BAR_NARROW_PX - 1, labels: quarters, legend: GROUPS, measure }).indexAxis
		).toBe('y');
	});

	it('lays the bars down on a wide screen too when the names would not fit under them', () => {
		const layout = barLayout({ width: 700, labels: INDICATORS, legend: GROUPS, measure });
		expect(layout.indexAxis).toBe('y');
	});
});

describe('chartNumber', () => {
	it('writes chart numbers in the digits of the language', () => {
		expect(chartNumber('fa')(3)).toBe('۳');
		expect(chartNumber('prs')(0.25)).toBe('۰٫۲۵');
		expect(chartNumber('ar')(3)).toBe('3');
		expect(chartNumber('sv')(0.5)).toBe('0,5');
	});
});
