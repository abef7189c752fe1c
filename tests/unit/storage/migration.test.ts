import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientSchema, type Client } from '$lib/core';
import {
	clients,
	CURRENT_SCHEMA_VERSION,
	drafts,
	measurements,
	openDatabase,
	StorageError,
	useDatabase
} from '$lib/storage';
import type { FramstegDb } from '$lib/storage/database';
import { ofClients } from '$lib/storage/queries';
import { findInPack, packOf, PACK_STORES } from '$lib/storage/measurement-packs';
import type { MeasurementRow } from '$lib/storage/records';
import { uniqueDatabaseName, unlockWithRandomKey } from '../../fixtures/database';
import { dropKey } from '$lib/storage/session';
import {
	makeClient,
	makeClientInput,
	makeDraft,
	makeMeasurement,
	makeProfile
} from '../../fixtures/factories';

const opened: FramstegDb[] = [];
function open(name: string, upTo?: number): FramstegDb {
	const db = openDatabase(name, upTo);
	opened.push(db);
	return db;
}

afterEach(async () => {
	useDatabase(undefined);
	for (const db of opened.splice(0)) await db.delete().catch(() => undefined);
});

/** Reads every row of a store with plain IndexedDB, bypassing Dexie and the app's guards. */
function readRaw(name: string, store: string): Promise<unknown[]> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(name);
		request.onerror = () => reject(request.error);
		request.onsuccess = () => {
			const idb = request.result;
			const all = idb.transaction(store, 'readonly').objectStore(store).getAll();
			all.onerror = () => reject(all.error);
			all.onsuccess = () => {
				idb.close();
				resolve(all.result);
			};
		};
	});
}

describe('schema version 1 → current', () => {
	it('is at version 7 in this build', () => {
		expect(CURRENT_SCHEMA_VERSION).toBe(7);
	});

	it('upgrades version-1 rows to the current shape', async () => {
		const name = uniqueDatabaseName();
		const withRegister = makeClient({ seed: 1, code: 'NEW-1', preferredRegister: 'easy' });
		const current = makeClient({ seed: 2, code: 'OLD-1', preferredRegister: 'standard' });
		const clientV1: Partial<Client> = { ...current };
		delete clientV1.preferredRegister;
		const measurement = makeMeasurement({ clientId: current.id });
		const draft = makeDraft({ clientId: current.id, step: 'handback', clientIndex: 9 });

		// A database as a version-1 build left it.
		const v1 = open(name, 1);
		await v1.open();
		expect(v1.verno).toBe(1);
		expect(v1.tables.map((t) => t.name)).not.toContain('tombstones');
		await v1.meta.put({ key: 'dataSchemaVersion', value: 1 });
		await v1.profile.put(makeProfile() as never);
		await v1.clients.bulkPut([withRegister, clientV1] as never);
		await v1.measurements.put(measurement as never);
		await v1.drafts.put(draft as never);
		v1.close();
		expect(await readRaw(name, 'clients')).toContainEqual(clientV1);

		const db = open(name);
		useDatabase(db);

		const upgraded = await clients.get(current.id);
		expect(clientSchema.safeParse(upgraded).success).toBe(true);
		expect(upgraded).toEqual({ ...clientV1, preferredRegister: 'standard' });
		// A row that already had a register keeps it.
		expect((await clients.get(withRegister.id))?.preferredRegister).toBe('easy');

		expect(await measurements.listForClient(current.id)).toEqual([measurement]);
		expect(await drafts.getForClient(current.id)).toMatchObject({
			status: 'ok',
			draft,
			dropped: []
		});

		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		expect(db.tables.map((t) => t.name)).toContain('tombstones');
		expect(await db.tombstones.count()).toBe(0);
		expect(db.clients.schema.idxByName['[caseworkerId+status]']).toBeDefined();
		expect(await db.meta.get('dataSchemaVersion')).toEqual({
			key: 'dataSchemaVersion',
			value: CURRENT_SCHEMA_VERSION
		});
	});

	it('v4 → v5 drops the clientId index of measurements; rows stay and are found by client', async () => {
		const name = uniqueDatabaseName();
		const client = makeClient({ seed: 7, code: 'V4-1' });
		const rows = [
			makeMeasurement({ seed: 1, clientId: client.id, takenOn: '2026-03-01' }),
			makeMeasurement({ seed: 2, clientId: client.id, takenOn: '2026-06-01' }),
			makeMeasurement({ seed: 3, clientId: makeClient({ seed: 8 }).id, takenOn: '2026-04-01' })
		];
		const v4 = open(name, 4);
		await v4.open();
		expect(v4.measurements.schema.idxByName.clientId).toBeDefined();
		await v4.measurements.bulkPut(rows as never);
		v4.close();

		const db = open(name);
		useDatabase(db);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		expect(db.measurements.schema.indexes.map((i) => i.name)).toEqual(['[clientId+takenOn]']);
		const native = db.backendDB().transaction('measurements').objectStore('measurements');
		expect([...native.indexNames]).toEqual(['[clientId+takenOn]']);
		expect(await readRaw(name, 'measurements')).toHaveLength(3);
		expect(new Set(rows.map((r) => r.id)).size).toBe(3);
		// In date order within the client.
		const found = await ofClients(db, [client.id]).primaryKeys();
		expect(found).toEqual([rows[0].id, rows[1].id]);
	});

	it('v5 → v6 adds the empty measurement pack stores; saved rows stay where they are', async () => {
		const name = uniqueDatabaseName();
		const client = makeClient({ seed: 1 });
		const row = makeMeasurement({ seed: 1, clientId: client.id, takenOn: '2026-03-01' });
		const v5 = open(name, 5);
		await v5.open();
		expect(v5.tables.map((t) => t.name)).not.toContain('measurementPacks');
		await v5.measurements.put(row as never);
		v5.close();

		const db = open(name, 6);
		useDatabase(db);
		await db.open();
		expect(db.verno).toBe(6);
		expect(await db.measurementPacks.count()).toBe(0);
		expect(await db.measurementPackRows.count()).toBe(0);
		expect(await ofClients(db, [client.id]).primaryKeys()).toEqual([row.id]);
	});

	it('v6 → v7 builds the pack directory from the packs already stored', async () => {
		const name = uniqueDatabaseName();
		const rows = ['a1', 'a1', 'a2', 'b1'].map(
			(clientId, n) =>
				({
					id: `m${n}`,
					clientId,
					takenOn: `2025-0${n + 1}-01`,
					enc: new Uint8Array([n])
				}) as MeasurementRow
		);
		const packs = [packOf(rows.slice(0, 3)), packOf(rows.slice(3))];
		const v6 = open(name, 6);
		await v6.open();
		expect(v6.tables.map((t) => t.name)).not.toContain('packDirectory');
		for (const pack of packs) {
			await v6.measurementPacks.put(pack.summary);
			await v6.measurementPackRows.put(pack.rows);
		}
		v6.close();

		const db = open(name);
		useDatabase(db);
		await db.open();
		expect(db.verno).toBe(7);
		const directory = await db.packDirectory.toArray();
		expect(directory.map((r) => [r.id, r.clients, [...r.packs], r.keys])).toEqual([
			['a1', 'a1', [0], ['a1']],
			['a2', 'a2', [0], ['a1']],
			['b1', 'b1', [0], ['b1']]
		]);
		const look = (clientId: string, id: string) =>
			new Promise<MeasurementRow | undefined>((resolve) => {
				const tx = db.backendDB().transaction([...PACK_STORES], 'readonly');
				findInPack(tx, clientId, id, resolve);
			});
		for (const row of rows) expect(await look(row.clientId, row.id)).toEqual(row);
		expect(await look('a2', 'm9')).toBeUndefined();
		expect(await look('c1', 'm3')).toBeUndefined();
	});

	it('records the data schema version in a new database', async () => {
		const db = open(uniqueDatabaseName());
		useDatabase(db);
		expect(await clients.list()).toEqual([]);
		expect((await db.meta.get('dataSchemaVersion'))?.value).toBe(CURRENT_SCHEMA_VERSION);
	});
});

