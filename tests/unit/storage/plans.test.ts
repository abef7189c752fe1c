import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPlan, addStep, type IsoDate } from '$lib/core';
import {
	caseworkerChanges,
	clients,
	CURRENT_SCHEMA_VERSION,
	demo,
	interventions,
	measurements,
	openDatabase,
	plans,
	statistics,
	StorageError,
	useDatabase
} from '$lib/storage';
import type { FramstegDb } from '$lib/storage/database';
import {
	sealedRow,
	uniqueDatabaseName,
	unlockWithRandomKey,
	useTestDatabase
} from '../../fixtures/database';
import { dropKey } from '$lib/storage/session';
import {
	fixedClock,
	idSource,
	makeClient,
	makeClientInput,
	makeMeasurement,
	makeProfile,
	NOW,
	TODAY
} from '../../fixtures/factories';

const makePlan = (clientId: string, seed = 1) =>
	addStep(
		newPlan({
			clientId: clientId as never,
			caseworkerId: makeProfile().id,
			today: TODAY,
			now: NOW,
			newId: idSource(300 + seed)
		}),
		{ what: 'Besöka arbetsplats', who: 'participant', dueOn: null },
		idSource(400 + seed)
	);

describe('plans, interventions and caseworker changes', () => {
	const db = useTestDatabase();

	it('create, list, update and remove a plan (with a tombstone)', async () => {
		const client = await clients.create(
			{
				code: 'P-1',
				gender: 'woman',
				birthYearRange: null,
				preferredLanguage: 'sv',
				preferredRegister: 'standard'
			},
			makeProfile(),
			{ now: fixedClock }
		);
		const saved = await plans.create(makePlan(client.id), { now: fixedClock });
		expect(await plans.listForClient(client.id)).toEqual([saved]);
		const updated = await plans.update({ ...saved, reviewOn: '2026-12-01' as IsoDate });
		expect((await plans.get(saved.id))?.reviewOn).toBe('2026-12-01');
		expect((await plans.currentByClient()).get(client.id)?.id).toBe(updated.id);
		await plans.remove(saved.id, { now: fixedClock });
		expect(await plans.listForClient(client.id)).toEqual([]);
		expect(await db().tombstones.get(saved.id)).toMatchObject({ table: 'plans' });
	});

	it("refuses, with 'conflict', a plan saved over a version another tab has changed since", async () => {
		const client = await clients.create(makeClientInput(), makeProfile(), { now: fixedClock });
		const opened = await plans.create(makePlan(client.id), { now: fixedClock });
		// Tab A adds a step; tab B, opened on the same version, changes only the status.
		const tabA = await plans.update(
			addStep(
				opened,
				{ what: 'Nytt steg från flik A', who: 'caseworker', dueOn: null },
				idSource(9)
			),
			{ now: fixedClock }
		);
		expect(tabA.updatedAt > opened.updatedAt).toBe(true);
		const error = await plans
			.update({ ...opened, status: 'reviewed' }, { now: fixedClock })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StorageError);
		expect((error as StorageError).fault).toBe('conflict');
		const stored = await plans.get(opened.id);
		expect(stored).toEqual(tabA);
		expect(stored?.steps.map((s) => s.what)).toContain('Nytt steg från flik A');
	});

	it('lets only one of two plan saves of the same version through', async () => {
		const client = await clients.create(makeClientInput(), makeProfile(), { now: fixedClock });
		const opened = await plans.create(makePlan(client.id), { now: fixedClock });
		const results = await Promise.allSettled([
			plans.update({ ...opened, reviewOn: '2026-12-01' as IsoDate }),
			plans.update({ ...opened, status: 'reviewed' })
		]);
		const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		expect(refused.map((e) => (e as StorageError).fault)).toEqual(['conflict']);
	});

	it('refuses a plan for a missing client and invalid rows', async () => {
		await expect(plans.create(makePlan('missing-client-1'))).rejects.toBeInstanceOf(StorageError);
		const client = makeClient();
		await db().clients.put(await sealedRow('clients', client));
		await expect(
			plans.create({ ...makePlan(client.id), status: 'weird' as never })
		).rejects.toThrow();
		// A broken row in the table never reaches the UI.
		await db().plans.put({ ...makePlan(client.id, 2), goals: 'x' } as never);
		expect(await plans.listForClient(client.id)).toEqual([]);
	});

	it('deleting a client removes its plans, interventions and changes in one go, with tombstones', async () => {
		const client = makeClient();
		const other = makeClient({ seed: 2, code: 'OTHER' });
		await db().clients.bulkPut([
			await sealedRow('clients', client),
			await sealedRow('clients', other)
		]);
		const plan = await plans.create(makePlan(client.id));
		const keep = await plans.create(makePlan(other.id, 3));
		const i = await interventions.create(client.id, {
			type: 'work',
			startOn: '2026-01-01' as IsoDate,
			endOn: null,
			pauses: []
		});
		const c = await caseworkerChanges.create(client.id, {
			changedOn: '2026-02-01',
			from: 'AB',
			to: 'CD'
		});
		expect(await interventions.listForClient(client.id)).toEqual([i]);
		expect(await caseworkerChanges.listForClient(client.id)).toEqual([c]);

		await clients.remove(client.id, { now: fixedClock });
		expect(await plans.listForClient(client.id)).toEqual([]);
		expect(await interventions.listForClient(client.id)).toEqual([]);
		expect(await caseworkerChanges.listForClient(client.id)).toEqual([]);
		expect(await plans.listForClient(other.id)).toEqual([keep]);
		const stones = await db().tombstones.toArray();
		expect(stones.map((s) => s.table).sort()).toEqual([
			'caseworkerChanges',
			'clients',
			'interventions',
			'plans'
		]);
		expect(stones.map((s) => s.id)).toEqual(expect.arrayContaining([plan.id, i.id, c.id]));
		// Tombstones hold no personal data.
		expect(JSON.stringify(stones)).not.toContain('AB');
	});

	it('demo data brings a plan and interventions, and removing it removes them', async () => {
		await demo.load(makeProfile(), { now: fixedClock });
		const [client] = await clients.list();
		expect(await plans.listForClient(client.id)).toHaveLength(1);
		expect((await interventions.listForClient(client.id)).length).toBeGreaterThan(1);
		expect(await caseworkerChanges.listForClient(client.id)).toHaveLength(1);
		// Demo data never goes into team statistics.
		expect(await statistics.deviceRecords()).toEqual([]);
		await demo.remove();
		expect(await db().plans.count()).toBe(0);
		expect(await db().interventions.count()).toBe(0);
		expect(await db().caseworkerChanges.count()).toBe(0);
	});

	it('the device export covers real clients with measurements', async () => {
		const client = makeClient();
		await db().clients.put(await sealedRow('clients', client));
		await measurements.putMany([makeMeasurement({ clientId: client.id })]);
		const file = await statistics.exportTeamFile({ now: fixedClock, newKey: idSource(5) });
		expect(file.clients).toHaveLength(1);
		expect(JSON.stringify(file)).not.toContain(client.code);
	});
});

