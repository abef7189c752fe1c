import { z } from '../zod';
import { caseworkerIdSchema, clientIdSchema, measurementIdSchema } from '../ids';
import { isoDateSchema, timestampSchema } from '../time';
import { isDay, isId, isOneOf, isStamp, plainKeyCount } from '../quick-check';
import { catalogueRefSchema, INDICATOR_IDS, indicatorIdSchema } from '../catalogue/schema';
import { answersSchema, isAnswers } from './answers';
import { LANGUAGE_CODES, languageCodeSchema, registerSchema } from '../languages';
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

const MEASUREMENT_KEYS = new Set(Object.keys(measurementSchema.shape));

/**
 * Whether a value is a measurement as the app writes it, checked in one pass
 * without zod: every stored measurement is validated on each read, and team
 * statistics read all of them (100,000 on a large unit), where zod's parse costs
 * several times this. True only for values `measurementSchema` accepts unchanged
 * (a unit test holds the two together); false sends the value to zod, which
 * accepts the rarer valid forms (a timestamp with an offset) and refuses the rest.
 */
export function isMeasurement(value: unknown): value is Measurement {
	if (plainKeyCount(value, MEASUREMENT_KEYS) !== MEASUREMENT_KEYS.size) return false;
	const m = value as Record<keyof Measurement, unknown>;
	const focus = m.focusIndicators;
	return (
		isId(m.id) &&
		isId(m.clientId) &&
		isId(m.caseworkerId) &&
		isDay(m.takenOn) &&
		isStamp(m.createdAt) &&
		isStamp(m.updatedAt) &&
		isOneOf(LANGUAGE_CODES, m.language) &&
		(m.register === 'standard' || m.register === 'easy') &&
		isAnswers(m.clientAnswers) &&
		isAnswers(m.caseworkerAnswers) &&
		Array.isArray(focus) &&
		focus.length <= MAX_FOCUS_INDICATORS &&
		focus.every((id) => isOneOf(INDICATOR_IDS, id)) &&
		typeof m.note === 'string' &&
		m.note.length <= MAX_NOTE_LENGTH &&
		typeof m.isDemo === 'boolean' &&
		typeof m.catalogueId === 'string' &&
		m.catalogueId.length >= 1 &&
		m.catalogueId.length <= 60 &&
		Number.isSafeInteger(m.catalogueVersion) &&
		(m.catalogueVersion as number) > 0
	);
}

/** A stored measurement checked: the quick check above, zod when it says no. */
export function parseMeasurement(value: unknown): Measurement {
	return isMeasurement(value) ? value : measurementSchema.parse(value);
}

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
