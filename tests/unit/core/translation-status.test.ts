import { describe, expect, it } from 'vitest';
import { countStatuses, effectiveStatus, hasUnreviewed, translationMetaSchema } from '$lib/core';

describe('translation status', () => {
	const entry = {
		status: 'approved' as const,
		source: 'Jag letar efter ett jobb.',
		reviewer: 'A. Granskare'
	};

	it('keeps the recorded status while the Swedish source is unchanged', () => {
		expect(effectiveStatus(entry, 'Jag letar efter ett jobb.')).toEqual({
			status: 'approved',
			isSourceChanged: false,
			isUntracked: false
		});
	});

	it('resets to a machine draft when the Swedish source has changed', () => {
		expect(effectiveStatus(entry, 'Jag söker ett jobb.')).toEqual({
			status: 'machine',
			isSourceChanged: true,
			isUntracked: false
		});
	});

	it('treats a string without an entry as a machine draft', () => {
		expect(effectiveStatus(undefined, 'x').status).toBe('machine');
		expect(effectiveStatus(undefined, 'x').isUntracked).toBe(true);
	});

	it('says when anything is below reviewed, and counts statuses', () => {
		const reviewed = effectiveStatus({ ...entry, status: 'reviewed' }, entry.source);
		const stale = effectiveStatus(entry, 'changed');
		expect(hasUnreviewed([reviewed])).toBe(false);
		expect(hasUnreviewed([reviewed, stale])).toBe(true);
		expect(countStatuses([reviewed, stale, effectiveStatus(entry, entry.source)])).toEqual({
			machine: 1,
			reviewed: 1,
			approved: 1,
			stale: 1
		});
	});

	it('validates the sidecar files', () => {
		expect(
			translationMetaSchema.safeParse({ 'a.b': { status: 'machine', source: 'x' } }).success
		).toBe(true);
		expect(
			translationMetaSchema.safeParse({ 'a.b': { status: 'done', source: 'x' } }).success
		).toBe(false);
	});
});
