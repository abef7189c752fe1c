import {
	ratingValue,
	type Answers,
	type Catalogue,
	type MeasurementComparison,
	type TextRenderer,
	type TextValue
} from '$lib/core';

export type ReportTable = {
	columns: string[];
	rows: { label: string; cells: string[]; highlight?: boolean; note?: string }[];
};

/** The result table (client, caseworker, gap, previous, change) rendered in one language. */
export function resultTable(
	comparison: MeasurementComparison,
	catalogue: Catalogue,
	answers: { client: Answers; caseworker: Answers },
	r: TextRenderer
): ReportTable {
	const t = (key: string) => r.t(key, {});
	const show = (v: TextValue) =>
		typeof v === 'number' ? r.number(v) : typeof v === 'string' ? v : t(v.key);
	const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${r.number(n)}` : r.number(n));
	const hasPrevious = comparison.indicators.some((i) => i.previousClient);
	return {
		columns: [
			t('conversation:result.indicator'),
			t('conversation:series.client-now'),
			t('conversation:series.caseworker-now'),
			t('conversation:result.gap'),
			...(hasPrevious
				? [t('conversation:series.client-previous'), t('conversation:result.change')]
				: [])
		],
		rows: comparison.indicators.map((i) => ({
			label: t(i.labelKey),
			highlight: i.isTalkingPoint,
			note: i.isTalkingPoint ? t('conversation:result.talkingPoint') : undefined,
			cells: [
				show(ratingValue(catalogue, answers.client, i.indicatorId, 'client', i.client?.value)),
				show(
					ratingValue(
						catalogue,
						answers.caseworker,
						i.indicatorId,
						'caseworker',
						i.caseworker?.value
					)
				),
				signed(i.gap),
				...(hasPrevious
					? [i.previousClient ? r.number(i.previousClient.value) : '–', signed(i.clientChange)]
					: [])
			]
		}))
	};
}
