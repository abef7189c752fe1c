import { Dexie, type EntityTable } from 'dexie';
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
import { DATABASE_NAME, META_KEYS } from './constants';
import { notifyBlocked, notifyStale } from './events';

export { DATABASE_NAME } from './constants';
export { onBlocked, onStale } from './events';

export type FramstegDb = Dexie & {
	meta: EntityTable<MetaRow, 'key'>;
	profile: EntityTable<ProfileRow, 'id'>;
	clients: EntityTable<ClientRow, 'id'>;
	measurements: EntityTable<MeasurementRow, 'id'>;
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
	const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as FramstegDb;
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
