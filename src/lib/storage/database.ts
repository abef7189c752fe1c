import { Dexie, RangeSet, type EntityTable, type ObservabilitySet } from 'dexie';
import { applyVersions, CURRENT_SCHEMA_VERSION } from './versions';
import type {
	AuditRow,
	CaseworkerChangeRow,
	ClientRow,
	InterventionRow,
	PlanRow,
	DraftRow,
	MeasurementRow,
	MetaRow,
	ProfileRow,
	TombstoneRow
} from './records';
import { StorageError } from './errors';
import type { PackDirectoryRow, PackRowsRow, PackSummaryRow } from './measurement-packs';
import { DATABASE_NAME, META_KEYS } from './constants';
import { notifyBlocked, notifyStale } from './events';

export { DATABASE_NAME } from './constants';
export { onBlocked, onStale } from './events';

export type FramstegDb = Dexie & {
	meta: EntityTable<MetaRow, 'key'>;
	profile: EntityTable<ProfileRow, 'id'>;
	clients: EntityTable<ClientRow, 'id'>;
	measurements: EntityTable<MeasurementRow, 'id'>;
	measurementPacks: EntityTable<PackSummaryRow, 'id'>;
	measurementPackRows: EntityTable<PackRowsRow, 'id'>;
	packDirectory: EntityTable<PackDirectoryRow, 'id'>;
	drafts: EntityTable<DraftRow, 'id'>;
	tombstones: EntityTable<TombstoneRow, 'id'>;
	plans: EntityTable<PlanRow, 'id'>;
	interventions: EntityTable<InterventionRow, 'id'>;
	caseworkerChanges: EntityTable<CaseworkerChangeRow, 'id'>;
	audit: EntityTable<AuditRow, 'seq'>;
};

/**
 * Opens (lazily) a Framsteg database. Tests pass their own name for isolation.
 * Writes are durable ('strict'): "Saved" is shown only once data is on disk.
 */
export function openDatabase(
	name: string = DATABASE_NAME,
	upTo: number = CURRENT_SCHEMA_VERSION
): FramstegDb {
	const db = new Dexie(name, {
		chromeTransactionDurability: 'strict',
		// No optimistic query cache: `writeDirect` writes around Dexie, and a cache
		// could then answer a live query with rows from before the write.
		cache: 'disabled'
	}) as FramstegDb;
	applyVersions(db, upTo);
	db.on('versionchange', () => {
		// Another tab (a newer build) needs to upgrade: close so it can, and tell
		// the user to reload instead of writing old-shaped rows.
		db.close();
		notifyStale();
		return false;
	});
	db.on('blocked', () => {
		notifyBlocked();
	});
	db.on('ready', async () => {
		// A database written by a newer build: refuse to touch it.
		const row = await db.meta.get(META_KEYS.dataSchemaVersion);
		const stored = typeof row?.value === 'number' ? row.value : 0;
		if (stored > upTo) throw new StorageError('newer-data');
		if (stored < upTo) await db.meta.put({ key: META_KEYS.dataSchemaVersion, value: upTo });
	});
	return db;
}

let instance: FramstegDb | undefined;

/** The app's database. */
export function database(): FramstegDb {
	instance ??= openDatabase();
	return instance;
}

/** Replaces the app's database (tests, and after deleting all data). */
export function useDatabase(db: FramstegDb | undefined): void {
	instance = db;
}

export type StoreName = Exclude<keyof FramstegDb & string, keyof Dexie>;

/**
 * One read-write transaction straight on the IndexedDB connection, for the one
 * write that must be as fast as a plain `put`: saving a measurement. Dexie's
 * transaction layer adds about 0.4 ms of waiting to every transaction, more than
 * the write itself on a fast device (see the save figure of `npm run bench`).
 *
 * `work` issues its requests synchronously on the transaction (it may read
 * results in `onsuccess` and call `fail`, which aborts everything). The promise
 * settles when the transaction has committed (durably: 'strict') or aborted.
 * Then, in a task of its own, Dexie's live queries, in this tab and in others, are
 * told the written tables changed, through Dexie's public `storagemutated` event.
 */
export async function writeDirect(
	db: FramstegDb,
	stores: StoreName[],
	work: (tx: IDBTransaction, fail: (error: unknown) => void) => void
): Promise<void> {
	if (!db.isOpen()) await db.open();
	await new Promise<void>((resolve, reject) => {
		let failure: unknown;
		const tx = db.backendDB().transaction(stores, 'readwrite', { durability: 'strict' });
		tx.oncomplete = () => resolve();
		tx.onabort = () => reject(failure ?? tx.error);
		const fail = (error: unknown) => {
			failure ??= error;
			try {
				tx.abort();
			} catch {
				// Already finished: onabort/oncomplete has the last word.
			}
		};
		try {
			work(tx, fail);
		} catch (error) {
			fail(error);
		}
	});
	// In a task of its own, after the caller has its answer.
	setTimeout(() => Dexie.on('storagemutated').fire(everythingIn(db, stores)), 0);
}

/**
 * Commits a `writeDirect` transaction once its work has checked all it must and made its
 * last request: IndexedDB then commits as soon as that request is done, without first
 * sending its success event back to the page. Where `commit()` is missing, or the
 * transaction is already finishing, it commits on its own as before.
 */
export function commitEarly(tx: IDBTransaction): void {
	try {
		if ('commit' in tx) tx.commit();
	} catch {
		// Already committing or aborted: its own events have the last word.
	}
}

