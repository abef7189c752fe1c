import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { answerSchema, answersSchema } from '$lib/core';

/** The rules of `answersSchema`, spelled with zod's own record parser: the reference. */
const reference = z
	.record(z.string().min(1).max(80), answerSchema)
	.refine((a) => Object.keys(a).length <= 100);

const manyAnswers = (n: number) =>
	Object.fromEntries(Array.from({ length: n }, (_, i) => [`i${i}`, 3]));

const cases: [string, unknown][] = [
	['empty', {}],
	['steps', { a: 0, b: 10, c: 5 }],
	['not answering', { a: 'dont-understand', b: 'declined' }],
	['100 answers', manyAnswers(100)],
	['101 answers', manyAnswers(101)],
	['step below the scale', { a: -1 }],
	['step above every scale', { a: 11 }],
	['fraction', { a: 2.5 }],
	['NaN', { a: Number.NaN }],
	['Infinity', { a: Number.POSITIVE_INFINITY }],
	['number as text', { a: '3' }],
	['unknown word', { a: 'maybe' }],
	['null answer', { a: null }],
	['nested object', { a: { b: 1 } }],
	['empty item id', { '': 1 }],
	['80-character item id', { ['x'.repeat(80)]: 1 }],
	['81-character item id', { ['x'.repeat(81)]: 1 }],
	['array', [1, 2]],
	['null', null],
	['string', 'a'],
	['number', 3],
	['date', new Date()],
	['map', new Map([['a', 1]])],
	['object without prototype', Object.assign(Object.create(null), { a: 1 })],
	['from JSON with __proto__ key', JSON.parse('{"__proto__": 1}')]
];

describe('answersSchema', () => {
	test.each(cases)('agrees with the zod record reference: %s', (_, value) => {
		expect(answersSchema.safeParse(value).success).toBe(reference.safeParse(value).success);
	});

	test('an inherited property is not an answer', () => {
		const value = Object.create({ inherited: 3 });
		value.own = 2;
		expect(answersSchema.safeParse(value).success).toBe(false);
	});
});
