import { afterEach, describe, expect, it } from 'vitest';
import {
	CURRENT_SCHEMA_VERSION,
	DATABASE_NAME,
	keyring,
	openDatabase,
	profile,
	useDatabase,
	type StorageError
} from '$lib/storage';
import { peekLockState, peekUnlockWaitMs } from '$lib/storage/lock-peek';
import { dropKey } from '$lib/storage/session';

/**
 * The first screen's look at the lock state (raw IndexedDB, no Dexie) must agree with the
 * keyring module, never create the database, and never stand in the way of Dexie's open.
 */
const PASS = 'korrekt häst batteri';

async function databaseNames(): Promise<string[]> {
	return (await indexedDB.databases()).map((d) => d.name ?? '');
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
	});
}

afterEach(async () => {
	dropKey();
	useDatabase(undefined);
	await deleteDatabase(DATABASE_NAME);
});

describe('peekLockState', () => {
	it('a new device: no database, and looking does not create one', async () => {
		expect(await peekLockState()).toEqual({ state: 'none', hasDatabase: false });
		expect(await databaseNames()).not.toContain(DATABASE_NAME);
	});

	it('does not create the database where the browser cannot list databases', async () => {
		const databases = indexedDB.databases;
		try {
			(indexedDB as { databases?: unknown }).databases = undefined;
			expect(await peekLockState()).toEqual({ state: 'none', hasDatabase: false });
		} finally {
			indexedDB.databases = databases;
		}
		expect(await databaseNames()).not.toContain(DATABASE_NAME);
	});

	it('agrees with the keyring: none before set-up, locked after, and Dexie still opens', async () => {
		const db = openDatabase();
		useDatabase(db);
		await db.open();
		expect(await keyring.state()).toBe('none');
		expect(await peekLockState()).toEqual({ state: 'none', hasDatabase: true });

		await keyring.create(PASS);
		await profile.save({ name: 'Anna Berg', unit: '' });
		keyring.lock();
		expect(await keyring.state()).toBe('locked');
		expect(await peekLockState()).toEqual({ state: 'locked', hasDatabase: true });
		// The peek's connection is closed: the app's database is still usable.
		await keyring.unlock(PASS);
		expect((await profile.get())?.name).toBe('Anna Berg');
	});

	it('never blocks a versioned open of an older database (the upgrade runs)', async () => {
		const old = openDatabase(DATABASE_NAME, 1);
		await old.open();
		await old.meta.put({ key: 'dataSchemaVersion', value: 1 });
		old.close();
		expect(await peekLockState()).toEqual({ state: 'none', hasDatabase: true });
		const db = openDatabase();
		useDatabase(db);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		expect((await db.meta.get('dataSchemaVersion'))?.value).toBe(CURRENT_SCHEMA_VERSION);
	});

	it("refuses data written by a newer build, as the storage module does ('newer-data')", async () => {
		const db = openDatabase();
		await db.open();
		await db.meta.put({ key: 'dataSchemaVersion', value: CURRENT_SCHEMA_VERSION + 1 });
		db.close();
		const error = await peekLockState().then(
			() => undefined,
			(e: unknown) => e as StorageError
		);
		expect(error?.fault).toBe('newer-data');
		expect(error?.messageKey).toBe('common:storageErrors.newer-data');
	});

	it("says 'unavailable' without IndexedDB (private mode)", async () => {
		const original = globalThis.indexedDB;
		try {
			Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
			const error = await peekLockState().then(
				() => undefined,
				(e: unknown) => e as StorageError
			);
			expect(error?.fault).toBe('unavailable');
		} finally {
			Object.defineProperty(globalThis, 'indexedDB', { value: original, configurable: true });
		}
	});
});

describe('peekUnlockWaitMs', () => {
	it('reads the same wait as the keyring after wrong passphrases', async () => {
		expect(await peekUnlockWaitMs()).toBe(0);
		useDatabase(openDatabase());
		await keyring.create(PASS);
		keyring.lock();
		const t0 = new Date('2026-11-27T10:00:00Z');
		const at = (ms: number) => () => new Date(t0.getTime() + ms);
		for (let i = 0; i < 3; i++) await keyring.unlock('fel', { now: at(0) }).catch(() => undefined);
		expect(await keyring.waitMs({ now: at(500) })).toBe(1500);
		expect(await peekUnlockWaitMs(at(500)())).toBe(1500);
		expect(await peekUnlockWaitMs(at(10_000)())).toBe(0);
	});
});
