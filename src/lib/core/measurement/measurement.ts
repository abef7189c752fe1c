import { z } from '../zod';
import { caseworkerIdSchema, clientIdSchema, measurementIdSchema } from '../ids';
import { isoDateSchema, timestampSchema } from '../time';
import { catalogueRefSchema, indicatorIdSchema } from '../catalogue/schema';
import { answersSchema } from './answers';
import { languageCodeSchema, registerSchema } from '../languages';
import { looksLikePersonalIdentityNumber } from '../client/identity-number';
import { canonical } from '../canonical';

export const MAX_FOCUS_INDICATORS = 3;
export const MAX_NOTE_LENGTH = 2000;

/** One BIP conversation as saved: raw answers only, scores are always derived. */
export const measurementSchema = z
	.object({
		id: measurementIdSchema,
		clientId: clientIdSchema,
		caseworkerId: caseworkerIdSchema,
		/** The date of the conversation. */
		takenOn: isoDateSchema,
		createdAt: timestampSchema,
		updatedAt: timestampSchema,
		/** The client's language and register while answering. */
		language: languageCodeSchema,
		register: registerSchema,
		clientAnswers: answersSchema,
		caseworkerAnswers: answersSchema,
		focusIndicators: z.array(indicatorIdSchema).max(MAX_FOCUS_INDICATORS),
		note: z.string().max(MAX_NOTE_LENGTH),
		isDemo: z.boolean()
	})
	.extend(catalogueRefSchema.shape)
	.strict();
export type Measurement = z.infer<typeof measurementSchema>;

/**
 * Whether two measurements hold the same conversation: everything but the time they were
 * written. Saving a conversation again (a retry after an interrupted save) is harmless only
 * when this holds; otherwise a second tab's answers would be dropped for the first tab's.
 */
export function sameConversation(a: Measurement, b: Measurement): boolean {
	const untimed = (m: Measurement) => canonical({ ...m, createdAt: '', updatedAt: '' });
	return untimed(a) === untimed(b);
}

/**
 * The conversation note as it may be saved: it is printed and goes into the case-record
 * text and exports, so a personal identity number is refused, as in a client code.
 * Stored measurements are read with the looser `measurementSchema`, so notes saved
 * before this rule still open.
 */
export const noteInputSchema = z
	.string()
	.max(MAX_NOTE_LENGTH, { message: 'note-too-long' })
	.refine((s) => !looksLikePersonalIdentityNumber(s), { message: 'note-contains-pin' });

export type NoteProblem = 'note-too-long' | 'note-contains-pin';

/** Why a conversation note cannot be saved, or null. */
export function checkNote(note: string): NoteProblem | null {
	const result = noteInputSchema.safeParse(note);
	return result.success ? null : (result.error.issues[0].message as NoteProblem);
}
