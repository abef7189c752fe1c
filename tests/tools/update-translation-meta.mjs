#!/usr/bin/env node
// Keeps locales/<lang>/meta/<ns>.json in step with the locale files.
//
// - A key without a meta entry gets { status: 'machine', source: <the Swedish text it was made from> }:
//   new translations are machine drafts until a named person reviews them.
// - Existing entries are kept as they are (status, reviewer, and the source they were made
//   from). When the Swedish text later changes, the app sees that `source` differs and treats
//   the string as a draft again ("source changed"); re-translate, then run this with --accept KEY.
// - Entries for keys that no longer exist are dropped.
//
// Usage: node tests/tools/update-translation-meta.mjs [--check] [--translator "name"] [--accept ns:key ...]
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCALES = join(process.cwd(), 'locales');
const args = process.argv.slice(2);
const check = args.includes('--check');
const translator = args.includes('--translator')
	? args[args.indexOf('--translator') + 1]
	: 'machine draft (AI-assisted), not reviewed';
const accept = new Set(args.filter((a, i) => args[i - 1] === '--accept'));
const today = new Date().toISOString().slice(0, 10);

const flatten = (o, p = '', out = {}) => {
	for (const [k, v] of Object.entries(o)) {
		const key = p ? `${p}.${k}` : k;
		if (v && typeof v === 'object') flatten(v, key, out);
		else out[key] = String(v);
	}
	return out;
};
const base = (k) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const read = (p) => JSON.parse(readFileSync(p, 'utf8'));

/** The Swedish text a translation of `key` is made from: easy Swedish where it exists (not for en, which has both registers). */
export function sourceFor(sv, key, language) {
	if (sv[key] !== undefined) return sv[key];
	const b = base(key);
	const easy = language === 'en' ? undefined : sv[`${b}_easy`];
	return easy ?? sv[b] ?? sv[`${b}_other`] ?? sv[`${b}_one`] ?? '';
}
function sourceForPlain(sv, key, language) {
	// Non-sv/en locales have no _easy keys: their text is translated from the easy Swedish.
	if (language !== 'en' && sv[`${base(key)}_easy`] !== undefined) return sv[`${base(key)}_easy`];
	return sourceFor(sv, key, language);
}

let changed = 0;
const languages = readdirSync(LOCALES).filter(
	(d) => d !== 'sv' && statSync(join(LOCALES, d)).isDirectory()
);
for (const language of languages) {
	const dir = join(LOCALES, language);
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
		const ns = file.replace(/\.json$/, '');
		const sv = flatten(read(join(LOCALES, 'sv', file)));
		const texts = flatten(read(join(dir, file)));
		const metaPath = join(dir, 'meta', file);
		const meta = existsSync(metaPath) ? read(metaPath) : {};
		const next = {};
		for (const key of Object.keys(texts)) {
			const source = sourceForPlain(sv, key, language);
			const entry = meta[key];
			if (!entry) next[key] = { status: 'machine', source, translator, date: today };
			else if (accept.has(`${ns}:${key}`))
				next[key] = { ...entry, status: 'machine', source, translator, date: today };
			else next[key] = entry;
		}
		const text = JSON.stringify(next, null, '\t') + '\n';
		if (!existsSync(metaPath) || readFileSync(metaPath, 'utf8') !== text) {
			changed++;
			if (!check) {
				mkdirSync(join(dir, 'meta'), { recursive: true });
				writeFileSync(metaPath, text);
			}
			console.log(`${check ? 'out of date' : 'wrote'}: ${metaPath}`);
		}
	}
}
if (check && changed > 0) process.exit(1);
