import { z } from '../zod';
import { caseworkerIdSchema, clientIdSchema } from '../ids';
import { timestampSchema } from '../time';
import { languageCodeSchema, registerSchema } from '../languages';
import { looksLikePersonalIdentityNumber } from './identity-number';

export const GENDERS = ['woman', 'man', 'other', 'not-stated'] as const;
export const genderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof genderSchema>;

/** Year-of-birth bands: enough for statistics, too coarse to identify anyone. */
export const BIRTH_YEAR_RANGES = [
	'before-1960',
	'1960-1969',
	'1970-1979',
	'1980-1989',
	'1990-1999',
	'2000-2009',
	'2010-or-later'
] as const;
export const birthYearRangeSchema = z.enum(BIRTH_YEAR_RANGES);
export type BirthYearRange = z.infer<typeof birthYearRangeSchema>;

export const clientStatusSchema = z.enum(['active', 'archived']);
export type ClientStatus = z.infer<typeof clientStatusSchema>;

export const CLIENT_CODE_MAX = 40;

/** Strips control and bidi-override characters and normalises to NFC. */
export function cleanText(value: string): string {
	return value
		.normalize('NFC')
		.replace(
			// eslint-disable-next-line no-control-regex -- removing control characters is the point
			/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g,
			''
		)
		.trim();
}

/** A pseudonym or case code. Never a personal identity number. */
export const clientCodeSchema = z
	.string()
	.transform(cleanText)
	.pipe(
		z
			.string()
			.min(1, { message: 'code-required' })
			.max(CLIENT_CODE_MAX, { message: 'code-too-long' })
			.refine((s) => !looksLikePersonalIdentityNumber(s), { message: 'code-looks-like-pin' })
	);

/** What the caseworker fills in for a client. */
export const clientInputSchema = z.object({
	code: clientCodeSchema,
	gender: genderSchema,
	birthYearRange: birthYearRangeSchema.nullable(),
	preferredLanguage: languageCodeSchema,
	preferredRegister: registerSchema
});
export type ClientInput = z.input<typeof clientInputSchema>;

export const clientSchema = z
	.object({
		id: clientIdSchema,
		caseworkerId: caseworkerIdSchema,
		status: clientStatusSchema,
		createdAt: timestampSchema,
		updatedAt: timestampSchema,
		/** When the client was archived (retention counts from here); absent while active. */
		archivedAt: timestampSchema.optional(),
		isDemo: z.boolean()
	})
	.extend(clientInputSchema.shape)
	.strict();
export type Client = z.infer<typeof clientSchema>;

/** Whether a code matches what was typed in the search box (case- and accent-insensitive). */
export function matchesSearch(code: string, typed: string): boolean {
	const needle = searchKeyOf(typed);
	return !needle || searchKeyOf(code).includes(needle);
}

/** A lower-case, accent-folded key for searching by code. */
export function searchKeyOf(code: string): string {
	return code
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.trim();
}
