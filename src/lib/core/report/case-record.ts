import type { Client } from '../client/client';
import type { Measurement } from '../measurement/measurement';
import type { Catalogue } from '../catalogue/schema';
import type { MeasurementComparison } from '../compare/compare';
import { summariseChange } from '../compare/summary';
import { indicatorScore } from '../compare/scores';
import { scaleOf } from '../catalogue/registry';
import { ratingValue, type TextLine } from './text';

export type CaseRecordInput = {
	client: Client;
	measurement: Measurement;
	catalogue: Catalogue;
	comparison: MeasurementComparison;
	previousDate: string | undefined;
	/** Who held the conversation, e.g. "Anna Berg, Jobbtorget Väst"; undefined when unknown. */
	caseworker: string | undefined;
	/** The unit setting: include the caseworker's belief (off by default). */
	includeBelief: boolean;
};

/** The caseworker's belief in the client's job chance (not on the radar), with its scale. */
export function beliefOf(
	catalogue: Catalogue,
	measurement: Measurement
): { value: number; max: number } | undefined {
	const score = indicatorScore(
		catalogue,
		measurement.caseworkerAnswers,
		'caseworker-belief',
		'caseworker'
	);
	const item = catalogue.items.find((i) => i.indicatorId === 'caseworker-belief');
	if (!score || !item) return undefined;
	const steps = scaleOf(catalogue, item).steps;
	return { value: score.value, max: steps[steps.length - 1].value };
}

/**
 * The paste-ready summary for a case-record system's free-text field, as i18n keys
 * (the app renders it in Swedish). Pseudonym only; plain lines, no markup.
 */
export function caseRecordLines(input: CaseRecordInput): TextLine[] {
	const { client, measurement: m, catalogue, comparison } = input;
	const hasPrevious = comparison.indicators.some((i) => i.previousClient);
	const first = comparison.indicators.find((i) => i.client ?? i.caseworker);
	const range = first?.client ?? first?.caseworker;
	const lines: TextLine[] = [
		{ key: 'exchange:caseRecord.title', values: { date: m.takenOn } },
		{ key: 'exchange:caseRecord.participant', values: { code: client.code } },
		input.caseworker
			? { key: 'exchange:caseRecord.caseworker', values: { caseworker: input.caseworker } }
			: { key: 'exchange:caseRecord.caseworkerUnknown' },
		{
			key: 'exchange:caseRecord.language',
			values: {
				language: { key: `exchange:report.languageName.${m.language}` },
				register: { key: `common:register.${m.register}` }
			}
		},
		{
			key: 'exchange:caseRecord.catalogue',
			values: { catalogue: m.catalogueId, version: m.catalogueVersion }
		},
		input.previousDate
			? { key: 'exchange:caseRecord.previous', values: { date: input.previousDate } }
			: { key: 'exchange:caseRecord.noPrevious' },
		{
			key: hasPrevious
				? 'exchange:caseRecord.ratingsHeading'
				: 'exchange:caseRecord.ratingsHeadingNoPrevious',
			values: {
				min: comparison.isNormalised ? 0 : (range?.min ?? 1),
				max: comparison.isNormalised ? 1 : (range?.max ?? 6)
			},
			gap: true
		},
		...comparison.indicators.map((i): TextLine => ({
			key: hasPrevious ? 'exchange:caseRecord.rating' : 'exchange:caseRecord.ratingNoPrevious',
			bullet: true,
			values: {
				indicator: { key: i.labelKey },
				client: ratingValue(catalogue, m.clientAnswers, i.indicatorId, 'client', i.client?.value),
				caseworker: ratingValue(
					catalogue,
					m.caseworkerAnswers,
					i.indicatorId,
					'caseworker',
					i.caseworker?.value
				),
				previous: i.previousClient ? i.previousClient.value : '–'
			}
		}))
	];
	const belief = input.includeBelief ? beliefOf(catalogue, m) : undefined;
	if (belief)
		lines.push({ key: 'exchange:caseRecord.belief', values: { ...belief }, bullet: true });
	lines.push({ key: 'exchange:caseRecord.changedHeading', gap: true });
	for (const s of summariseChange(comparison)) lines.push({ ...s, bullet: true });
	lines.push(
		m.focusIndicators.length > 0
			? {
					key: 'exchange:caseRecord.focus',
					indicatorKeys: m.focusIndicators.map((f) => `catalogue:indicators.${f}.label`),
					gap: true
				}
			: { key: 'exchange:caseRecord.focusNone', gap: true }
	);
	if (m.note.trim())
		lines.push({ key: 'exchange:caseRecord.note', values: { note: m.note.trim() } });
	lines.push({ key: 'exchange:caseRecord.footer', gap: true });
	return lines;
}

/** Summary lines about the client's own ratings only: for the client's copy (no caseworker view). */
export function clientOnlySummary(comparison: MeasurementComparison): TextLine[] {
	const own = new Set([
		'conversation:summary.firstMeasurement',
		'conversation:summary.crossesVersions',
		'conversation:summary.clientImproved',
		'conversation:summary.clientDeclined',
		'conversation:summary.clientUnchanged',
		'conversation:summary.clientMissing'
	]);
	return summariseChange(comparison).filter((l) => own.has(l.key));
}