describe('schema version 2 → 3', () => {
	const opened: FramstegDb[] = [];
	beforeEach(unlockWithRandomKey);
	afterEach(async () => {
		dropKey();
		useDatabase(undefined);
		for (const d of opened.splice(0)) await d.delete().catch(() => undefined);
	});

	it('keeps every version-2 row and adds the new, empty tables with id/date indexes only', async () => {
		const name = uniqueDatabaseName();
		const v2 = openDatabase(name, 2);
		opened.push(v2);
		await v2.open();
		expect(v2.tables.map((t) => t.name)).not.toContain('plans');
		const client = makeClient();
		const measurement = makeMeasurement({ clientId: client.id });
		await v2.profile.put(makeProfile() as never);
		await v2.clients.put(client as never);
		await v2.measurements.put(measurement as never);
		await v2.tombstones.put({
			id: 'gone-0000-0001',
			table: 'clients',
			deletedAt: NOW.toISOString()
		});
		v2.close();

		const db = openDatabase(name);
		opened.push(db);
		useDatabase(db);
		expect(await clients.get(client.id)).toEqual(client);
		expect(await measurements.listForClient(client.id)).toEqual([measurement]);
		expect(await db.tombstones.count()).toBe(1);
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		for (const table of ['plans', 'interventions', 'caseworkerChanges'] as const) {
			expect(await db[table].count()).toBe(0);
			const indexes = db[table].schema.indexes.map((i) => i.name).sort();
			for (const index of indexes)
				expect(['clientId', 'reviewOn', 'updatedAt', 'startOn', 'changedOn']).toContain(index);
		}
		expect((await db.meta.get('dataSchemaVersion'))?.value).toBe(CURRENT_SCHEMA_VERSION);
		// And the new tables work after the upgrade.
		const saved = await plans.create(makePlan(client.id));
		expect(await plans.listForClient(client.id)).toEqual([saved]);
	});
});
