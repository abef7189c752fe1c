import { z } from '../zod';

/** The 11 BIP indicators. Ids are permanent: never renamed, never reused. */
export const INDICATOR_IDS = [
	'job-search',
	'labour-market-knowledge',
	'health-coping',
	'everyday-coping',
	'network-support',
	'cooperation',
	'contact',
	'concentration',
	'purposefulness',
	'job-confidence',
	'caseworker-belief'
] as const;

export const indicatorIdSchema = z.enum(INDICATOR_IDS);
export type IndicatorId = z.infer<typeof indicatorIdSchema>;

export const respondentSchema = z.enum(['client', 'caseworker']);
export type Respondent = z.infer<typeof respondentSchema>;

/** An i18n key; the core never holds text. */
const i18nKey = z.string().min(1).max(200);

export const scaleStepSchema = z.object({
	value: z.number().int(),
	labelKey: i18nKey
});

export const scaleSchema = z
	.object({
		id: z.string().min(1).max(60),
		steps: z.array(scaleStepSchema).min(2).max(11)
	})
	.refine((s) => s.steps.every((step, i) => i === 0 || step.value === s.steps[i - 1].value + 1), {
		message: 'scale steps must be consecutive integers in ascending order'
	});
export type Scale = z.infer<typeof scaleSchema>;

export const indicatorSchema = z.object({
	id: indicatorIdSchema,
	labelKey: i18nKey,
	descriptionKey: i18nKey,
	/** What the research says about this indicator and getting a job (caseworker screens only). */
	jobLink: z.enum(['yes', 'strongest', 'no-data']),
	/** Whether the indicator is an axis on the radar chart. */
	onRadar: z.boolean()
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const itemSchema = z.object({
	id: z.string().min(1).max(80),
	indicatorId: indicatorIdSchema,
	respondent: respondentSchema,
	scaleId: z.string().min(1).max(60),
	/** `reversed`: a higher step means further from work. */
	polarity: z.enum(['positive', 'reversed']),
	/** Question text key; the easy-language variant is the `_easy` context of the same key. */
	textKey: i18nKey,
	/** Optional example or help text shown under the question. */
	helpKey: i18nKey.optional()
});
export type Item = z.infer<typeof itemSchema>;

export const catalogueSchema = z
	.object({
		id: z.string().min(1).max(60),
		version: z.number().int().positive(),
		indicators: z.array(indicatorSchema).min(1),
		scales: z.array(scaleSchema).min(1),
		items: z.array(itemSchema).min(1)
	})
	.superRefine((cat, ctx) => {
		const scaleIds = new Set(cat.scales.map((s) => s.id));
		const indicatorIds = new Set(cat.indicators.map((i) => i.id));
		const itemIds = new Set<string>();
		for (const item of cat.items) {
			if (itemIds.has(item.id))
				ctx.addIssue({ code: 'custom', message: `duplicate item ${item.id}` });
			itemIds.add(item.id);
			if (!scaleIds.has(item.scaleId))
				ctx.addIssue({ code: 'custom', message: `item ${item.id} uses unknown scale` });
			if (!indicatorIds.has(item.indicatorId))
				ctx.addIssue({ code: 'custom', message: `item ${item.id} uses unknown indicator` });
		}
		if (indicatorIds.size !== cat.indicators.length)
			ctx.addIssue({ code: 'custom', message: 'duplicate indicator' });
	});
export type Catalogue = z.infer<typeof catalogueSchema>;

/** What identifies a published catalogue: a published version is immutable. */
export const catalogueRefSchema = z.object({
	catalogueId: z.string().min(1).max(60),
	catalogueVersion: z.number().int().positive()
});
export type CatalogueRef = z.infer<typeof catalogueRefSchema>;
