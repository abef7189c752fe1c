import { looksLikePersonalIdentityNumber } from '../client/identity-number';
import { z } from '../zod';
import { clientIdSchema, type IdSource } from '../ids';
import { isoDateSchema, timestampSchema, type IsoDate } from '../time';
import { cleanText } from '../client/client';

const idString = z
	.string()
	.min(8)
	.max(64)
	.regex(/^[A-Za-z0-9-]+$/);

export const interventionIdSchema = idString.brand<'InterventionId'>();
export type InterventionId = z.infer<typeof interventionIdSchema>;
export const caseworkerChangeIdSchema = idString.brand<'CaseworkerChangeId'>();
export type CaseworkerChangeId = z.infer<typeof caseworkerChangeIdSchema>;

/** The kinds of intervention the research distinguishes (work-oriented first). */
export const INTERVENTION_TYPES = ['work', 'education', 'health', 'social', 'other'] as const;
export const interventionTypeSchema = z.enum(INTERVENTION_TYPES);
export type InterventionType = z.infer<typeof interventionTypeSchema>;

export const MAX_PAUSES = 20;
export const CASEWORKER_NAME_MAX = 60;

export const pauseSchema = z
	.object({ from: isoDateSchema, to: isoDateSchema })
	.strict()
	.refine((p) => p.to >= p.from, { message: 'pause-ends-before-start', path: ['to'] });
export type Pause = z.infer<typeof pauseSchema>;

/** What the caseworker enters for an intervention. */
export const interventionInputSchema = z
	.object({
		type: interventionTypeSchema,
		startOn: isoDateSchema,
		/** Null while it is still running. */
		endOn: isoDateSchema.nullable(),
		pauses: z.array(pauseSchema).max(MAX_PAUSES)
	})
	.strict();
export type InterventionInput = z.infer<typeof interventionInputSchema>;

/** Why an intervention's dates do not fit together, or null. */
export function checkInterventionDates(
	i: Pick<InterventionInput, 'startOn' | 'endOn' | 'pauses'>
): 'ends-before-start' | 'pause-outside' | 'pauses-overlap' | null {
	if (i.endOn && i.endOn < i.startOn) return 'ends-before-start';
	for (const p of i.pauses)
		if (p.from < i.startOn || (i.endOn && p.to > i.endOn)) return 'pause-outside';
	const sorted = [...i.pauses].sort((a, b) => a.from.localeCompare(b.from));
	for (let n = 1; n < sorted.length; n++)
		if (sorted[n].from <= sorted[n - 1].to) return 'pauses-overlap';
	return null;
}

export const interventionSchema = z
	.object({
		id: interventionIdSchema,
		clientId: clientIdSchema,
		type: interventionTypeSchema,
		startOn: isoDateSchema,
		endOn: isoDateSchema.nullable(),
		pauses: z.array(pauseSchema).max(MAX_PAUSES),
		createdAt: timestampSchema,
		updatedAt: timestampSchema,
		isDemo: z.boolean()
	})
	.strict()
	.superRefine((i, ctx) => {
		const problem = checkInterventionDates(i);
		if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endOn'] });
	});
export type Intervention = z.infer<typeof interventionSchema>;

const caseworkerName = z
	.string()
	.transform(cleanText)
	.pipe(z.string().max(CASEWORKER_NAME_MAX, { message: 'too-long' }));

/** A name as typed in the form: never a personal identity number (stored changes are read without this check). */
const caseworkerNameInput = caseworkerName.refine(
	(name) => !looksLikePersonalIdentityNumber(name),
	{
		message: 'contains-pin'
	}
);

export const caseworkerChangeInputSchema = z
	.object({
		changedOn: isoDateSchema,
		/** Name or initials; personal text, kept out of indexes. */
		from: caseworkerNameInput,
		to: caseworkerNameInput.pipe(z.string().min(1, { message: 'required' }))
	})
	.strict();
export type CaseworkerChangeInput = z.input<typeof caseworkerChangeInputSchema>;

export const caseworkerChangeSchema = z
	.object({
		id: caseworkerChangeIdSchema,
		clientId: clientIdSchema,
		changedOn: isoDateSchema,
		from: caseworkerName,
		to: caseworkerName,
		createdAt: timestampSchema,
		updatedAt: timestampSchema,
		isDemo: z.boolean()
	})
	.strict();
export type CaseworkerChange = z.infer<typeof caseworkerChangeSchema>;

export function newIntervention(
	input: InterventionInput,
	o: { clientId: Intervention['clientId']; now: Date; newId: IdSource; isDemo?: boolean }
): Intervention {
	const at = o.now.toISOString();
	return interventionSchema.parse({
		...interventionInputSchema.parse(input),
		id: o.newId(),
		clientId: o.clientId,
		createdAt: at,
		updatedAt: at,
		isDemo: o.isDemo ?? false
	});
}

export function newCaseworkerChange(
	input: CaseworkerChangeInput,
	o: { clientId: CaseworkerChange['clientId']; now: Date; newId: IdSource; isDemo?: boolean }
): CaseworkerChange {
	const at = o.now.toISOString();
	return caseworkerChangeSchema.parse({
		...caseworkerChangeInputSchema.parse(input),
		id: o.newId(),
		clientId: o.clientId,
		createdAt: at,
		updatedAt: at,
		isDemo: o.isDemo ?? false
	});
}

// Reducers (validated: an impossible result throws, the input is never mutated).

export function endIntervention(i: Intervention, endOn: IsoDate): Intervention {
	return interventionSchema.parse({ ...i, endOn });
}

export function addPause(i: Intervention, pause: Pause): Intervention {
	return interventionSchema.parse({ ...i, pauses: [...i.pauses, pause] });
}

export function removePause(i: Intervention, index: number): Intervention {
	return { ...i, pauses: i.pauses.filter((_, n) => n !== index) };
}
