import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMESPACES } from '$lib/i18n/config';
import { load, SOURCE } from './locale-files';

const SRC = join(process.cwd(), 'src');

function files(dir: string, ext: RegExp): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
	});
}

/** Removes `{ ... }` expressions, respecting nesting and strings. */
function stripExpressions(markup: string): string {
	let out = '';
	let depth = 0;
	let quote: string | null = null;
	for (let i = 0; i < markup.length; i++) {
		const c = markup[i];
		if (depth > 0) {
			if (quote) {
				if (c === '\\') i++;
				else if (c === quote) quote = null;
			} else if (c === '"' || c === "'" || c === '`') quote = c;
			else if (c === '{') depth++;
			else if (c === '}') depth--;
			continue;
		}
		if (c === '{') depth = 1;
		else out += c;
	}
	return out;
}

/** Text a user would see that is written directly in a component instead of coming from a locale. */
export function hardCodedText(source: string): string[] {
	const markup = source
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '');
	const withoutExpressions = stripExpressions(markup);
	const found: string[] = [];
	// Attributes that users see or hear.
	for (const m of withoutExpressions.matchAll(
		/\b(aria-label|title|placeholder|alt|label)="([^"]*)"/g
	))
		if (/\p{L}/u.test(m[2])) found.push(`${m[1]}="${m[2]}"`);
	const text = withoutExpressions.replace(/<[^>]*>/g, ' ');
	for (const piece of text.split(/\s{2,}|\n/))
		if (/\p{L}{2,}/u.test(piece)) found.push(piece.trim());
	return found;
}

describe('no user-facing text in components', () => {
	const svelteFiles = files(SRC, /\.svelte$/);

	it('finds the components', () => {
		expect(svelteFiles.length).toBeGreaterThan(10);
	});

	it.each(svelteFiles.map((f) => [relative(SRC, f), f]))(
		'%s has no hard-coded text',
		(_name, path) => {
			expect(hardCodedText(readFileSync(path, 'utf8'))).toEqual([]);
		}
	);

	it('the scan catches hard-coded text (it can fail)', () => {
		expect(hardCodedText('<script>let a = 1;</script><p>Hej {a}</p>')).toEqual(['Hej']);
		expect(hardCodedText('<button aria-label="Stäng">{t("x")}</button>')).toEqual([
			'aria-label="Stäng"'
		]);
		expect(hardCodedText('<p>{t("common:app.name")}</p>')).toEqual([]);
	});
});

describe('every literal translation key used in the code exists in Swedish', () => {
	const sourceKeys = load(SOURCE);
	const has = (key: string) =>
		sourceKeys.has(key) || sourceKeys.has(`${key}_one`) || sourceKeys.has(`${key}_other`);
	const code = files(SRC, /\.(svelte|ts)$/).map(
		(f) => [relative(SRC, f), readFileSync(f, 'utf8')] as const
	);

	it.each(code)('%s', (_name, text) => {
		const missing: string[] = [];
		const namespaces = NAMESPACES.join('|');
		for (const m of text.matchAll(new RegExp(`['\`]((?:${namespaces}):[\\w.\${}-]+)['\`]`, 'g'))) {
			const key = m[1];
			if (key.includes('${')) {
				// A template key: at least its fixed prefix must exist.
				const prefix = key.slice(0, key.indexOf('${'));
				if (![...sourceKeys.keys()].some((k) => k.startsWith(prefix))) missing.push(key);
			} else if (!has(key) && ![...sourceKeys.keys()].some((k) => k.startsWith(`${key}.`)))
				missing.push(key);
		}
		expect(missing).toEqual([]);
	});
});
