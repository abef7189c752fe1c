import { describe, expect, it } from 'vitest';
import { computeTeamStatistics, mergeTeamFiles, parseTeamFile, type LanguageCode } from '$lib/core';
import { birthYearText } from '$lib/components/clients/birth-year';
import { csvRows } from '$lib/components/team/csv-rows';
import { rowLabel } from '$lib/components/team/format';
import { INTL_SETTINGS } from '$lib/i18n/config';
import { initI18n, loadNamespaces, setUiLanguage, translate } from '$lib/i18n/i18n';
import { generateTeamFiles } from '../../fixtures/team-statistics';
import { load } from './locale-files';

const LATIN = /[0-9]/;
const EASTERN = /[\u0660-\u0669\u06F0-\u06F9]/;
const PERSIAN_LANGUAGES = ['fa', 'prs'] as const;
const t = (key: string, values?: Record<string, unknown>) => translate(key, values);

describe('numbers in the digits of the interface language', () => {
	it('writes numbers put into a text in the language’s digits, plural forms unchanged', async () => {
		await initI18n('sv');
		await loadNamespaces(['plan', 'conversation', 'catalogue']);
		expect(t('plan:team.showingTeam', { count: 12 })).toContain('12 deltagare');
		for (const language of PERSIAN_LANGUAGES) {
			await setUiLanguage(language);
			const text = t('conversation:question.progress', { position: 3, total: 10 });
			expect(text).toContain('۳');
			expect(text).toContain('۱۰');
			expect(text).not.toMatch(LATIN);
		}
		await setUiLanguage('ar');
		expect(t('conversation:question.progress', { position: 3, total: 10 })).not.toMatch(EASTERN);
		// A string (a code, a number formatted already) passes as it is.
		await setUiLanguage('fa');
		expect(t('plan:team.percent', { value: '42' })).toContain('42');
	});

	it('names a year-of-birth band with its years in the language’s digits, never grouped', async () => {
		await setUiLanguage('sv');
		expect(birthYearText('1960-1969', t, 'sv')).toBe('1960–1969');
		expect(birthYearText('before-1960', t, 'sv')).toBe('Före 1960');
		expect(birthYearText('2010-or-later', t, 'sv')).toBe('2010 eller senare');
		expect(birthYearText(null, t, 'sv')).toBe('Ej angivet');
		for (const language of PERSIAN_LANGUAGES) {
			await setUiLanguage(language);
			expect(birthYearText('1960-1969', t, language)).toBe('۱۹۶۰–۱۹۶۹');
			expect(birthYearText('before-1960', t, language)).toContain('۱۹۶۰');
			expect(birthYearText('2010-or-later', t, language)).toContain('۲۰۱۰');
			expect(birthYearText('2010-or-later', t, language)).not.toMatch(LATIN);
		}
	});

	it('names a quarter in the language’s digits on screen and in Latin digits in the CSV', async () => {
		const files = generateTeamFiles(42).map((f) => {
			const r = parseTeamFile(JSON.stringify(f), '2026-11-27');
			if (!r.ok) throw new Error(r.error);
			return r.file;
		});
		const stats = computeTeamStatistics(mergeTeamFiles(files).clients);
		const quarter = stats.tables.clientsPerQuarter.rows[0];
		await setUiLanguage('sv');
		expect(rowLabel(quarter, t, 'sv')).toMatch(/^20\d\d kvartal [1-4]$/);
		for (const language of PERSIAN_LANGUAGES) {
			await setUiLanguage(language);
			const label = rowLabel(quarter, t, language);
			expect(label).toMatch(/[۰-۹]{4}/);
			expect(label).not.toMatch(LATIN);
			expect(rowLabel(quarter, t, language, { latinDigits: true })).toMatch(/20\d\d/);
			// The whole CSV, text around the numbers too ("fewer than 5"), in Latin digits.
			const csv = csvRows(stats, t, language);
			expect(csv.flat().join(';')).not.toMatch(EASTERN);
			expect(csv.flat().join(';')).toMatch(/20\d\d/);
		}
	});
});

/**
 * Digits written into a translation: a language read in Persian digits has none in Latin
 * digits, except in names and codes that are written so (WCAG 2.1, A4, a Swedish statute
 * number) and in the research data dictionary, which describes codes in the CSV file.
 */
describe('digits written in the translations', () => {
	const NAMES = /\{\{[^}]*\}\}|WCAG \d+(\.\d+)*|\bA4\b|\b\d{4}:\d+\b/g;
	const CODES = /^exchange:dictionary\./;
	const languages = Object.keys(INTL_SETTINGS) as LanguageCode[];

	it.each(languages)('%s uses the digits of its numbering system', (language) => {
		const own = INTL_SETTINGS[language].numberingSystem !== 'latn';
		const wrong = [...load(language)]
			.filter(([key]) => !CODES.test(key))
			.filter(([, text]) => (own ? LATIN : EASTERN).test(text.replace(NAMES, '')))
			.map(([key, text]) => `${key}: ${text}`);
		expect(wrong).toEqual([]);
	});
});
