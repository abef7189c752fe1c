import { describe, expect, it } from 'vitest';
import { ExchangeError, planClientImport, type ClientFile, type MeasurementId } from '$lib/core';
import { makeClient, makeMeasurement, NOW } from '../../../fixtures/factories';

const client = makeClient();
const a = makeMeasurement({ clientId: client.id, id: 'aaaaaaaa-1' as MeasurementId, seed: 1 });
const b = makeMeasurement({ clientId: client.id, id: 'bbbbbbbb-2' as MeasurementId, seed: 2 });
const c = makeMeasurement({ clientId: client.id, id: 'cccccccc-3' as MeasurementId, seed: 3 });
const file: ClientFile = {
	app: 'framsteg',
	kind: 'client',
	formatVersion: 1,
	exportedAt: NOW.toISOString(),
	client,
	measurements: [a, b, c]
};
const none = {
	client: undefined,
	measurements: new Map(),
	deletedIds: new Set<string>(),
	codeTakenBy: undefined
};

describe('merge by measurement id', () => {
	it('creates a new client with all measurements', () => {
		const plan = planClientImport(file, none);
		expect(plan.clientAction).toBe('create');
		expect(plan.toAdd.map((m) => m.id)).toEqual([a.id, b.id, c.id]);
		expect(plan.catalogueVersions).toEqual([{ catalogueId: 'framsteg', catalogueVersion: 1 }]);
	});

	it('adds new, skips identical, lists differing ones as conflicts (never overwrites)', () => {
		const changed = { ...b, note: 'ändrad här' };
		const plan = planClientImport(file, {
			...none,
			client,
			measurements: new Map([
				[a.id as string, { ...a }],
				[b.id as string, changed]
			])
		});
		expect(plan.clientAction).toBe('existing');
		expect(plan.clientDiffers).toBe(false);
		expect(plan.identical).toEqual([a.id]);
		expect(plan.conflicts).toEqual([{ id: b.id, takenOn: b.takenOn }]);
		expect(plan.toAdd.map((m) => m.id)).toEqual([c.id]);
	});

	it('compares records regardless of key order', () => {
		const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
		const plan = planClientImport(file, {
			...none,
			measurements: new Map([[a.id as string, reordered]])
		});
		expect(plan.identical).toEqual([a.id]);
	});

	it('notes a stored client that differs, and a code already used by another client', () => {
		const other = makeClient({ seed: 9 });
		const plan = planClientImport(file, {
			...none,
			client: { ...client, gender: 'other' },
			codeTakenBy: other.id
		});
		expect(plan.clientDiffers).toBe(true);
		expect(plan.codeTakenBy).toBe(other.id);
	});

	it('tombstones: a deleted measurement does not come back, a deleted client is refused', () => {
		const plan = planClientImport(file, { ...none, deletedIds: new Set([b.id as string]) });
		expect(plan.deleted).toEqual([b.id]);
		expect(plan.toAdd.map((m) => m.id)).toEqual([a.id, c.id]);
		expect(() =>
			planClientImport(file, { ...none, deletedIds: new Set([client.id as string]) })
		).toThrow(new ExchangeError('deleted-client'));
	});
});
