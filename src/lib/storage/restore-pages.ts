import {
	ExchangeError,
	isSecurityError,
	matchesSeal,
	SealedBackupReader,
	type BackupEnd,
	type BackupFileRow,
	type BackupTable,
	type ByteSource
} from '$lib/core';
import { MeasurementPacker, ownRowsOf, type Pack } from './measurement-packs';
import { resealRow } from './records';
import { CURRENT_SCHEMA_VERSION } from './versions';

/**
 * A restore's pages, ready to store: the backup file read, checked, brought up to
 * this schema, re-sealed when it was made with another key, and, for a file that
 * holds each client's measurements together, its measurements made into packs.
 *
 * (Reading them in a worker was tried: on a 2-core tablet the restore is bound by
 * the processor, shared with IndexedDB's own process, and handing the rows over
 * cost what the worker saved.)
 */

/** One page to store: rows of a store, and packs of measurements. */
export type RestorePage = {
	table: BackupTable;
	/** Rows to add to `table` one by one (measurements that could not be packed, too). */
	rows: unknown[];
	packs: Pack[];
	/** Rows of the file this page stands for (for progress). */
	count: number;
};

export type PageSource = {
	/** The next page; undefined after the trailer, once the hash chain matched the seal. */
	next(): Promise<RestorePage | undefined>;
	/** Rows left out so far (they did not open under the backup's key). */
	skipped(): number;
};

/** What reading a restore's pages needs. */
export type PageSourceInput = {
	source: ByteSource | Blob;
	end: BackupEnd;
	backupId: string;
	/** The backup's data key and this device's, when they differ (rows are re-sealed). */
	keys?: { from: CryptoKey; to: CryptoKey };
};

/**
 * Rows written by an older database schema would be brought up to date here, one
 * step per version (`ROW_MIGRATIONS[v]` takes a row of schema v to v + 1), as they
 * are read for writing. Sealed backups exist since schema 4; v5 only dropped an
 * index, v6 added the measurement packs and v7 the pack directory, so their steps
 * change nothing. A
 * backup from a schema with no path to the current one is refused; a newer one
 * ("update the app first") is refused by the reader.
 */
const ROW_MIGRATIONS: Record<number, (table: BackupTable, row: BackupFileRow) => BackupFileRow> = {
	4: (_table, row) => row,
	5: (_table, row) => row,
	6: (_table, row) => row
};

/**
 * Rows of this schema version or a later one are stored as they are now (every step
 * since changes nothing), so a file's packs from such a schema can go in unopened.
 * Move it up when a step starts changing rows.
 */
const ROWS_AS_NOW_SINCE = 4;

export function checkSchemaPath(from: number): void {
	for (let v = from; v < CURRENT_SCHEMA_VERSION; v++)
		if (!ROW_MIGRATIONS[v]) throw new ExchangeError('schema', 'schemaVersion');
}

function migrateRow(from: number, table: BackupTable, row: BackupFileRow): BackupFileRow {
	let current = row;
	for (let v = from; v < CURRENT_SCHEMA_VERSION; v++) current = ROW_MIGRATIONS[v](table, current);
	return current;
}

/** Reads a Blob front to back into the reader's own buffers (BYOB where the browser can). */
export function blobSource(file: Blob): ByteSource {
	return {
		size: file.size,
		chunks() {
			let byob: ReadableStreamBYOBReader | undefined;
			try {
				byob = file.stream().getReader({ mode: 'byob' });
			} catch {
				byob = undefined;
			}
			if (byob) {
				const reader = byob;
				return {
					read: async (into) => {
						const { done, value } = await reader.read(into);
						return done || !value ? undefined : value;
					}
				};
			}
			let offset = 0;
			return {
				read: async (into) => {
					if (offset >= file.size) return undefined;
					const bytes = new Uint8Array(
						await file.slice(offset, offset + into.length).arrayBuffer()
					);
					offset += bytes.length;
					into.set(bytes);
					return into.subarray(0, bytes.length);
				}
			};
		}
	};
}

/** The pages of a restore, read on this thread. */
export function pagesHere(input: PageSourceInput): PageSource {
	const bytes = input.source instanceof Blob ? blobSource(input.source) : input.source;
	const read = new SealedBackupReader(bytes, { currentSchemaVersion: CURRENT_SCHEMA_VERSION });
	let skipped = 0;
	let packer: MeasurementPacker | undefined;
	let started = false;
	let ended = false;

	/** The rows of a page of the file, migrated and (for another key) re-sealed. */
	const rowsOf = async (table: BackupTable, rows: BackupFileRow[], schema: number) => {
		const migrated = rows.map((row) => migrateRow(schema, table, row));
		if (!input.keys || table === 'tombstones') return migrated;
		const { from, to } = input.keys;
		const settled = await Promise.allSettled(
			migrated.map((row) => resealRow(table, row, from, to))
		);
		const sealed: unknown[] = [];
		for (const s of settled) {
			if (s.status === 'fulfilled') sealed.push(s.value);
			else if (isSecurityError(s.reason) && s.reason.fault === 'locked') throw s.reason;
			else skipped++;
		}
		return sealed;
	};

	return {
		async next() {
			if (ended) return undefined;
			const header = await read.header();
			if (!started) {
				started = true;
				if (header.backupId !== input.backupId) throw new ExchangeError('damaged');
				checkSchemaPath(header.schemaVersion);
				// A file with each client's measurements together: they go into packs.
				if (header.measurementsByClient) packer = new MeasurementPacker();
			}
			const item = await read.next();
			// The last pack of measurements goes with the page after them (or the end).
			const last =
				packer && ('trailer' in item || item.table !== 'measurements') ? packer.flush() : undefined;
			if ('trailer' in item) {
				if (!matchesSeal(item, input.end)) throw new ExchangeError('damaged');
				ended = true;
				return last ? { table: 'measurements', rows: [], packs: [last], count: 0 } : undefined;
			}
			const rows = await rowsOf(item.table, item.rows, header.schemaVersion);
			if (item.table === 'measurements' && (packer || item.packs.length > 0)) {
				const made: { packs: Pack[]; loose: unknown[] } = { packs: [], loose: [] };
				const take = (part: { packs: Pack[]; loose: unknown[] }) => {
					made.packs.push(...part.packs);
					made.loose.push(...part.loose);
				};
				// A file's packs go in as they are when they can (same key, rows as now);
				// otherwise as their rows, each brought up to date and re-sealed.
				for (const pack of item.packs) {
					if (!input.keys && header.schemaVersion >= ROWS_AS_NOW_SINCE && packer)
						take(packer.pushPack(pack));
					else {
						const own = await rowsOf(
							'measurements',
							ownRowsOf({ ...pack, id: '' }) as unknown as BackupFileRow[],
							header.schemaVersion
						);
						take(packer ? packer.push(own) : { packs: [], loose: own });
					}
				}
				take(packer ? packer.push(rows) : { packs: [], loose: rows });
				return { table: item.table, rows: made.loose, packs: made.packs, count: item.count };
			}
			// Packs go to their own stores whatever the page's table.
			return { table: item.table, rows, packs: last ? [last] : [], count: item.count };
		},
		skipped: () => skipped
	};
}
