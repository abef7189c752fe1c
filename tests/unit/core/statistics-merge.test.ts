import { describe, expect, it } from 'vitest';
import { foldStatMeasurements, mergeStatFolds, type Measurement, type StatFold } from '$lib/core';
import { generateLargeDataset } from '../../fixtures/large-dataset';

/** A fold as plain data, so two folds compare by value (Maps in insertion order aside). */
const plain = (fold: StatFold) =>
	Object.fromEntries([...fold].sort(([a], [b]) => a.localeCompare(b)));

describe('mergeStatFolds', () => {
	// Measurements in key order, as the workers read them; many clients have several,
	// some on the same day (the tie-breaks matter).
	const measurements: Measurement[] = [
		...generateLargeDataset({ clients: 60, measurements: 600, sliceSize: 20 })
	]
		.flatMap((s) => s.measurements)
		.sort((a, b) => a.id.localeCompare(b.id));
	const sameDay = measurements.map((m, n) =>
		n % 3 === 0 ? { ...m, takenOn: '2025-03-03', createdAt: '2025-03-03T10:00:00.000Z' } : m
	);

	it.each([
		['generated measurements', measurements],
		['many on the same day and minute', sameDay]
	])('gives the sequential fold for every split into stretches: %s', (_, list) => {
		const whole = plain(foldStatMeasurements(new Map(), list));
		for (const parts of [2, 3, 7]) {
			const size = Math.ceil(list.length / parts);
			const folds = Array.from({ length: parts }, (_, n) =>
				foldStatMeasurements(new Map(), list.slice(n * size, (n + 1) * size))
			);
			expect(plain(folds.reduce(mergeStatFolds)), `${parts} stretches`).toEqual(whole);
		}
	});

	it('keeps an empty fold empty and takes over a fold into an empty one', () => {
		const some = foldStatMeasurements(new Map(), measurements.slice(0, 10));
		expect(plain(mergeStatFolds(new Map(), some))).toEqual(plain(some));
		expect(mergeStatFolds(new Map(), new Map()).size).toBe(0);
	});
});
