import { describe, expect, it } from 'vitest';
import {
	catalogueSchema,
	compareMeasurements,
	CURRENT_CATALOGUE,
	indicatorScore,
	indicatorTimeline,
	newestFirst,
	overlayRadar,
	radarIndicators,
	resultRadar,
	summariseChange,
	talkingPoints,
	TALKING_POINT_GAP,
	type Answer,
	type Answers,
	type Catalogue,
	type ScoredMeasurement
} from '$lib/core';
import { answersFor, makeCatalogue, makeMeasurement } from '../../fixtures/factories';

const v1 = CURRENT_CATALOGUE;
const RADAR = radarIndicators(v1).map((i) => i.id);
const label = (id: string) => `catalogue:indicators.${id}.label`;

/** A measurement with exactly these answers (client items, then caseworker items, in catalogue order). */
function scored(
	client: (Answer | undefined)[],
	caseworker: (Answer | undefined)[],
	o: { catalogue?: Catalogue; takenOn?: string; createdAt?: string } = {}
): ScoredMeasurement {
	const catalogue = o.catalogue ?? v1;
	return {
		catalogue,
		measurement: makeMeasurement({
			catalogue,
			clientAnswers: answersFor('client', client, catalogue),
			caseworkerAnswers: answersFor('caseworker', caseworker, catalogue),
			...(o.takenOn ? { takenOn: o.takenOn } : {}),
			...(o.createdAt ? { createdAt: o.createdAt, updatedAt: o.createdAt } : {})
		})
	};
}

const tens = (v: Answer) => Array<Answer>(10).fill(v);

describe('indicatorScore', () => {
	const answers = answersFor('client', [4, 'dont-understand', 'declined']);

	it('scores an answered item with its value and 0–1 position', () => {
		expect(indicatorScore(v1, answers, 'job-search', 'client')).toEqual({
			value: 4,
			normalised: 0.6,
			min: 1,
			max: 6
		});
	});

	it.each([
		{ indicatorId: 'labour-market-knowledge', reason: "'dont-understand'" },
		{ indicatorId: 'health-coping', reason: "'declined'" },
		{ indicatorId: 'everyday-coping', reason: 'a missing answer' }
	] as const)('gives null (never 0) for $reason', ({ indicatorId }) => {
		expect(indicatorScore(v1, answers, indicatorId, 'client')).toBeNull();
	});

	it('ignores a stored value outside the scale', () => {
		expect(indicatorScore(v1, { 'client.job-search': 7 }, 'job-search', 'client')).toBeNull();
	});

	it('reads only the given respondent', () => {
		expect(indicatorScore(v1, answers, 'job-search', 'caseworker')).toBeNull();
	});

	it('scores caseworker belief on its 5-step scale', () => {
		const a = { 'caseworker.caseworker-belief': 5 };
		expect(indicatorScore(v1, a, 'caseworker-belief', 'caseworker')).toEqual({
			value: 5,
			normalised: 1,
			min: 1,
			max: 5
		});
	});

	it('turns reversed items so that higher means closer to work', () => {
		const reversed = makeCatalogue({ version: 1, reversed: ['job-search'] });
		const a = answersFor('client', [2, 2], reversed);
		expect(indicatorScore(reversed, a, 'job-search', 'client')).toEqual({
			value: 5,
			normalised: 0.8,
			min: 1,
			max: 6
		});
		// The positive item next to it keeps its value.
		expect(indicatorScore(reversed, a, 'labour-market-knowledge', 'client')?.value).toBe(2);
	});

	it('averages several items on one indicator, skipping gaps', () => {
		const extra = catalogueSchema.parse({
			...v1,
			items: [
				...v1.items,
				{ ...v1.items[0], id: 'client.job-search.b' },
				{ ...v1.items[0], id: 'client.job-search.c' }
			]
		});
		const a: Answers = {
			'client.job-search': 2,
			'client.job-search.b': 5,
			'client.job-search.c': 'declined'
		};
		expect(indicatorScore(extra, a, 'job-search', 'client')).toEqual({
			value: 3.5,
			normalised: 0.5,
			min: 1,
			max: 6
		});
	});
});

