import { describe, expect, it } from 'vitest';
import { directionOf } from '$lib/core';
import { intlLocale } from '$lib/i18n/config';
import { formatDate, formatDateTime, formatList, formatNumber } from '$lib/i18n/i18n';

describe('Intl per locale', () => {
	it('uses the Gregorian calendar for Persian and Dari, with Persian digits', () => {
		const fa = formatDate('2025-03-14', 'fa');
		expect(fa).toContain('۲۰۲۵');
		expect(fa).toContain('۱۴');
		expect(fa).not.toContain('۱۴۰۳');
		const prs = formatDate('2025-03-14', 'prs');
		expect(prs).toContain('۲۰۲۵');
		// Dari resolves to fa-AF: Afghan Gregorian month names (مارچ), not Iranian (مارس).
		expect(prs).toContain('مارچ');
		expect(fa).toContain('مارس');
	});

	it("writes a moment (a backup was made at) like every date: Gregorian, in the language's digits", () => {
		const at = '2025-03-14T09:30:00Z';
		const fa = formatDateTime(at, 'fa');
		expect(fa).toContain('۲۰۲۵');
		expect(fa).not.toContain('۱۴۰۳');
		expect(fa).not.toMatch(/[0-9]/);
		expect(formatDateTime(at, 'prs')).toContain('مارچ');
		expect(formatDateTime(at, 'sv')).toContain('14 mars 2025');
		expect(formatDateTime('not a date', 'sv')).toBe('not a date');
	});

	it('uses Latin digits for Arabic by configuration', () => {
		expect(formatNumber(14, 'ar')).toBe('14');
		expect(formatDate('2025-03-14', 'ar')).toContain('2025');
		expect(intlLocale('ar')).toBe('ar-u-ca-gregory-nu-latn');
	});

	it('keeps Gregorian dates for Tigrinya and Swedish', () => {
		expect(formatDate('2025-03-14', 'ti')).toContain('2025');
		expect(formatDate('2025-03-14', 'sv')).toBe('14 mars 2025');
	});

	it('joins lists with the words and punctuation of each language', () => {
		expect(formatList(['A', 'B', 'C'], 'sv')).toBe('A, B och C');
		expect(formatList(['A', 'B', 'C'], 'ar')).toContain('و');
		expect(formatList(['A', 'B', 'C'], 'ar')).not.toContain(',');
		expect(formatList(['A', 'B'], 'en')).toBe('A and B');
		expect(formatList(['A'], 'fa')).toBe('A');
		expect(formatList([], 'sv')).toBe('');
	});

	it('knows the direction of each language', () => {
		for (const l of ['ar', 'fa', 'prs'] as const) expect(directionOf(l)).toBe('rtl');
		for (const l of ['sv', 'en', 'so', 'ti', 'uk'] as const) expect(directionOf(l)).toBe('ltr');
	});
});
