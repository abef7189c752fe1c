import { waitBeforeNextTry } from '$lib/core/security/unlock-delay';
import { DATABASE_NAME, META_KEYS, META_STORE } from './constants';
import { classifyStorageError, StorageError } from './errors';
import { CURRENT_SCHEMA_VERSION } from './versions';

/**
 * A look at the lock state for the first screen, without Dexie or zod.
 *
 * Every page load starts locked (the data key lives only in memory), so the first screen
 * is the lock screen, or set-up on a new device. Deciding which needs two facts from the
 * `meta` store: is there a keyring, and how long must the next try wait. This reads them
 * with raw IndexedDB and nothing else, so the first screen does not load the storage
 * module; that loads when the caseworker unlocks (`$lib/storage`, keyring.ts).
 *
 * The database is opened without a version (never upgraded here) and closed at once, so
 * Dexie's later versioned open or upgrade is never blocked. A database that does not
 * exist is not created. Only names from `constants.ts` are used: `database.ts` and
 * `versions/` stay the one place that knows the schema.
 */
export type PeekedLockState = {
	/** 'none': no keyring yet (set-up); 'locked': a keyring is stored. */
	state: 'none' | 'locked';
	/** Whether the database exists at all (a database from before encryption may hold a profile). */
	hasDatabase: boolean;
};

type MetaRows = Partial<Record<keyof typeof META_KEYS, unknown>> | undefined;

/** Reads the given `meta` rows; undefined when the database does not exist. */
async function readMeta(keys: (keyof typeof META_KEYS)[]): Promise<MetaRows> {
	const idb = globalThis.indexedDB;
	if (!idb) throw new StorageError('unavailable');
	try {
		// Where the browser can list databases, a missing one is never opened.
		if (typeof idb.databases === 'function') {
			const list = await idb.databases();
			if (!list.some((d) => d.name === DATABASE_NAME)) return undefined;
		}
		const db = await openExisting(idb);
		if (!db) return undefined;
		try {
			if (!db.objectStoreNames.contains(META_STORE)) return {};
			const store = db.transaction(META_STORE, 'readonly').objectStore(META_STORE);
			const rows = await Promise.all(
				keys.map((k) => request<{ value?: unknown } | undefined>(store.get(META_KEYS[k])))
			);
			return Object.fromEntries(keys.map((k, i) => [k, rows[i]?.value]));
		} finally {
			db.close();
		}
	} catch (error) {
		throw classifyStorageError(error);
	}
}

/** Opens the database as it is, or resolves undefined when it does not exist (nothing is created). */
function openExisting(idb: IDBFactory): Promise<IDBDatabase | undefined> {
	return new Promise((resolve, reject) => {
		let absent = false;
		const open = idb.open(DATABASE_NAME);
		open.onupgradeneeded = () => {
			// Only a database that does not exist yet gets here: abort, so it is not created.
			absent = true;
			open.transaction?.abort();
		};
		open.onsuccess = () => {
			const db = open.result;
			// Never stand in the way of another tab's upgrade.
			db.onversionchange = () => db.close();
			resolve(db);
		};
		open.onerror = (event) => {
			event.preventDefault();
			if (absent) resolve(undefined);
			else reject(open.error);
		};
		open.onblocked = () => undefined;
	});
}

function request<T>(r: IDBRequest): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result as T);
		r.onerror = () => reject(r.error);
	});
}

/**
 * Whether set-up has chosen a passphrase on this device. Throws a StorageError when
 * IndexedDB is unavailable, or `newer-data` when a newer build wrote the data (as the
 * storage module would on open).
 */
export async function peekLockState(): Promise<PeekedLockState> {
	const meta = await readMeta(['keyring', 'dataSchemaVersion']);
	if (!meta) return { state: 'none', hasDatabase: false };
	const stored = typeof meta.dataSchemaVersion === 'number' ? meta.dataSchemaVersion : 0;
	if (stored > CURRENT_SCHEMA_VERSION) throw new StorageError('newer-data');
	return { state: meta.keyring ? 'locked' : 'none', hasDatabase: true };
}

/**
 * Milliseconds before another unlock try is allowed (after wrong passphrases), read as
 * `keyring.waitMs()` reads it. A count that is not well-formed counts as no failures (the
 * keyring module validates it with its schema on every try).
 */
export async function peekUnlockWaitMs(now: Date = new Date()): Promise<number> {
	const meta = await readMeta(['unlockAttempts']);
	const value = meta?.unlockAttempts as { failures?: unknown; lastFailureAt?: unknown } | undefined;
	if (
		!value ||
		typeof value.failures !== 'number' ||
		!Number.isInteger(value.failures) ||
		value.failures < 0 ||
		typeof value.lastFailureAt !== 'string' ||
		Number.isNaN(Date.parse(value.lastFailureAt))
	)
		return 0;
	return waitBeforeNextTry({ failures: value.failures, lastFailureAt: value.lastFailureAt }, now);
}