describe('compareMeasurements', () => {
	// Client rates 3 everywhere except concentration (6) and job-confidence (declined).
	const client: Answer[] = [3, 3, 3, 3, 3, 3, 3, 6, 3, 'declined'];
	// Caseworker: +1 on job-search, +2 on labour-market-knowledge, −3 on concentration.
	const caseworker: Answer[] = [4, 5, 3, 3, 3, 3, 3, 3, 3, 3, 4];
	const current = scored(client, caseworker);

	it('compares the radar indicators in catalogue order, without caseworker belief', () => {
		const c = compareMeasurements(current);
		expect(c.indicators.map((i) => i.indicatorId)).toEqual(RADAR);
		expect(c.indicators[0].labelKey).toBe(label('job-search'));
	});

	it('computes gap = caseworker − client', () => {
		const gaps = compareMeasurements(current).indicators.map((i) => i.gap);
		expect(gaps).toEqual([1, 2, 0, 0, 0, 0, 0, -3, 0, null]);
	});

	it('marks a talking point iff |gap| ≥ 2', () => {
		expect(TALKING_POINT_GAP).toBe(2);
		const c = compareMeasurements(current);
		const byId = Object.fromEntries(c.indicators.map((i) => [i.indicatorId, i]));
		expect(byId['job-search'].isTalkingPoint).toBe(false);
		expect(byId['labour-market-knowledge'].isTalkingPoint).toBe(true);
		expect(byId['concentration'].isTalkingPoint).toBe(true);
		expect(byId['job-confidence'].isTalkingPoint).toBe(false);
		expect(talkingPoints(c).map((i) => i.indicatorId)).toEqual([
			'labour-market-knowledge',
			'concentration'
		]);
	});

	it('has no change and no previous scores for a first measurement', () => {
		const c = compareMeasurements(current);
		expect(c.isNormalised).toBe(false);
		expect(c.crossesVersions).toBe(false);
		for (const i of c.indicators) {
			expect(i.previousClient).toBeNull();
			expect(i.clientChange).toBeNull();
			expect(i.caseworkerChange).toBeNull();
		}
	});

	it('computes client and caseworker change against the previous measurement', () => {
		const previous = scored([1, 3, 5, 3, 3, 3, 3, 6, 3, 3], [4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 4]);
		const c = compareMeasurements(current, previous);
		expect(c.isNormalised).toBe(false);
		expect(c.crossesVersions).toBe(false);
		expect(c.indicators.map((i) => i.clientChange)).toEqual([2, 0, -2, 0, 0, 0, 0, 0, 0, null]);
		expect(c.indicators.map((i) => i.caseworkerChange)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
		expect(c.indicators[0].previousClient?.value).toBe(1);
	});

	it('compares on the 0–1 scale when the previous version used another scale', () => {
		const v2 = makeCatalogue({ version: 2, steps: 4 });
		const now = scored([4, 1, 3, 2], [4], { catalogue: v2 });
		const before = scored([6, 3, 1, undefined], [1], { catalogue: v1 });
		const c = compareMeasurements(now, before);
		expect(c.isNormalised).toBe(true);
		expect(c.crossesVersions).toBe(true);
		// 4/4 → 1 vs 6/6 → 1; 1/4 → 0 vs 3/6 → 0.4; 3/4 → 0.67 vs 1/6 → 0
		expect(c.indicators.slice(0, 4).map((i) => i.clientChange)).toEqual([0, -0.4, 0.67, null]);
		expect(c.indicators[0].caseworkerChange).toBe(1);
		expect(c.indicators[0].client).toMatchObject({ value: 4, min: 1, max: 4 });
		expect(c.indicators[0].previousClient).toMatchObject({ value: 6, min: 1, max: 6 });
	});

	it('reports crossesVersions for another version with the same scales, without normalising', () => {
		const v2 = makeCatalogue({ version: 2 });
		const c = compareMeasurements(scored([4], [], { catalogue: v2 }), scored([2], []));
		expect(c.crossesVersions).toBe(true);
		expect(c.isNormalised).toBe(false);
		expect(c.indicators[0].clientChange).toBe(2);
	});
});

describe('resultRadar', () => {
	const now = scored([3, 'dont-understand', 5], [4, 4, undefined]);
	const previous = scored([2, 2, 2], [3, 3, 3]);

	it('draws client now, caseworker now and client previous, in that order', () => {
		const radar = resultRadar(compareMeasurements(now, previous));
		expect(radar.series.map((s) => s.kind)).toEqual([
			'client-now',
			'caseworker-now',
			'client-previous'
		]);
		expect(radar.series.map((s) => s.respondent)).toEqual(['client', 'caseworker', 'client']);
		expect(radar.axes.map((a) => a.indicatorId)).toEqual(RADAR);
		expect(radar).toMatchObject({ min: 1, max: 6 });
	});

	it('leaves gaps as null, never 0', () => {
		const radar = resultRadar(compareMeasurements(now, previous));
		const nulls = Array(7).fill(null);
		expect(radar.series[0].values).toEqual([3, null, 5, ...nulls]);
		expect(radar.series[1].values).toEqual([4, 4, null, ...nulls]);
		expect(radar.series[2].values).toEqual([2, 2, 2, ...nulls]);
	});

	it('adds caseworker previous only when asked', () => {
		const radar = resultRadar(compareMeasurements(now, previous), { caseworkerPrevious: true });
		expect(radar.series.map((s) => s.kind)).toEqual([
			'client-now',
			'caseworker-now',
			'client-previous',
			'caseworker-previous'
		]);
		expect(radar.series[3].values.slice(0, 3)).toEqual([3, 3, 3]);
	});

	it('has no previous series for a first measurement', () => {
		const radar = resultRadar(compareMeasurements(now));
		expect(radar.series.map((s) => s.kind)).toEqual(['client-now', 'caseworker-now']);
	});

	it('draws on 0–1 when the comparison is normalised', () => {
		const v2 = makeCatalogue({ version: 2, steps: 4 });
		const radar = resultRadar(
			compareMeasurements(scored([4, 1], [], { catalogue: v2 }), scored([6, 3], []))
		);
		expect(radar).toMatchObject({ min: 0, max: 1 });
		expect(radar.series[0].values.slice(0, 2)).toEqual([1, 0]);
		expect(radar.series[2].values.slice(0, 2)).toEqual([1, 0.4]);
	});
});

describe('overlayRadar', () => {
	it('draws one overlay series per measurement with its date', () => {
		const a = scored([1, 2], [], { takenOn: '2026-03-01' });
		const b = scored([3, undefined], [], { takenOn: '2026-06-01' });
		const radar = overlayRadar([a, b], 'client', v1);
		expect(radar).toMatchObject({ min: 1, max: 6 });
		expect(radar.axes.map((x) => x.indicatorId)).toEqual(RADAR);
		expect(radar.series.map((s) => [s.kind, s.date, s.respondent])).toEqual([
			['overlay', '2026-03-01', 'client'],
			['overlay', '2026-06-01', 'client']
		]);
		expect(radar.series[0].values.slice(0, 3)).toEqual([1, 2, null]);
		expect(radar.series[1].values.slice(0, 3)).toEqual([3, null, null]);
	});

	it('reads the caseworker answers for the caseworker', () => {
		const radar = overlayRadar([scored([1], [5])], 'caseworker', v1);
		expect(radar.series[0].values[0]).toBe(5);
	});

	it('normalises when the measurements use different scales', () => {
		const v2 = makeCatalogue({ version: 2, steps: 4 });
		const radar = overlayRadar([scored([6], []), scored([2], [], { catalogue: v2 })], 'client', v2);
		expect(radar).toMatchObject({ min: 0, max: 1 });
		expect(radar.series.map((s) => s.values[0])).toEqual([1, 1 / 3]);
	});
});

describe('indicatorTimeline', () => {
	it('lists one indicator oldest first, by date and then creation time', () => {
		const late = scored([5], [6], { takenOn: '2026-09-01', createdAt: '2026-09-01T10:00:00.000Z' });
		const early = scored([2], [3], {
			takenOn: '2026-03-01',
			createdAt: '2026-03-01T10:00:00.000Z'
		});
		const sameDayFirst = scored([3], [], {
			takenOn: '2026-06-01',
			createdAt: '2026-06-01T08:00:00.000Z'
		});
		const sameDaySecond = scored(['declined'], [4], {
			takenOn: '2026-06-01',
			createdAt: '2026-06-01T09:00:00.000Z'
		});
		const timeline = indicatorTimeline([late, sameDaySecond, early, sameDayFirst], 'job-search');
		expect(timeline).toEqual([
			{ date: '2026-03-01', client: 2, caseworker: 3 },
			{ date: '2026-06-01', client: 3, caseworker: null },
			{ date: '2026-06-01', client: null, caseworker: 4 },
			{ date: '2026-09-01', client: 5, caseworker: 6 }
		]);
	});

	it('does not reorder its input', () => {
		const a = scored([1], [], { takenOn: '2026-09-01' });
		const b = scored([2], [], { takenOn: '2026-03-01' });
		const input = [a, b];
		indicatorTimeline(input, 'job-search');
		expect(input).toEqual([a, b]);
	});
});

describe('newestFirst', () => {
	it('sorts by date, newest first, then by creation time when dates tie', () => {
		const items = [
			{ id: 'a', takenOn: '2026-03-01', createdAt: '2026-03-01T10:00:00.000Z' },
			{ id: 'b', takenOn: '2026-06-01', createdAt: '2026-06-01T08:00:00.000Z' },
			{ id: 'c', takenOn: '2026-06-01', createdAt: '2026-06-01T09:00:00.000Z' },
			{ id: 'd', takenOn: '2026-01-01', createdAt: '2026-12-01T10:00:00.000Z' }
		];
		expect(newestFirst(items).map((i) => i.id)).toEqual(['c', 'b', 'a', 'd']);
		expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
	});
});

describe('summariseChange', () => {
	it('says it is the first measurement when there is no previous one', () => {
		const lines = summariseChange(compareMeasurements(scored(tens(3), [])));
		expect(lines).toEqual([{ key: 'conversation:summary.firstMeasurement', values: {} }]);
	});

	it('lists improvements, declines, unchanged, missing answers and talking points', () => {
		// Client: job-search 2 → 4, labour-market-knowledge 5 → 3, health-coping not
		// understood now, the other seven stay at 3. Caseworker: two up, one down.
		const before = scored([2, 5, 3, 3, 3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
		const now = scored(
			[4, 3, 'dont-understand', 3, 3, 3, 3, 3, 3, 3],
			[4, 5, 3, 3, 3, 3, 3, 3, 3, 1]
		);
		const lines = summariseChange(compareMeasurements(now, before));
		expect(lines.map((l) => l.key)).toEqual([
			'conversation:summary.clientImproved',
			'conversation:summary.clientDeclined',
			'conversation:summary.clientUnchanged',
			'conversation:summary.caseworkerChanged',
			'conversation:summary.clientMissing',
			'conversation:summary.talkingPoints'
		]);
		const [improved, declined, unchanged, caseworker, missing, points] = lines;
		expect(improved).toEqual({
			key: 'conversation:summary.clientImproved',
			values: { from: 2, to: 4 },
			indicatorKeys: [label('job-search')]
		});
		expect(declined).toEqual({
			key: 'conversation:summary.clientDeclined',
			values: { from: 5, to: 3 },
			indicatorKeys: [label('labour-market-knowledge')]
		});
		expect(unchanged.values).toEqual({ count: 7 });
		expect(unchanged.indicatorKeys).toEqual(RADAR.slice(3).map(label));
		expect(caseworker.values).toEqual({ up: 2, down: 1 });
		expect(missing).toEqual({
			key: 'conversation:summary.clientMissing',
			values: { count: 1 },
			indicatorKeys: [label('health-coping')]
		});
		// labour-market-knowledge: 5 − 3 = 2; job-confidence: 1 − 3 = −2.
		expect(points).toEqual({
			key: 'conversation:summary.talkingPoints',
			values: { count: 2 },
			indicatorKeys: [label('labour-market-knowledge'), label('job-confidence')]
		});
	});

	it('leads with a version warning when the previous measurement used another version', () => {
		const v2 = makeCatalogue({ version: 2, steps: 4 });
		const lines = summariseChange(
			compareMeasurements(scored([4], [], { catalogue: v2 }), scored([3], []))
		);
		expect(lines[0]).toEqual({ key: 'conversation:summary.crossesVersions', values: {} });
		// 3 of 6 (0.4) → 4 of 4 (1.0): an improvement on the common 0–1 scale.
		expect(lines[1]).toMatchObject({
			key: 'conversation:summary.clientImproved',
			indicatorKeys: [label('job-search')]
		});
	});

	// Regression (found by this test, now fixed; src/lib/core/compare/summary.ts, summariseChange, the clientImproved/clientDeclined
	// lines): across catalogue versions with different scales the direction is decided on the
	// normalised 0–1 change, but `from`/`to` are the raw step values of two different scales.
	// 5 of 6 (0.8) → 4 of 4 (1.0) becomes "rates higher than last time (5 → 4)". Fixed so that from/to are given on a common scale (or the numbers are left out).
	it('never says "higher than last time" with a lower number when scales differ', () => {
		const v2 = makeCatalogue({ version: 2, steps: 4 });
		const lines = summariseChange(
			compareMeasurements(scored([4], [], { catalogue: v2 }), scored([5], []))
		);
		const improved = lines.find((l) => l.key === 'conversation:summary.clientImproved');
		expect(improved?.indicatorKeys).toEqual([label('job-search')]);
		expect(Number(improved?.values.to)).toBeGreaterThan(Number(improved?.values.from));
	});

	it('formats averaged values with one decimal', () => {
		const extra = catalogueSchema.parse({
			...v1,
			items: [...v1.items, { ...v1.items[0], id: 'client.job-search.b' }]
		});
		const before: ScoredMeasurement = {
			catalogue: extra,
			measurement: makeMeasurement({
				clientAnswers: { 'client.job-search': 1, 'client.job-search.b': 2 },
				caseworkerAnswers: {}
			})
		};
		const now: ScoredMeasurement = {
			catalogue: extra,
			measurement: makeMeasurement({
				clientAnswers: { 'client.job-search': 3, 'client.job-search.b': 4 },
				caseworkerAnswers: {}
			})
		};
		const [line] = summariseChange(compareMeasurements(now, before));
		expect(line.values).toEqual({ from: '1.5', to: '3.5' });
	});
});
