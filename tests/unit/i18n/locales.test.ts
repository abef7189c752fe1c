import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_CATALOGUE, PUBLISHED_CATALOGUES } from '$lib/core';
import {
	baseKey,
	languages,
	load,
	LOCALES_DIR,
	PLURAL_SUFFIXES,
	SOURCE,
	variables
} from './locale-files';

const source = load(SOURCE);
const others = languages().filter((l) => l !== SOURCE);

/** Keys of one language, with plural forms folded to their base (plural sets differ per language). */
function comparable(keys: Iterable<string>): Set<string> {
	return new Set([...keys].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
}

describe('locale files', () => {
	it('ships Swedish and at least English', () => {
		expect(languages()).toContain('sv');
		expect(languages()).toContain('en');
	});

	it.each(others)('%s has exactly the keys of Swedish', (language) => {
		const target = load(language);
		// Only Swedish and English have the easy register as separate `_easy` keys; the other
		// languages are translated from the easy Swedish and have one text per key.
		const hasEasyRegister = language === 'en';
		const want = comparable(
			[...source.keys()].filter((k) => hasEasyRegister || !k.endsWith('_easy'))
		);
		const have = comparable(target.keys());
		expect(
			[...want].filter((k) => !have.has(k)),
			'missing in ' + language
		).toEqual([]);
		expect(
			[...have].filter((k) => !want.has(k)),
			'not in Swedish'
		).toEqual([]);
	});

	it.each(languages())('%s has no empty values', (language) => {
		const empty = [...load(language)].filter(([, v]) => v.trim() === '').map(([k]) => k);
		expect(empty).toEqual([]);
	});

	it.each(others)('%s uses the same {{variables}} as Swedish', (language) => {
		const target = load(language);
		const mismatched: string[] = [];
		for (const [key, text] of target) {
			const base = baseKey(key);
			const sourceText =
				source.get(key) ??
				source.get(`${base}_other`) ??
				source.get(base) ??
				source.get(`${base}_one`);
			if (sourceText === undefined) continue;
			// `count` may be implicit in a plural form (e.g. "one participant").
			const a = variables(text).filter((v) => v !== 'count');
			const b = variables(sourceText).filter((v) => v !== 'count');
			if (a.join() !== b.join()) mismatched.push(key);
		}
		expect(mismatched).toEqual([]);
	});

	it.each(languages())("%s has every plural form its language's rules need", (language) => {
		const target = load(language);
		const categories = new Intl.PluralRules(
			language === 'prs' ? 'fa-AF' : language
		).resolvedOptions().pluralCategories as string[];
		const bases = new Set(
			[...target.keys()].filter((k) => /_(zero|one|two|few|many|other)$/.test(k)).map(baseKey)
		);
		const missing: string[] = [];
		for (const base of bases)
			for (const c of categories) if (!target.has(`${base}_${c}`)) missing.push(`${base}_${c}`);
		const unknown = [...target.keys()].filter((k) => {
			const m = k.match(/_(zero|one|two|few|many|other)$/);
			return m && !categories.includes(m[1]);
		});
		expect(missing).toEqual([]);
		expect(unknown).toEqual([]);
		expect(PLURAL_SUFFIXES).toContain('other');
	});

	it.each(languages())('%s has no orphan _easy keys', (language) => {
		const target = load(language);
		const orphans = [...target.keys()].filter(
			(k) => k.endsWith('_easy') && !target.has(k.replace(/_easy$/, ''))
		);
		expect(orphans).toEqual([]);
	});

	it('has every text the published catalogues refer to, in every language', () => {
		for (const language of languages()) {
			const target = load(language);
			const missing: string[] = [];
			for (const catalogue of PUBLISHED_CATALOGUES) {
				const keys = [
					...catalogue.indicators.flatMap((i) => [i.labelKey, i.descriptionKey]),
					...catalogue.items.flatMap((i) => [i.textKey, ...(i.helpKey ? [i.helpKey] : [])]),
					...catalogue.scales.flatMap((s) => s.steps.map((step) => step.labelKey))
				];
				for (const key of keys) if (!target.has(key)) missing.push(key);
			}
			expect(missing, language).toEqual([]);
		}
		expect(CURRENT_CATALOGUE.items.length).toBeGreaterThan(0);
	});

	it('a seeded gap is caught (the parity check can fail)', () => {
		const want = comparable(source.keys());
		const withGap = new Set(want);
		withGap.delete('common:app.name');
		expect([...want].filter((k) => !withGap.has(k))).toEqual(['common:app.name']);
	});
});

describe('translation status sidecars', () => {
	it.each(others)(
		'%s has a status entry for every string (run `npm run i18n:meta`)',
		(language) => {
			const target = load(language);
			const missing: string[] = [];
			for (const key of target.keys()) {
				const [ns, path] = key.split(':');
				const file = join(LOCALES_DIR, language, 'meta', `${ns}.json`);
				const meta = existsSync(file)
					? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
					: {};
				if (!meta[path]) missing.push(key);
			}
			expect(missing).toEqual([]);
		}
	);
});
