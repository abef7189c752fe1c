import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '$lib/core';
import { makeMeasurement } from '../../fixtures/factories';

describe('compareWithPrevious', () => {
	it('compares a saved measurement with the one before it', () => {
		const previous = makeMeasurement({ seed: 1, clientAnswers: { 'client.job-search': 2 } });
		const current = makeMeasurement({ seed: 2, clientAnswers: { 'client.job-search': 5 } });
		const result = compareWithPrevious(current, previous);
		const jobSearch = result?.comparison.indicators.find((i) => i.indicatorId === 'job-search');
		expect(jobSearch?.clientChange).toBe(3);
	});

	it('gives nothing for a catalogue version this build does not know', () => {
		const unknown = { ...makeMeasurement({ seed: 3 }), catalogueVersion: 99 };
		expect(compareWithPrevious(unknown, undefined)).toBeUndefined();
	});
});
