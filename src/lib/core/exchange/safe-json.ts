import { ExchangeError } from './errors';

/** Keys that could reach an object's prototype if the parsed data were ever merged naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FORBIDDEN_IN_TEXT = /"(?:__proto__|constructor|prototype)"\s*:/;

class ForbiddenKeyFound extends Error {}

/** Far deeper than any Framsteg file nests (about 6 levels). */
const MAX_DEPTH = 64;

/**
 * Whether arrays and objects nest deeper than `max`, outside strings: one pass
 * over the text that jumps from quote to quote through strings (`indexOf`), so a
 * file of long base64 strings costs next to nothing.
 */
function nestsDeeperThan(text: string, max: number): boolean {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) {
			// To the closing quote: the next one not escaped by an odd run of backslashes.
			for (;;) {
				const q = text.indexOf('"', i + 1);
				if (q === -1) return false; // unterminated: JSON.parse refuses it
				let slashes = 0;
				while (text.charCodeAt(q - 1 - slashes) === 92) slashes++;
				i = q;
				if (slashes % 2 === 0) break;
			}
		} else if (c === 91 || c === 123) {
			if (++depth > max) return true;
		} else if (c === 93 || c === 125) depth--;
	}
	return false;
}

/** The UTF-8 size of a text, in bytes. */
export function byteSize(text: string): number {
	return new TextEncoder().encode(text).byteLength;
}

/**
 * Parses a file's text as JSON, refusing oversize input, non-JSON and any
 * `__proto__`/`constructor`/`prototype` key. The raw text is scanned first, so
 * plain forbidden keys are refused before any object is built; the reviver
 * catches escaped spellings (`"\u005f_proto__"`). We never deep-merge parsed data.
 */
export function parseJsonSafely(text: string, maxBytes: number): unknown {
	// UTF-8 takes at most 3 bytes per UTF-16 unit: encode (a copy) only when that could exceed the cap.
	if (text.length > maxBytes || (text.length * 3 > maxBytes && byteSize(text) > maxBytes))
		throw new ExchangeError('too-large');
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') throw new ExchangeError('empty');
	if (FORBIDDEN_IN_TEXT.test(body)) throw new ExchangeError('forbidden-key');
	// A forbidden key can only hide from the text scan above behind a \u escape;
	// without any, the (slow, per-value) reviver is not needed. Nesting is still
	// bounded, as the reviver's recursion bounded it before.
	if (!body.includes('\\u')) {
		if (nestsDeeperThan(body, MAX_DEPTH)) throw new ExchangeError('not-json');
		try {
			return JSON.parse(body);
		} catch {
			throw new ExchangeError('not-json');
		}
	}
	try {
		return JSON.parse(body, (key, value: unknown) => {
			if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyFound();
			return value;
		});
	} catch (error) {
		if (error instanceof ForbiddenKeyFound) throw new ExchangeError('forbidden-key');
		throw new ExchangeError('not-json');
	}
}
