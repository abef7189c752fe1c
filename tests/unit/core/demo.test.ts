import { describe, expect, it } from 'vitest';
import {
	addMonths,
	clientSchema,
	CURRENT_CATALOGUE,
	findAnswerProblems,
	generateDemoData,
	localIsoDate,
	measurementSchema,
	seededIds,
	seededRandom
} from '$lib/core';
import { makeProfile, NOW } from '../../fixtures/factories';

const options = (seed = 20131) => ({
	catalogue: CURRENT_CATALOGUE,
	caseworkerId: makeProfile().id,
	now: NOW,
	seed
});

describe('seededRandom and seededIds', () => {
	it('repeat for the same seed and differ for another', () => {
		const a = seededRandom(5);
		const b = seededRandom(5);
		const first = [a(), a(), a()];
		expect([b(), b(), b()]).toEqual(first);
		expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
		expect(seededRandom(6)()).not.toBe(first[0]);
		expect(seededIds(seededRandom(5))()).toBe(seededIds(seededRandom(5))());
		expect(seededIds(seededRandom(5))()).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
		);
	});
});

describe('generateDemoData', () => {
	const data = generateDemoData(options());

	it('is deterministic for a seed', () => {
		expect(generateDemoData(options())).toEqual(data);
	});

	it('differs for another seed', () => {
		const other = generateDemoData(options(1));
		expect(other.client.id).not.toBe(data.client.id);
		expect(other.measurements.map((m) => m.clientAnswers)).not.toEqual(
			data.measurements.map((m) => m.clientAnswers)
		);
	});

	it('makes one demo client, DEMO-1, with three measurements of that client', () => {
		expect(data.client.code).toBe('DEMO-1');
		expect(data.measurements).toHaveLength(3);
		expect(new Set(data.measurements.map((m) => m.id)).size).toBe(3);
		for (const m of data.measurements) {
			expect(m.clientId).toBe(data.client.id);
			expect(m.caseworkerId).toBe(makeProfile().id);
		}
	});

	it('spaces the measurements three months apart, oldest first', () => {
		const dates = data.measurements.map((m) => m.takenOn);
		expect(dates[1]).toBe(addMonths(dates[0], 3));
		expect(dates[2]).toBe(addMonths(dates[1], 3));
	});

	it('marks every record as demo', () => {
		expect(data.client.isDemo).toBe(true);
		expect(data.measurements.every((m) => m.isDemo)).toBe(true);
	});

	it('is valid against the schemas and the catalogue', () => {
		expect(clientSchema.safeParse(data.client).success).toBe(true);
		for (const m of data.measurements) {
			expect(measurementSchema.safeParse(m).success).toBe(true);
			expect(findAnswerProblems(CURRENT_CATALOGUE, m.clientAnswers, 'client')).toEqual([]);
			expect(findAnswerProblems(CURRENT_CATALOGUE, m.caseworkerAnswers, 'caseworker')).toEqual([]);
			// Every caseworker item is answered with a scale step.
			expect(Object.keys(m.caseworkerAnswers)).toHaveLength(11);
		}
	});

	it('puts no date in the future', () => {
		const today = localIsoDate(NOW);
		expect(data.client.createdAt <= NOW.toISOString()).toBe(true);
		for (const m of data.measurements) {
			expect(m.takenOn <= today).toBe(true);
			expect(m.createdAt <= NOW.toISOString()).toBe(true);
			expect(m.createdAt >= data.client.createdAt).toBe(true);
		}
	});
});
