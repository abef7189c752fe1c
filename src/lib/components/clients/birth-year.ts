import type { BirthYearRange, LanguageCode } from '$lib/core';
import { intlLocale } from '$lib/i18n/config';

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * A year-of-birth band in words ("1960–1969", "Före 1960"), its years in the language's
 * digits (Persian digits for Persian and Dari) and never grouped ("1960", not "1 960").
 */
export function birthYearText(
	range: BirthYearRange | null | undefined,
	t: T,
	language: LanguageCode
): string {
	if (!range) return t('common:birthYearRange.none');
	const year = new Intl.NumberFormat(intlLocale(language), { useGrouping: false });
	const [from, to] = (range.match(/\d{4}/g) ?? []).map((y) => year.format(Number(y)));
	if (range.startsWith('before-')) return t('common:birthYearRange.before', { year: from });
	if (range.endsWith('-or-later')) return t('common:birthYearRange.orLater', { year: from });
	return t('common:birthYearRange.between', { from, to });
}
