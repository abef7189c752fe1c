import type { Dexie, Transaction } from 'dexie';
import type { PackRowsRow } from '../measurement-packs';
import { PackDirectoryBuilder } from '../pack-directory';

/**
 * The database's schema history. APPEND ONLY: never edit or remove a version that
 * has shipped, since browsers out there hold databases made by it. Each entry
 * declares the stores and indexes that change at that version, plus an upgrade
 * that brings rows from the version before into shape.
 *
 * Indexes hold ids, dates and status only, never personal text, so that
 * encryption at rest can later cover every personal field.
 */
export type SchemaVersion = {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<unknown>;
};

export const SCHEMA_VERSIONS: SchemaVersion[] = [
	{
		version: 1,
		stores: {
			meta: 'key',
			profile: 'id',
			clients: 'id, status, updatedAt',
			measurements: 'id, clientId, [clientId+takenOn]',
			drafts: 'id, clientId'
		}
	},
	{
		// v2: clients get a preferred register (standard or easy-to-read), an index
		// per caseworker, and deleted records leave a tombstone (id and date only)
		// so they never come back through a hand-over file or backup.
		version: 2,
		stores: {
			clients: 'id, status, [caseworkerId+status], updatedAt',
			tombstones: 'id, deletedAt'
		},
		upgrade: (tx) =>
			tx
				.table('clients')
				.toCollection()
				.modify((row: { preferredRegister?: string }) => {
					if (row.preferredRegister === undefined) row.preferredRegister = 'standard';
				})
	},
	{
		// v3: action plans, interventions and caseworker changes per client. Indexes
		// hold ids, dates and status only; goals, steps and names stay unindexed.
		version: 3,
		stores: {
			plans: 'id, clientId, reviewOn, updatedAt',
			interventions: 'id, clientId, startOn',
			caseworkerChanges: 'id, clientId, changedOn'
		}
	},
	{
		// v4: encryption at rest and the audit log. Personal fields move into an
		// encrypted `enc` field; that needs the caseworker's key, so it happens when
		// the keyring is created (keyring.ts `sealPlainRows`), not here. The audit log
		// is keyed by its sequence number; entries are encrypted and hash-chained.
		version: 4,
		stores: {
			audit: 'seq, at'
		}
	},
	{
		// v5: measurements lose their `clientId` index. Every query by client uses
		// `[clientId+takenOn]` (a range on its first part), so the single index only
		// cost an extra write with every measurement saved or restored. No row changes.
		version: 5,
		stores: {
			measurements: 'id, [clientId+takenOn]'
		}
	},
	{
		// v6: measurement packs (see measurement-packs.ts). A restore stores each run of
		// about 256 measurements, whole clients only, as one row of sealed rows, keyed
		// by its first client's id, with a small summary row beside it (clients,
		// counts, latest dates) for the register. IndexedDB's cost is per row, so this
		// is what lets 100,000 measurements restore in seconds. Saves stay one row
		// each in `measurements`; readers take both. No row changes.
		version: 6,
		stores: {
			measurementPacks: 'id',
			measurementPackRows: 'id'
		}
	},
	{
		// v7: the pack directory (see measurement-packs.ts `PackDirectoryRow`): one row per
		// bucket of client ids, so a save learns with one read by key whether its
		// measurement is packed already. Built here from the packs a restore stored.
		version: 7,
		stores: {
			packDirectory: 'id'
		},
		upgrade: async (tx) => {
			const directory = new PackDirectoryBuilder();
			await tx
				.table('measurementPackRows')
				.toCollection()
				.each((pack: PackRowsRow) => directory.add(pack));
			await tx.table('packDirectory').bulkPut(directory.rows());
		}
	}
];

/** The latest schema version this build knows. */
export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

/** Applies the versions up to `upTo` (all by default) to a Dexie instance. */
export function applyVersions(db: Dexie, upTo: number = CURRENT_SCHEMA_VERSION): void {
	for (const v of SCHEMA_VERSIONS) {
		if (v.version > upTo) break;
		const declared = db.version(v.version).stores(v.stores);
		if (v.upgrade) declared.upgrade(v.upgrade);
	}
}
