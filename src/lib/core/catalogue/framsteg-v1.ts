import { catalogueSchema, INDICATOR_IDS, type Catalogue } from './schema';

/**
 * Framsteg's own question catalogue, version 1. The wording lives in
 * `locales/<lang>/catalogue.json`; this file only says which questions exist.
 * It builds on the published BIP research (the 11 indicators) but the questions
 * and scales are our own. Published versions are immutable: change wording by
 * adding a new version file.
 */
const ratedIndicators = INDICATOR_IDS.filter((id) => id !== 'caseworker-belief');

const jobLinked = new Set([
	'job-search',
	'labour-market-knowledge',
	'health-coping',
	'cooperation',
	'purposefulness',
	'job-confidence'
]);

const steps = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => ({
		value: i + 1,
		labelKey: `catalogue:scales.${prefix}.step${i + 1}`
	}));

export const FRAMSTEG_V1: Catalogue = catalogueSchema.parse({
	id: 'framsteg',
	version: 1,
	indicators: INDICATOR_IDS.map((id) => ({
		id,
		labelKey: `catalogue:indicators.${id}.label`,
		descriptionKey: `catalogue:indicators.${id}.description`,
		jobLink: id === 'caseworker-belief' ? 'strongest' : jobLinked.has(id) ? 'yes' : 'no-data',
		onRadar: id !== 'caseworker-belief'
	})),
	scales: [
		{ id: 'agreement-6', steps: steps('agreement6', 6) },
		{ id: 'belief-5', steps: steps('belief5', 5) }
	],
	items: [
		...ratedIndicators.map((indicatorId) => ({
			id: `client.${indicatorId}`,
			indicatorId,
			respondent: 'client' as const,
			scaleId: 'agreement-6',
			polarity: 'positive' as const,
			textKey: `catalogue:items.client.${indicatorId}.text`,
			helpKey: `catalogue:items.client.${indicatorId}.help`
		})),
		...ratedIndicators.map((indicatorId) => ({
			id: `caseworker.${indicatorId}`,
			indicatorId,
			respondent: 'caseworker' as const,
			scaleId: 'agreement-6',
			polarity: 'positive' as const,
			textKey: `catalogue:items.caseworker.${indicatorId}.text`
		})),
		{
			id: 'caseworker.caseworker-belief',
			indicatorId: 'caseworker-belief',
			respondent: 'caseworker',
			scaleId: 'belief-5',
			polarity: 'positive',
			textKey: 'catalogue:items.caseworker.caseworker-belief.text',
			helpKey: 'catalogue:items.caseworker.caseworker-belief.help'
		}
	]
});
