import type { MeasurementComparison } from './compare';

/**
 * One sentence of the plain-words summary: an i18n key and its values. The core never
 * holds text; the UI translates `key` with `values` (indicator labels are keys too).
 */
export type SummaryLine = {
	key: string;
	values: Record<string, string | number>;
	indicatorKeys?: string[];
};

/**
 * "What changed since last time", in plain words, from the client's own ratings and
 * the caseworker's. Lists improvements first, then declines, then what is unchanged,
 * then gaps worth talking about.
 */
export function summariseChange(comparison: MeasurementComparison): SummaryLine[] {
	const lines: SummaryLine[] = [];
	// Across different scales, numbers are shown on the common 0–1 scale so they agree with the direction.
	const show = (s: { value: number; normalised: number } | null) =>
		comparison.isNormalised ? fmt(s?.normalised, 2) : fmt(s?.value, 1);
	const withPrevious = comparison.indicators.filter(
		(i) => i.previousClient || i.previousCaseworker
	);
	if (withPrevious.length === 0) {
		lines.push({ key: 'conversation:summary.firstMeasurement', values: {} });
	} else {
		if (comparison.crossesVersions)
			lines.push({ key: 'conversation:summary.crossesVersions', values: {} });
		const improved = comparison.indicators.filter((i) => (i.clientChange ?? 0) > 0);
		const declined = comparison.indicators.filter((i) => (i.clientChange ?? 0) < 0);
		const unchanged = comparison.indicators.filter((i) => i.clientChange === 0);
		for (const i of improved)
			lines.push({
				key: 'conversation:summary.clientImproved',
				values: { from: show(i.previousClient), to: show(i.client) },
				indicatorKeys: [i.labelKey]
			});
		for (const i of declined)
			lines.push({
				key: 'conversation:summary.clientDeclined',
				values: { from: show(i.previousClient), to: show(i.client) },
				indicatorKeys: [i.labelKey]
			});
		if (unchanged.length > 0)
			lines.push({
				key: 'conversation:summary.clientUnchanged',
				values: { count: unchanged.length },
				indicatorKeys: unchanged.map((i) => i.labelKey)
			});
		const caseworkerUp = comparison.indicators.filter((i) => (i.caseworkerChange ?? 0) > 0).length;
		const caseworkerDown = comparison.indicators.filter(
			(i) => (i.caseworkerChange ?? 0) < 0
		).length;
		if (caseworkerUp + caseworkerDown > 0)
			lines.push({
				key: 'conversation:summary.caseworkerChanged',
				values: { up: caseworkerUp, down: caseworkerDown }
			});
	}
	const missing = comparison.indicators.filter((i) => !i.client);
	if (missing.length > 0)
		lines.push({
			key: 'conversation:summary.clientMissing',
			values: { count: missing.length },
			indicatorKeys: missing.map((i) => i.labelKey)
		});
	const points = comparison.indicators.filter((i) => i.isTalkingPoint);
	if (points.length > 0)
		lines.push({
			key: 'conversation:summary.talkingPoints',
			values: { count: points.length },
			indicatorKeys: points.map((i) => i.labelKey)
		});
	return lines;
}

function fmt(n: number | undefined, digits: number): string | number {
	if (n === undefined) return '–';
	return Number.isInteger(n) && digits === 1 ? n : n.toFixed(digits);
}
