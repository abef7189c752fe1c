import { describe, expect, it } from 'vitest';
import { isMeasurement, measurementSchema, parseMeasurement, type Measurement } from '$lib/core';
import { largeDataset } from '../../fixtures/large-dataset';
import { holdToZod } from '../../fixtures/quick-check';

/** Stored measurements come back from JSON.parse: plain objects, schema key order. */
const stored = (m: Measurement) => JSON.parse(JSON.stringify(measurementSchema.parse(m)));

const measurements = largeDataset({ clients: 40, measurements: 200 }).measurements.map(stored);
const good: Record<string, unknown> = measurements[0];

/** Values tried in every field: wrong types, edges on either side, near misses. */
const anyField: unknown[] = [
	undefined,
	null,
	0,
	-1,
	1.5,
	2 ** 53,
	true,
	'',
	'x',
	'x'.repeat(61),
	[],
	{},
	['job-search']
];
/** Values tried in one field: what the app writes and what it must not accept. */
const byField: Record<string, unknown[]> = {
	id: ['abcd-1234', 'abc', 'a'.repeat(64), 'a'.repeat(65), 'abcd_1234', 'abcd 1234'],
	clientId: ['0123456789abcdef', 'åäö-åäö-åäö'],
	caseworkerId: ['ABCDEFGH'],
	takenOn: ['2024-02-29', '2023-02-29', '2024-13-01', '2024-6-1', '2024-06-31', '20240601'],
	createdAt: [
		'2024-06-27T10:00:00.000Z',
		'2024-06-27T23:59:59.999Z',
		'2024-06-27T24:00:00.000Z',
		'2024-06-27T10:60:00.000Z',
		'2024-02-30T10:00:00.000Z',
		'2024-06-27T10:00:00Z',
		'2024-06-27T10:00:00.000+02:00',
		'2024-06-27 10:00:00.000Z',
		'2024-06-27'
	],
	updatedAt: ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000'],
	language: ['sv', 'prs', 'ti', 'de', 'SV'],
	register: ['standard', 'easy', 'plain'],
	clientAnswers: [
		{ 'client.job-search': 3 },
		{ 'client.job-search': 'declined' },
		{ 'client.job-search': 11 },
		{ 'client.job-search': 2.5 },
		{ '': 1 },
		Object.fromEntries(Array.from({ length: 101 }, (_, n) => [`item-${n}`, 1]))
	],
	caseworkerAnswers: [{ 'caseworker.caseworker-belief': 'dont-understand' }, { x: null }],
	focusIndicators: [
		['job-search', 'contact', 'cooperation'],
		['job-search', 'contact', 'cooperation', 'concentration'],
		['caseworker-belief'],
		['nope'],
		'job-search'
	],
	note: ['Ringer på fredag.', 'x'.repeat(2000), 'x'.repeat(2001), 'ok\u0000'],
	isDemo: [false, true, 'false', 1],
	catalogueId: ['framsteg', 'x'.repeat(60), 'x'.repeat(61)],
	catalogueVersion: [1, 2, 0, -2, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 53, '1', Infinity, NaN]
};

/** Every value tried in every field, plus keys added and taken away. */
function variants(): unknown[] {
	const out: unknown[] = [];
	for (const key of Object.keys(good))
		for (const value of [...anyField, ...(byField[key] ?? [])]) {
			const v: Record<string, unknown> = { ...good };
			if (value === undefined) delete v[key];
			else v[key] = value;
			out.push(v);
		}
	out.push({ ...good, code: 'K-1' });
	out.push(JSON.parse(JSON.stringify(good).replace('{', '{"__proto__":{"x":1},')));
	out.push(Object.assign(Object.create({ inherited: 1 }), good));
	out.push([good], 'text', null, 42, Object.create(null));
	return out;
}

describe('isMeasurement, the quick check of a stored measurement', () => {
	it('passes every measurement the app writes, exactly as zod returns it', () => {
		for (const m of measurements) {
			expect(isMeasurement(m)).toBe(true);
			expect(measurementSchema.parse(m)).toEqual(m);
			expect(parseMeasurement(m)).toBe(m);
		}
	});

	it('never passes a value zod refuses or would change', () => {
		const { passed, refused } = holdToZod(isMeasurement, measurementSchema, variants());
		// Both sides of the line are tried, not only one.
		expect(passed).toBeGreaterThan(30);
		expect(refused).toBeGreaterThan(150);
	});

	it('leaves the rarer valid forms to zod, which accepts them', () => {
		const withOffset = { ...good, createdAt: '2024-06-27T12:00:00.000+02:00' };
		expect(isMeasurement(withOffset)).toBe(false);
		expect(parseMeasurement(withOffset)).toEqual(withOffset);
		expect(() => parseMeasurement({ ...good, note: 'x'.repeat(2001) })).toThrow();
	});
});