/** Where a `writeStream` transaction's work writes, and how it waits without losing it. */
export type StreamWriter = {
	/** A store of the transaction (only while the transaction is active). */
	store(name: StoreName): IDBObjectStore;
	/**
	 * Adds rows; resolves (with the transaction active) once the last one is
	 * written. A failing add aborts the whole transaction.
	 */
	add(name: StoreName, rows: readonly unknown[]): Promise<void>;
	/**
	 * Waits for work outside IndexedDB (reading a file, crypto) while keeping the
	 * transaction alive, and resolves within a success event of one of its requests
	 * (an add still under way, or one of a chain of small reads), so the transaction
	 * is active again afterwards, and rows already added keep going in meanwhile.
	 */
	hold<T>(work: Promise<T>): Promise<T>;
};

/**
 * One long read-write transaction straight on the IndexedDB connection, fed by
 * asynchronous work: a restore writing a file's pages as they are read. Dexie's
 * layer would add its own per-row work, and its live-query bookkeeping keeps
 * every written key in memory until the transaction ends (about as much heap as
 * the rows themselves); here only the requests in flight are held, and live
 * queries are told afterwards, as for `writeDirect`.
 *
 * `work` may await only `writer.add` and `writer.hold` (any other await leaves
 * the transaction inactive, and the next request fails). A throw from `work`
 * aborts the transaction, and nothing it wrote stays.
 */
export async function writeStream(
	db: FramstegDb,
	stores: StoreName[],
	work: (writer: StreamWriter) => Promise<void>
): Promise<void> {
	if (!db.isOpen()) await db.open();
	const tx = db.backendDB().transaction(stores, 'readwrite', { durability: 'strict' });
	let failure: { error: unknown } | undefined;
	const stopped = new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onabort = () => {
			failure ??= { error: tx.error };
			reject(failure.error);
		};
	});
	// A rejection read later (or never, after a throw from `work`) is not unhandled.
	stopped.catch(() => undefined);
	const fail = (error: unknown) => {
		failure ??= { error };
		try {
			tx.abort();
		} catch {
			// Already finished: onabort/oncomplete has the last word.
		}
	};
	// Continuations waiting for work outside IndexedDB (`hold`): each is checked at
	// every success event of this transaction's requests (adds as they complete, or
	// the keep-alive reads when nothing else is under way), and runs within it, so
	// the transaction is active again when it does.
	const waiters = new Set<() => boolean>();
	const tick = () => {
		for (const waiter of waiters) if (waiter()) waiters.delete(waiter);
	};
	const spinStore = tx.objectStore(stores[0]);
	let spinning = false;
	tx.addEventListener('abort', () => {
		// Whichever of the abort's handlers runs first: waiters are rejected, none is left
		// waiting for a success event that will not come (a keep-alive read under way
		// fails without calling `spin`).
		failure ??= { error: tx.error };
		spinning = false;
		tick();
	});
	const spin = () => {
		tick();
		spinning = waiters.size > 0 && !failure;
		// Any cheap request keeps the transaction from committing.
		if (!spinning) return;
		try {
			spinStore.count(KEEP_ALIVE_KEY).onsuccess = spin;
		} catch (error) {
			spinning = false;
			fail(error);
			tick();
		}
	};
	const writer: StreamWriter = {
		store: (name) => tx.objectStore(name),
		add(name, rows) {
			const written = new Promise<void>((resolve, reject) => {
				if (rows.length === 0) return resolve();
				const store = tx.objectStore(name);
				// Now and then a chance for a waiting continuation, while the rows go in:
				// every few small rows, or after each one when there are few (large ones).
				const every = rows.length <= TICK_ROWS ? 1 : TICK_ROWS;
				for (let n = 0; n < rows.length - 1; n++) {
					const request = store.add(rows[n]);
					if (n % every === every - 1) request.onsuccess = tick;
				}
				const last = store.add(rows[rows.length - 1]);
				last.onsuccess = () => {
					resolve();
					tick();
				};
				last.onerror = () => reject(last.error);
			});
			// After an abort nobody may wait for this any more: not an unhandled rejection.
			written.catch(() => undefined);
			return written;
		},
		hold<T>(pending: Promise<T>) {
			if (failure) return Promise.reject(failure.error);
			return new Promise<T>((resolve, reject) => {
				let settled: { value: T } | { error: unknown } | undefined;
				pending.then(
					(value) => (settled = { value }),
					(error: unknown) => (settled = { error })
				);
				waiters.add(() => {
					if (failure) reject(failure.error);
					else if (!settled) return false;
					else if ('value' in settled) resolve(settled.value);
					else reject(settled.error);
					return true;
				});
				if (!spinning) spin();
			});
		}
	};
	try {
		await work(writer);
	} catch (error) {
		fail(error);
	}
	try {
		await stopped;
	} catch (error) {
		throw failure?.error ?? error;
	}
	Dexie.on('storagemutated').fire(everythingIn(db, stores));
}

/** Rows of an `add` between two chances for a waiting continuation to run. */
const TICK_ROWS = 64;

/** A key no row has: counting it keeps a transaction alive at the least cost. */
const KEEP_ALIVE_KEY = '\uffff keep-alive';

/** "Anything in these tables may have changed", in the shape Dexie's live queries read. */
function everythingIn(db: FramstegDb, stores: StoreName[]): ObservabilitySet {
	const parts: ObservabilitySet = {};
	for (const name of stores) {
		const prefix = `idb://${db.name}/${name}/`;
		const all = () => new RangeSet(-Infinity, [[[]]]);
		parts[prefix] = all();
		parts[`${prefix}:dels`] = all();
		for (const index of db.table(name).schema.indexes) parts[prefix + index.name] = all();
	}
	return parts;
}
