import { z } from '../zod';
import { caseworkerIdSchema, clientIdSchema } from '../ids';
import { timestampSchema } from '../time';
import { LANGUAGE_CODES, languageCodeSchema, registerSchema } from '../languages';
import { looksLikePersonalIdentityNumber } from './identity-number';
import { isId, isOneOf, isStamp, plainKeyCount } from '../quick-check';

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

const CLIENT_KEYS = new Set(Object.keys(clientSchema.shape));

/**
 * Whether a value is a client as the app writes it, checked in one pass without
 * zod (team statistics open every client; zod runs without its compiled parsers
 * under the app's CSP). True only for values `clientSchema` accepts unchanged: a
 * code already clean (its transform would change nothing). A unit test holds the
 * two together; false sends the value to zod.
 */
export function isClient(value: unknown): value is Client {
	const keys = plainKeyCount(value, CLIENT_KEYS);
	const c = value as Record<keyof Client, unknown>;
	if (keys === undefined || keys !== CLIENT_KEYS.size - ('archivedAt' in c ? 0 : 1)) return false;
	const code = c.code;
	return (
		isId(c.id) &&
		isId(c.caseworkerId) &&
		(c.status === 'active' || c.status === 'archived') &&
		isStamp(c.createdAt) &&
		isStamp(c.updatedAt) &&
		(!('archivedAt' in c) || isStamp(c.archivedAt)) &&
		typeof c.isDemo === 'boolean' &&
		typeof code === 'string' &&
		code.length >= 1 &&
		code.length <= CLIENT_CODE_MAX &&
		cleanText(code) === code &&
		!looksLikePersonalIdentityNumber(code) &&
		isOneOf(GENDERS, c.gender) &&
		(c.birthYearRange === null || isOneOf(BIRTH_YEAR_RANGES, c.birthYearRange)) &&
		isOneOf(LANGUAGE_CODES, c.preferredLanguage) &&
		(c.preferredRegister === 'standard' || c.preferredRegister === 'easy')
	);
}

/** A stored client checked: the quick check above, zod when it says no. */
export function parseClient(value: unknown): Client {
	return isClient(value) ? value : clientSchema.parse(value);
}

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
