import type { Catalogue, IndicatorId } from '../catalogue/schema';
import {
	findCatalogue,
	radarIndicators,
	type CatalogueRegistry,
	PUBLISHED_CATALOGUES
} from '../catalogue/registry';
import type { Measurement } from '../measurement/measurement';
import { indicatorScore, type IndicatorScore } from './scores';

/** A measurement together with the catalogue version it was answered on. */
export type ScoredMeasurement = { measurement: Measurement; catalogue: Catalogue };

/** Client–caseworker difference (in scale steps) that makes an indicator a talking point. */
export const TALKING_POINT_GAP = 2;

export type IndicatorComparison = {
	indicatorId: IndicatorId;
	labelKey: string;
	client: IndicatorScore | null;
	caseworker: IndicatorScore | null;
	previousClient: IndicatorScore | null;
	previousCaseworker: IndicatorScore | null;
	/** caseworker − client in steps; null when either is missing. */
	gap: number | null;
	isTalkingPoint: boolean;
	/** Change of the client's own rating since the previous measurement, in steps (or 0–1 units across scales). */
	clientChange: number | null;
	caseworkerChange: number | null;
};

export type MeasurementComparison = {
	indicators: IndicatorComparison[];
	/** True when the previous measurement used another scale, so changes are on the 0–1 scale. */
	isNormalised: boolean;
	/** True when the previous measurement came from another catalogue version. */
	crossesVersions: boolean;
};

function sameScale(a: IndicatorScore | null, b: IndicatorScore | null): boolean {
	return !!a && !!b && a.min === b.min && a.max === b.max;
}

function difference(
	now: IndicatorScore | null,
	before: IndicatorScore | null,
	normalised: boolean
): number | null {
	if (!now || !before) return null;
	return normalised
		? round(now.normalised - before.normalised, 2)
		: round(now.value - before.value, 2);
}

function round(n: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
}

/**
 * Compares a measurement with the one before it, indicator by indicator (by id, so
 * it works across catalogue versions; normalised to 0–1 when scales differ).
 */
export function compareMeasurements(
	current: ScoredMeasurement,
	previous?: ScoredMeasurement
): MeasurementComparison {
	const { measurement: m, catalogue } = current;
	const indicators = radarIndicators(catalogue).map((indicator) => {
		const client = indicatorScore(catalogue, m.clientAnswers, indicator.id, 'client');
		const caseworker = indicatorScore(catalogue, m.caseworkerAnswers, indicator.id, 'caseworker');
		const previousClient = previous
			? indicatorScore(
					previous.catalogue,
					previous.measurement.clientAnswers,
					indicator.id,
					'client'
				)
			: null;
		const previousCaseworker = previous
			? indicatorScore(
					previous.catalogue,
					previous.measurement.caseworkerAnswers,
					indicator.id,
					'caseworker'
				)
			: null;
		const gap = client && caseworker ? round(caseworker.value - client.value, 2) : null;
		return {
			indicatorId: indicator.id,
			labelKey: indicator.labelKey,
			client,
			caseworker,
			previousClient,
			previousCaseworker,
			gap,
			isTalkingPoint: gap !== null && Math.abs(gap) >= TALKING_POINT_GAP,
			clientChange: null as number | null,
			caseworkerChange: null as number | null
		};
	});
	const isNormalised = indicators.some(
		(i) =>
			(i.client && i.previousClient && !sameScale(i.client, i.previousClient)) ||
			(i.caseworker && i.previousCaseworker && !sameScale(i.caseworker, i.previousCaseworker))
	);
	for (const i of indicators) {
		i.clientChange = difference(i.client, i.previousClient, isNormalised);
		i.caseworkerChange = difference(i.caseworker, i.previousCaseworker, isNormalised);
	}
	const crossesVersions =
		!!previous &&
		(previous.catalogue.id !== catalogue.id || previous.catalogue.version !== catalogue.version);
	return { indicators, isNormalised, crossesVersions };
}

/** Indicators where client and caseworker differ by two steps or more. */
export function talkingPoints(comparison: MeasurementComparison): IndicatorComparison[] {
	return comparison.indicators.filter((i) => i.isTalkingPoint);
}

/**
 * A saved measurement compared with the one before it, each on its own catalogue
 * version. Undefined when the measurement's catalogue version is unknown to this build.
 */
export function compareWithPrevious(
	measurement: Measurement,
	previous: Measurement | undefined,
	registry: CatalogueRegistry = PUBLISHED_CATALOGUES
): { catalogue: Catalogue; comparison: MeasurementComparison } | undefined {
	const catalogue = findCatalogue(measurement, registry);
	if (!catalogue) return undefined;
	const previousCatalogue = previous && findCatalogue(previous, registry);
	const comparison = compareMeasurements(
		{ measurement, catalogue },
		previous && previousCatalogue
			? { measurement: previous, catalogue: previousCatalogue }
			: undefined
	);
	return { catalogue, comparison };
}
