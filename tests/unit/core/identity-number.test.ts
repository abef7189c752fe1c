import { describe, expect, it } from 'vitest';
import {
	CLIENT_CODE_MAX,
	cleanText,
	clientCodeSchema,
	looksLikePersonalIdentityNumber,
	searchKeyOf
} from '$lib/core';

/** The first issue message of a failed clientCodeSchema parse, or null when it passes. */
function codeProblem(code: string): string | null {
	const result = clientCodeSchema.safeParse(code);
	return result.success ? null : result.error.issues[0].message;
}

describe('looksLikePersonalIdentityNumber', () => {
	it.each([
		['19850412-1234', '12 digits with separator'],
		['850412-1234', '10 digits with separator'],
		['850412+1234', 'over-100 separator'],
		['8504121234', '10 digits'],
		['198504121234', '12 digits'],
		['850472-1234', 'samordningsnummer (day + 60)'],
		['Kalle 850412-1234', 'embedded in text'],
		['850412 - 1234', 'with spaces around the separator']
	])('refuses %s (%s)', (value) => {
		expect(looksLikePersonalIdentityNumber(value)).toBe(true);
	});

	it.each(['K-2024-017', 'AB12', 'DEMO-1', '2024-05', 'Ärende 123', '851312-1234'])(
		'accepts %s',
		(value) => {
			expect(looksLikePersonalIdentityNumber(value)).toBe(false);
		}
	);

	it('refuses any run of ten digits even without a plausible date', () => {
		expect(looksLikePersonalIdentityNumber('9999999999')).toBe(true);
		expect(looksLikePersonalIdentityNumber('999999999')).toBe(false);
	});
});

describe('clientCodeSchema', () => {
	it('refuses a personnummer with code-looks-like-pin', () => {
		expect(codeProblem('850412-1234')).toBe('code-looks-like-pin');
		expect(codeProblem('Kalle 19850412-1234')).toBe('code-looks-like-pin');
	});

	it('refuses an empty or blank code with code-required', () => {
		expect(codeProblem('')).toBe('code-required');
		expect(codeProblem('   ')).toBe('code-required');
		expect(codeProblem('\u202E')).toBe('code-required');
	});

	it('refuses a code longer than CLIENT_CODE_MAX with code-too-long', () => {
		expect(codeProblem('A'.repeat(CLIENT_CODE_MAX))).toBe(null);
		expect(codeProblem('A'.repeat(CLIENT_CODE_MAX + 1))).toBe('code-too-long');
	});

	it('returns the cleaned code', () => {
		expect(clientCodeSchema.parse('  K-2024-017\u202E ')).toBe('K-2024-017');
	});
});

describe('cleanText', () => {
	it('strips bidi override and isolate characters', () => {
		expect(cleanText('abc\u202Edef')).toBe('abcdef');
		expect(cleanText('\u2066x\u2069\u200E\u200F')).toBe('x');
	});

	it('strips control characters and trims', () => {
		expect(cleanText(' a\u0000b\u0007c\u007F ')).toBe('abc');
	});

	it('normalises to NFC', () => {
		const decomposed = 'A\u030Arende';
		const cleaned = cleanText(decomposed);
		expect(cleaned).toBe('\u00C5rende');
		expect(cleaned).toHaveLength(6);
	});
});

describe('searchKeyOf', () => {
	it('folds case and accents', () => {
		expect(searchKeyOf(' ÄrEnde ')).toBe('arende');
		expect(searchKeyOf('A\u030Arende')).toBe(searchKeyOf('\u00E5RENDE'));
	});
});
