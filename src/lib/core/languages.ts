import { z } from './zod';

/** Languages a client can answer in (the UI languages are a subset, see i18n config). */
export const LANGUAGE_CODES = ['sv', 'en', 'ar', 'fa', 'prs', 'so', 'ti', 'uk'] as const;
export const languageCodeSchema = z.enum(LANGUAGE_CODES);
export type LanguageCode = z.infer<typeof languageCodeSchema>;

/** Standard text, or easy-to-read (lättläst). */
export const registerSchema = z.enum(['standard', 'easy']);
export type Register = z.infer<typeof registerSchema>;

export { directionOf, RTL_LANGUAGES } from './direction';
