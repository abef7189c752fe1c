import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOCALES_DIR = join(process.cwd(), 'locales');
export const SOURCE = 'sv';

export type Flat = Map<string, string>;

export function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	} else out.set(prefix, String(value));
	return out;
}

export function languages(): string[] {
	return readdirSync(LOCALES_DIR).filter((d) => statSync(join(LOCALES_DIR, d)).isDirectory());
}

export function namespaces(language: string): string[] {
	return readdirSync(join(LOCALES_DIR, language))
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.replace(/\.json$/, ''));
}

/** All keys of a language as `ns:dotted.key` → text. */
export function load(language: string): Flat {
	const out: Flat = new Map();
	for (const ns of namespaces(language)) {
		const data = JSON.parse(readFileSync(join(LOCALES_DIR, language, `${ns}.json`), 'utf8'));
		for (const [k, v] of flatten(data)) out.set(`${ns}:${k}`, v);
	}
	return out;
}

export const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

/** The key without its plural or context suffix. */
export function baseKey(key: string): string {
	return key.replace(/_(zero|one|two|few|many|other)$/, '').replace(/_easy$/, '');
}

export function variables(text: string): string[] {
	return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
}
