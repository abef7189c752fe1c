import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18next, initI18n, loadLanguage } from '$lib/i18n/i18n';
import { load, LOCALES_DIR } from './locale-files';

/** Participant-facing texts that must have an easy version (or be signed off as already easy). */
const CLIENT_FACING = [
	/^catalogue:items\.client\.[\w-]+\.(text|help)$/,
	/^catalogue:scales\.[\w]+\.step\d+$/,
	/^conversation:answers\.(dontUnderstand|declined)$/,
	/^conversation:handback\.(title|text|changeAnswers)$/,
	/^conversation:question\.(progress|simpler|askCaseworker|understandNow|stillUnclear|navigation)$/,
	/^conversation:display\.[\w]+$/,
	/^conversation:readAloud\.[\w]+$/,
	/^conversation:translationNotice$/
];

const signoff = JSON.parse(readFileSync(join(LOCALES_DIR, 'easy-signoff.json'), 'utf8')) as {
	alreadyEasy: string[];
};

/** Problems of an easy-language question stem (language-access.md §1). */
export function easyStemProblems(text: string, language: 'sv' | 'en'): string[] {
	const problems: string[] = [];
	const sentences = text
		.replace(/^Till exempel:.*$|^For example:.*$/m, '')
		.split(/(?<=[.!?])\s+/)
		.filter((s) => s.trim());
	if (sentences.length > 2) problems.push('more than 2 sentences');
	for (const s of sentences) if (s.split(/\s+/).length > 12) problems.push(`over 12 words: ${s}`);
	const negation =
		language === 'sv' ? /\b(inte|ej|aldrig|ingen|inget)\b/i : /\b(not|never|no)\b|n't\b/i;
	if (negation.test(text)) problems.push('negation');
	if (text.includes('%')) problems.push('per cent sign');
	return problems;
}

describe('easy language', () => {
	for (const language of ['sv', 'en'] as const) {
		const texts = load(language);

		it(`every participant-facing ${language} text has an _easy version or a sign-off`, () => {
			const missing = [...texts.keys()]
				.filter((k) => CLIENT_FACING.some((r) => r.test(k)))
				.filter((k) => !texts.has(`${k}_easy`) && !signoff.alreadyEasy.includes(k));
			expect(missing).toEqual([]);
		});

		it(`easy question stems in ${language} follow the easy-read rules`, () => {
			const bad = [...texts]
				.filter(([k]) => /^catalogue:items\.client\..*\.text_easy$/.test(k))
				.flatMap(([k, v]) => easyStemProblems(v, language).map((p) => `${k}: ${p}`));
			expect(bad).toEqual([]);
		});
	}

	it('the stem check fails a 15-word sentence and a negation', () => {
		expect(
			easyStemProblems('Jag har en och två och tre och fyra och fem och sex och sju saker.', 'sv')
		).toContain(
			'over 12 words: Jag har en och två och tre och fyra och fem och sex och sju saker.'
		);
		expect(easyStemProblems('Jag har inte ett jobb.', 'sv')).toEqual(['negation']);
		expect(easyStemProblems('I do not have a job.', 'en')).toEqual(['negation']);
	});

	it('the sign-off lists only keys that exist', () => {
		const sv = load('sv');
		expect(signoff.alreadyEasy.filter((k) => !sv.has(k))).toEqual([]);
	});
});

describe('easy context at run time', () => {
	beforeAll(async () => {
		await initI18n('sv');
		await Promise.all(['sv', 'en', 'ar', 'prs', 'fa'].map((l) => loadLanguage(l as 'en')));
	});

	it('uses key_easy in the same language', () => {
		const key = 'catalogue:items.client.job-search.text';
		expect(i18next.t(key, { lng: 'sv', context: 'easy' })).toBe(
			'Jag letar efter ett jobb eller en utbildning.'
		);
		expect(i18next.t(key, { lng: 'sv' })).toBe('Jag letar aktivt efter arbete eller utbildning.');
		expect(i18next.t(key, { lng: 'en', context: 'easy' })).not.toBe(
			i18next.t(key, { lng: 'sv', context: 'easy' })
		);
	});

	it('falls back to the standard text of the same language when there is no easy version', () => {
		const key = 'catalogue:items.client.job-search.help';
		expect(i18next.t(key, { lng: 'sv', context: 'easy' })).toBe(i18next.t(key, { lng: 'sv' }));
	});

	it('keeps Arabic in Arabic in easy mode (no jump to easy Swedish)', () => {
		const key = 'catalogue:items.client.job-search.text';
		const arabic = i18next.t(key, { lng: 'ar', context: 'easy' });
		expect(arabic).toBe(i18next.t(key, { lng: 'ar' }));
		expect(arabic).toMatch(/[\u0600-\u06FF]/);
	});

	it('never shows Persian for a string missing in Dari: it falls back to Swedish', () => {
		i18next.addResource('fa', 'common', 'onlyInPersian', 'فقط فارسی');
		expect(i18next.t('common:onlyInPersian', { lng: 'prs' })).not.toBe('فقط فارسی');
	});
});
