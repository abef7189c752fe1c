import type { LanguageCode } from './languages';

/**
 * Writing direction per language. Kept apart from `languages.ts` (which holds schemas) so
 * the first screen can set `<html dir>` without loading zod.
 */
export const RTL_LANGUAGES: ReadonlySet<LanguageCode> = new Set(['ar', 'fa', 'prs']);

export function directionOf(language: LanguageCode): 'ltr' | 'rtl' {
	return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
