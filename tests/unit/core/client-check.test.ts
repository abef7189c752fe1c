import { describe, expect, it } from 'vitest';
import { clientSchema, isClient, parseClient, type Client } from '$lib/core';
import { largeDataset } from '../../fixtures/large-dataset';
import { holdToZod } from '../../fixtures/quick-check';

/** Stored clients come back from JSON.parse: plain objects, schema key order. */
const stored = (c: Client) => JSON.parse(JSON.stringify(clientSchema.parse(c)));

const generated = largeDataset({ clients: 60, measurements: 60 }).clients;
const clients = [
	...generated.map(stored),
	stored({ ...generated[0], status: 'archived', archivedAt: '2025-01-31T08:00:00.000Z' }),
	stored({ ...generated[1], birthYearRange: null })
];
const good: Record<string, unknown> = clients[0];

const anyField: unknown[] = [undefined, null, 0, 1.5, true, '', 'x', [], {}];
const byField: Record<string, unknown[]> = {
	id: ['abcd-1234', 'abc', 'a'.repeat(65), 'abcd_1234'],
	caseworkerId: ['ABCDEFGH'],
	status: ['active', 'archived', 'deleted'],
	createdAt: [
		'2024-06-27T23:59:59.999Z',
		'2024-06-27T24:00:00.000Z',
		'2024-02-30T10:00:00.000Z',
		'2024-06-27T10:00:00.000+02:00'
	],
	updatedAt: ['2025-01-01T00:00:00.000Z', '2025-01-01'],
	archivedAt: ['2025-01-01T00:00:00.000Z', '2025-13-01T00:00:00.000Z'],
	isDemo: [false, true, 'false'],
	code: [
		'K-12',
		'x'.repeat(40),
		'x'.repeat(41),
		' K-12',
		'K-12 ',
		'K\u200e12',
		'Ka\u0308',
		'19121212-1212',
		'K 850101-1234'
	],
	gender: ['woman', 'man', 'other', 'not-stated', 'unknown'],
	birthYearRange: ['1990-1999', 'before-1960', '1995'],
	preferredLanguage: ['sv', 'uk', 'de'],
	preferredRegister: ['standard', 'easy', 'plain']
};

function variants(): unknown[] {
	const out: unknown[] = [];
	for (const key of [...Object.keys(good), 'archivedAt'])
		for (const value of [...anyField, ...(byField[key] ?? [])]) {
			const v: Record<string, unknown> = { ...good };
			if (value === undefined) delete v[key];
			else v[key] = value;
			out.push(v);
		}
	out.push({ ...good, archivedAt: undefined });
	out.push({ ...good, note: 'x' });
	out.push(JSON.parse(JSON.stringify(good).replace('{', '{"__proto__":{"x":1},')));
	out.push(Object.assign(Object.create({ inherited: 1 }), good));
	out.push([good], 'text', null, 42);
	return out;
}

describe('isClient, the quick check of a stored client', () => {
	it('passes every client the app writes, exactly as zod returns it', () => {
		for (const c of clients) {
			expect(isClient(c)).toBe(true);
			expect(clientSchema.parse(c)).toEqual(c);
			expect(parseClient(c)).toBe(c);
		}
	});

	it('never passes a value zod refuses or would change', () => {
		const { passed, refused } = holdToZod(isClient, clientSchema, variants());
		expect(passed).toBeGreaterThan(15);
		expect(refused).toBeGreaterThan(80);
	});

	it('leaves a code zod would clean to zod, which cleans it', () => {
		const padded = { ...good, code: ' K-12 ' };
		expect(isClient(padded)).toBe(false);
		expect(parseClient(padded).code).toBe('K-12');
	});
});