describe('data written by a newer build', () => {
	beforeEach(unlockWithRandomKey);
	afterEach(dropKey);
	async function newerDatabase(): Promise<string> {
		const name = uniqueDatabaseName();
		const first = open(name);
		await first.open();
		await first.clients.put(makeClient() as never);
		await first.meta.put({ key: 'dataSchemaVersion', value: CURRENT_SCHEMA_VERSION + 1 });
		first.close();
		return name;
	}

	// Regression (found by this test, now fixed; src/lib/storage/errors.ts classifyStorageError, with the 'ready' handler in
	// src/lib/storage/database.ts): the StorageError('newer-data') thrown in 'ready' reaches
	// callers wrapped by Dexie as DatabaseClosedError { inner: StorageError('newer-data') }.
	// classifyStorageError only recognises a StorageError at the top level, finds
	// 'DatabaseClosedError' in the chain and reports 'stale' ("reload the page"), which cannot
	// help. Fixed: a StorageError found in the chain is returned.
	it("makes reads fail with fault 'newer-data'", async () => {
		const name = await newerDatabase();
		useDatabase(open(name));
		const error = await clients.list().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StorageError);
		expect((error as StorageError).fault).toBe('newer-data');
		expect((error as StorageError).messageKey).toBe('common:storageErrors.newer-data');
	});

	it('refuses writes and leaves the newer data untouched', async () => {
		const name = await newerDatabase();
		useDatabase(open(name));
		await expect(
			clients.create(makeClientInput({ code: 'K-1', seed: 3 }), makeProfile())
		).rejects.toBeInstanceOf(StorageError);
		expect(await readRaw(name, 'clients')).toEqual([makeClient()]);
		expect(await readRaw(name, 'meta')).toEqual([
			{ key: 'dataSchemaVersion', value: CURRENT_SCHEMA_VERSION + 1 }
		]);
	});
});
