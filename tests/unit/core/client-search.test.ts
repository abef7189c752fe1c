import { describe, expect, it } from 'vitest';
import { matchesSearch } from '$lib/core';

describe('client search', () => {
	it('matches case- and accent-insensitively, and everything for an empty search', () => {
		expect(matchesSearch('Ärende-17', 'arende')).toBe(true);
		expect(matchesSearch('Ärende-17', 'ÄR')).toBe(true);
		expect(matchesSearch('K-900', 'arende')).toBe(false);
		expect(matchesSearch('K-900', '  ')).toBe(true);
	});
});
