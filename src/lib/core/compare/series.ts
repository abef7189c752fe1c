import type { Catalogue, IndicatorId, Respondent } from '../catalogue/schema';
import { radarIndicators, radarRange } from '../catalogue/registry';
import type { MeasurementComparison } from './compare';
import type { ScoredMeasurement } from './compare';
import { indicatorScore } from './scores';

/** Which line a series draws; the UI maps this to a colour, a dash pattern and a legend key. */
export type SeriesKind =
	'client-now' | 'caseworker-now' | 'client-previous' | 'caseworker-previous' | 'overlay';

export type ChartSeries = {
	kind: SeriesKind;
	/** For overlays: the measurement date shown in the legend. */
	date?: string;
	respondent: Respondent;
	values: (number | null)[];
};

export type RadarData = {
	axes: { indicatorId: IndicatorId; labelKey: string }[];
	/** The scale range of the axes (steps, or 0–1 when normalised). */
	min: number;
	max: number;
	series: ChartSeries[];
};

/** Radar data for one conversation's result: client now, caseworker now, client previous (and optionally caseworker previous). */
export function resultRadar(
	comparison: MeasurementComparison,
	options: { caseworkerPrevious?: boolean } = {}
): RadarData {
	const pick = (
		f: (
			i: MeasurementComparison['indicators'][number]
		) => { value: number; normalised: number } | null
	) =>
		comparison.indicators.map((i) => {
			const s = f(i);
			return s ? (comparison.isNormalised ? s.normalised : s.value) : null;
		});
	const first = comparison.indicators.find((i) => i.client ?? i.caseworker);
	const range = first?.client ?? first?.caseworker;
	const series: ChartSeries[] = [
		{ kind: 'client-now', respondent: 'client', values: pick((i) => i.client) },
		{ kind: 'caseworker-now', respondent: 'caseworker', values: pick((i) => i.caseworker) }
	];
	if (comparison.indicators.some((i) => i.previousClient))
		series.push({
			kind: 'client-previous',
			respondent: 'client',
			values: pick((i) => i.previousClient)
		});
	if (options.caseworkerPrevious && comparison.indicators.some((i) => i.previousCaseworker))
		series.push({
			kind: 'caseworker-previous',
			respondent: 'caseworker',
			values: pick((i) => i.previousCaseworker)
		});
	return {
		axes: comparison.indicators.map((i) => ({ indicatorId: i.indicatorId, labelKey: i.labelKey })),
		min: comparison.isNormalised ? 0 : (range?.min ?? 1),
		max: comparison.isNormalised ? 1 : (range?.max ?? 6),
		series
	};
}

function scalesDiffer(measurements: ScoredMeasurement[]): boolean {
	const keys = new Set(
		measurements.flatMap(({ catalogue }) =>
			catalogue.items.map((i) => `${i.indicatorId}:${i.scaleId}`)
		)
	);
	const perIndicator = new Map<string, number>();
	for (const k of keys) {
		const id = k.split(':')[0];
		perIndicator.set(id, (perIndicator.get(id) ?? 0) + 1);
	}
	return [...perIndicator.values()].some((n) => n > 1);
}

/** Several measurements of one respondent drawn on one radar (the client page's overlay). */
export function overlayRadar(
	measurements: ScoredMeasurement[],
	respondent: Respondent,
	axesFrom: Catalogue
): RadarData {
	const axes = radarIndicators(axesFrom).map((i) => ({ indicatorId: i.id, labelKey: i.labelKey }));
	const normalised = scalesDiffer(measurements);
	const series = measurements.map(({ measurement, catalogue }) => ({
		kind: 'overlay' as const,
		date: measurement.takenOn,
		respondent,
		values: axes.map(({ indicatorId }) => {
			const answers =
				respondent === 'client' ? measurement.clientAnswers : measurement.caseworkerAnswers;
			const s = indicatorScore(catalogue, answers, indicatorId, respondent);
			return s ? (normalised ? s.normalised : s.value) : null;
		})
	}));
	const range = normalised ? { min: 0, max: 1 } : radarRange(axesFrom);
	return { axes, ...range, series };
}

export type TimelinePoint = { date: string; client: number | null; caseworker: number | null };

/** One indicator over time, oldest first, for a line chart and its table. */
export function indicatorTimeline(
	measurements: ScoredMeasurement[],
	indicatorId: IndicatorId
): TimelinePoint[] {
	return [...measurements]
		.sort(
			(a, b) =>
				a.measurement.takenOn.localeCompare(b.measurement.takenOn) ||
				a.measurement.createdAt.localeCompare(b.measurement.createdAt)
		)
		.map(({ measurement, catalogue }) => ({
			date: measurement.takenOn,
			client:
				indicatorScore(catalogue, measurement.clientAnswers, indicatorId, 'client')?.value ?? null,
			caseworker:
				indicatorScore(catalogue, measurement.caseworkerAnswers, indicatorId, 'caseworker')
					?.value ?? null
		}));
}

/** Newest first, by conversation date and then by creation time (robust to a clock set back). */
export function newestFirst<T extends { takenOn: string; createdAt: string }>(items: T[]): T[] {
	return [...items].sort(
		(a, b) => b.takenOn.localeCompare(a.takenOn) || b.createdAt.localeCompare(a.createdAt)
	);
}
