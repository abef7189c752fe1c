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

export const DATABASE_NAME = 'framsteg';

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

type Listener = () => void;
const staleListeners = new Set<Listener>();
const blockedListeners = new Set<Listener>();

/** Called when another tab upgrades the database: this tab must stop writing and reload. */
export function onStale(listener: Listener): () => void {
	staleListeners.add(listener);
	return () => staleListeners.delete(listener);
}

/** Called when our upgrade waits for an older tab to close. */
export function onBlocked(listener: Listener): () => void {
	blockedListeners.add(listener);
	return () => blockedListeners.delete(listener);
}

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
		for (const l of staleListeners) l();
		return false;
	});
	db.on('blocked', () => {
		for (const l of blockedListeners) l();
	});
	db.on('ready', async () => {
		// A database written by a newer build: refuse to touch it.
		const row = await db.meta.get('dataSchemaVersion');
		const stored = typeof row?.value === 'number' ? row.value : 0;
		if (stored > upTo) throw new StorageError('newer-data');
		if (stored < upTo) await db.meta.put({ key: 'dataSchemaVersion', value: upTo });
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
