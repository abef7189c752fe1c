import { describe, expect, test } from 'vitest';
import { isoDateSchema, toIsoDate } from '$lib/core';

/** The reference: what the Date object makes of the text, round-tripped. */
function realByDate(s: string): boolean {
	const t = Date.parse(`${s}T00:00:00Z`);
	return !Number.isNaN(t) && toIsoDate(new Date(t)) === s;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('isoDateSchema', () => {
	test('agrees with the Date object on every month and day number of eight years, leap years included', () => {
		for (const year of [1900, 1999, 2000, 2023, 2024, 2025, 2100, 2400])
			for (let month = 0; month <= 13; month++)
				for (let day = 0; day <= 32; day++) {
					const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
					expect(isoDateSchema.safeParse(s).success, s).toBe(realByDate(s));
				}
	});

	test.each([
		'2024-1-01',
		'2024-01-1',
		'24-01-01',
		'2024/01/01',
		'2024-01-01T00:00',
		' 2024-01-01',
		''
	])('refuses the malformed %j', (s) => expect(isoDateSchema.safeParse(s).success).toBe(false));
});
