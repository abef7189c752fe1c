import { Dexie } from 'dexie';
import { ExchangeError, joinSealed } from '$lib/core';
import type { FramstegDb } from './database';
import type { MeasurementRow } from './records';
import { bucketOf, packThatMayHold, type PackDirectoryRow } from './pack-directory';

export {
	bucketOf,
	idPrint,
	PackDirectoryBuilder,
	packThatMayHold,
	type PackDirectoryRow
} from './pack-directory';

/**
 * Measurement packs. IndexedDB's cost is per row (about 0.1 ms each on a cheap
 * device, whatever the row's size), so a restore that wrote 100,000 measurement
 * rows one by one could never finish in seconds. A restore therefore stores the
 * measurements of a backup in packs: each run of about `PACK_ROWS` sealed rows,
 * whole clients only, clients in id order, as ONE row of `measurementPackRows`
 * (the rows exactly as `measurements` would hold them, still sealed one by one),
 * keyed by its first client's id. Beside it, a small row of `measurementPacks`
 * (same key) says which clients the pack holds, how many measurements each and
 * the latest date: what the register reads without opening anything.
 *
 * Packs are written only by a restore and only shrink afterwards (a deleted
 * client or demo data leaves them in the same transaction). Measurements saved
 * later are rows of `measurements`, as always; every reader takes both (the
 * functions here), and a client's measurements may sit in both places.
 *
 * Packs never overlap: each holds whole clients, and their client ranges
 * (`id` to `last`) follow each other. So a client's packed measurements are all in
 * the one pack whose range holds the client's id.
 *
 * Beside the packs, the pack directory (`packDirectory`, see pack-directory.ts) tells
 * the save, in one read by key, whether the measurement it writes may be packed.
 */

/** How many measurement rows a pack holds before a new one starts (at the next client). */
export const PACK_ROWS = 256;

/** One client in a pack's summary: id, how many measurements, the latest `takenOn`. */
export type PackedClient = [clientId: string, count: number, latest: string];

/** A pack's summary row (`measurementPacks`): its client range and what it holds per client. */
export type PackSummaryRow = {
	/** The pack's first client id (the key of both rows). */
	id: string;
	/** The pack's last client id. */
	last: string;
	clients: PackedClient[];
	/** Whether any of its measurements is demo data (so removing demo data reads only these). */
	demo: boolean;
};

/**
 * A pack's rows (`measurementPackRows`): sealed measurement rows in client order,
 * stored by column (each field one array, every row's sealed bytes one after the
 * other in `enc`, row n's ending at `ends[n]`). Storing and reading a pack then
 * copies a few arrays instead of taking apart and building up hundreds of small
 * objects. `rowsOf` gives the rows back.
 */
export type PackRowsRow = {
	id: string;
	ids: string[];
	clientIds: string[];
	takenOns: string[];
	/** `isDemo` of each row; null where the row had none. */
	demo: (boolean | null)[];
	enc: Uint8Array;
	ends: Uint32Array;
};

/** A pack's rows by column, from rows (their sealed bytes copied into one buffer). */
function columnsOf(id: string, rows: readonly MeasurementRow[]): PackRowsRow {
	const { enc, ends } = joinSealed(rows);
	return {
		id,
		ids: rows.map((r) => r.id),
		clientIds: rows.map((r) => r.clientId),
		takenOns: rows.map((r) => r.takenOn),
		demo: rows.map((r) => (typeof r.isDemo === 'boolean' ? r.isDemo : null)),
		enc,
		ends
	};
}

/**
 * The rows of a pack, each with a copy of its own sealed bytes: what may be stored
 * as a row of its own (a row stored with a view would store the whole pack's buffer).
 */
export function ownRowsOf(pack: PackRowsRow): MeasurementRow[] {
	return rowsOf(pack).map((row) => ({ ...row, enc: row.enc.slice() }));
}

/** The rows of a pack, as `measurements` would hold them (each `enc` a view on the pack's bytes). */
export function rowsOf(pack: PackRowsRow | undefined): MeasurementRow[] {
	if (!pack) return [];
	const rows: MeasurementRow[] = [];
	let from = 0;
	for (let n = 0; n < pack.ids.length; n++) {
		const row = {
			id: pack.ids[n],
			clientId: pack.clientIds[n],
			takenOn: pack.takenOns[n],
			enc: pack.enc.subarray(from, pack.ends[n])
		} as MeasurementRow;
		if (pack.demo[n] !== null) row.isDemo = pack.demo[n]!;
		rows.push(row);
		from = pack.ends[n];
	}
	return rows;
}

/** A finished pack, both its rows. */
export type Pack = { summary: PackSummaryRow; rows: PackRowsRow };

/** The stores that hold packs (every transaction that reads or changes them names all three). */
export const PACK_STORES = ['measurementPacks', 'measurementPackRows', 'packDirectory'] as const;

/** The stores `findInPack` reads (a transaction that uses it names them). */
export const FIND_IN_PACK_STORES = ['packDirectory', 'measurementPackRows'] as const;

/**
 * A pack of these rows (whole clients, in client order), keyed by its first
 * client's id unless it keeps an older key (a pack rewritten without some rows).
 * Pure: the summary is computed from the rows' plain fields.
 */
export function packOf(rows: MeasurementRow[], key?: string): Pack {
	return packOfColumns(columnsOf(key ?? rows[0].clientId, rows));
}

/** A pack of rows already by column (whole clients, in client order): its summary made from them. */
function packOfColumns(columns: PackRowsRow): Pack {
	const clients: PackedClient[] = [];
	let demo = false;
	for (let n = 0; n < columns.ids.length; n++) {
		const clientId = columns.clientIds[n];
		const takenOn = columns.takenOns[n];
		const last = clients[clients.length - 1];
		if (last && last[0] === clientId) {
			last[1]++;
			if (takenOn > last[2]) last[2] = takenOn;
		} else clients.push([clientId, 1, takenOn]);
		if (columns.demo[n]) demo = true;
	}
	return {
		summary: { id: columns.id, last: clients[clients.length - 1][0], clients, demo },
		rows: columns
	};
}

/**
 * Makes packs of measurement rows as a restore reads them. Rows that come
 * grouped by client, clients in id order, go into packs; a row that breaks the
 * order (or has no client id) is handed back to be stored on its own, so any
 * file restores, only more slowly.
 */
export class MeasurementPacker {
	#rows: MeasurementRow[] = [];
	#ids = new Set<string>();
	#client: string | undefined;
	/** The last client of a pack taken as it came (`pushPack`): its later rows are stored loose. */
	#closed: string | undefined;

	/** Adds rows; returns the packs they finished and the rows to store on their own. */
	push(rows: readonly unknown[]): { packs: Pack[]; loose: unknown[] } {
		const packs: Pack[] = [];
		const loose: unknown[] = [];
		for (const value of rows) {
			const row = value as Partial<MeasurementRow>;
			const clientId = row.clientId;
			if (typeof clientId !== 'string' || typeof row.takenOn !== 'string') {
				loose.push(value);
				continue;
			}
			if (
				(this.#client !== undefined && clientId < this.#client) ||
				(this.#closed !== undefined && clientId <= this.#closed)
			) {
				loose.push(value);
				continue;
			}
			if (clientId !== this.#client && this.#rows.length >= PACK_ROWS) packs.push(this.#finish());
			// One id twice in a client's measurements (one row would be lost as loose rows do
			// not allow it): the file is not what the app writes.
			if (this.#ids.has(row.id as string)) throw new ExchangeError('damaged');
			this.#ids.add(row.id as string);
			this.#client = clientId;
			this.#rows.push(value as MeasurementRow);
		}
		return { packs, loose };
	}

	/**
	 * Adds a pack as a backup file carries it (core `FilePack`, checked by the
	 * reader): stored as it is when it keeps the order (its clients in order, all
	 * after every client so far, each id once), after the pack under way; any
	 * other goes through `push` row by row.
	 */
	pushPack(file: Omit<PackRowsRow, 'id'>): { packs: Pack[]; loose: unknown[] } {
		const n = file.ids.length;
		const first = file.clientIds[0];
		let keeps =
			n > 0 &&
			(this.#client === undefined || first > this.#client) &&
			(this.#closed === undefined || first > this.#closed) &&
			new Set(file.ids).size === n;
		for (let k = 1; keeps && k < n; k++) keeps = file.clientIds[k - 1] <= file.clientIds[k];
		if (!keeps) return this.push(ownRowsOf({ ...file, id: first }));
		const packs = this.#rows.length > 0 ? [this.#finish()] : [];
		packs.push(packOfColumns({ ...file, id: first }));
		this.#client = this.#closed = file.clientIds[n - 1];
		return { packs, loose: [] };
	}

	/** The pack under way, if any. */
	flush(): Pack | undefined {
		return this.#rows.length > 0 ? this.#finish() : undefined;
	}

	#finish(): Pack {
		const pack = packOf(this.#rows);
		this.#rows = [];
		this.#ids.clear();
		return pack;
	}
}

/**
 * Looks for a measurement in its client's pack within a raw IndexedDB transaction
 * that names `FIND_IN_PACK_STORES` (the save's, see measurements.saveFromDraft). One request
 * reads the directory row of the client's bucket by its key. Only when the client is
 * packed and the id's print is there does a second one read the pack's rows. Then
 * `answer` gets the stored row, or undefined when the measurement is in no pack.
 */
export function findInPack(
	tx: IDBTransaction,
	clientId: string,
	id: string,
	answer: (row: MeasurementRow | undefined) => void
): void {
	const entry = tx.objectStore('packDirectory').get(bucketOf(clientId));
	entry.onsuccess = () => {
		const key = packThatMayHold(entry.result as PackDirectoryRow | undefined, clientId, id);
		if (key === undefined) return answer(undefined);
		const pack = tx.objectStore('measurementPackRows').get(key);
		pack.onsuccess = () => {
			const rows = pack.result as PackRowsRow | undefined;
			const n = rows ? rows.ids.indexOf(id) : -1;
			answer(n >= 0 ? rowsOf(rows)[n] : undefined);
		};
	};
}

/** Every pack summary, in client order (small: a few dozen bytes a client). */
export async function summaries(db: FramstegDb): Promise<PackSummaryRow[]> {
	return db.measurementPacks.toArray();
}

/** The summary of the pack that holds this client, if any. */
async function summaryOf(db: FramstegDb, clientId: string): Promise<PackSummaryRow | undefined> {
	const summary = await db.measurementPacks.where(':id').belowOrEqual(clientId).last();
	return summary && holds(summary, clientId) ? summary : undefined;
}

/** Whether a pack holds a client (its range and its list). */
function holds(summary: PackSummaryRow, clientId: string): boolean {
	return summary.last >= clientId && summary.clients.some(([id]) => id === clientId);
}

/** Keys of the packs that hold any of these clients, from the summaries. */
function packsHolding(all: readonly PackSummaryRow[], clientIds: ReadonlySet<string>): string[] {
	return all.filter((s) => s.clients.some(([id]) => clientIds.has(id))).map((s) => s.id);
}

/** The packed rows of some clients (sealed, as stored). */
export async function packedRowsOf(
	db: FramstegDb,
	clientIds: readonly string[]
): Promise<MeasurementRow[]> {
	if (clientIds.length === 0) return [];
	const wanted = new Set(clientIds);
	let keys: string[];
	if (clientIds.length === 1) {
		const summary = await summaryOf(db, clientIds[0]);
		keys = summary ? [summary.id] : [];
	} else keys = packsHolding(await summaries(db), wanted);
	if (keys.length === 0) return [];
	const packs = await db.measurementPackRows.bulkGet(keys);
	const out: MeasurementRow[] = [];
	for (const pack of packs)
		for (const row of rowsOf(pack)) if (wanted.has(row.clientId)) out.push(row);
	return out;
}

/** Every measurement row as stored, saved and packed (tests, small data sets). */
export async function everyMeasurementRow(db: FramstegDb): Promise<MeasurementRow[]> {
	const rows = await db.measurements.toArray();
	await forEachPack(db, (packed) => {
		rows.push(...packed);
	});
	return rows;
}

/** A packed row by its id alone: every pack is read (when the client is not known). */
export async function findPacked(db: FramstegDb, id: string): Promise<MeasurementRow | undefined> {
	let found: MeasurementRow | undefined;
	await forEachPack(db, (rows) => {
		found ??= rows.find((r) => r.id === id);
	});
	return found;
}

/** Per client (all, or those given): how many packed measurements and the latest date. */
export async function packedDates(
	db: FramstegDb,
	clientIds?: readonly string[]
): Promise<Map<string, { count: number; latest: string }>> {
	const wanted = clientIds ? new Set(clientIds) : undefined;
	const out = new Map<string, { count: number; latest: string }>();
	if (wanted?.size === 0) return out;
	for (const summary of await summaries(db))
		for (const [id, count, latest] of summary.clients)
			if (!wanted || wanted.has(id)) out.set(id, { count, latest });
	return out;
}

/** How many measurements the packs hold. */
export async function packedCount(db: FramstegDb): Promise<number> {
	let n = 0;
	for (const summary of await summaries(db)) for (const [, count] of summary.clients) n += count;
	return n;
}

/** Measurements in `measurements` and in packs together. */
export async function countAll(db: FramstegDb): Promise<number> {
	const [loose, packed] = await Promise.all([db.measurements.count(), packedCount(db)]);
	return loose + packed;
}

/**
 * Takes measurement rows out of packs, inside the caller's read-write
 * transaction (which must name `PACK_STORES`): the packs that may hold them
 * (`which`: those of some clients, those with demo data, or all) are read, the
 * rows `drop` picks are removed, and each pack is written again without them
 * (its summary recomputed), or deleted when nothing is left.
 * Returns the ids of the rows removed.
 */
export async function removePacked(
	db: FramstegDb,
	which: { clientIds?: readonly string[]; demo?: true; all?: true },
	drop: (row: MeasurementRow) => boolean
): Promise<string[]> {
	const all = await summaries(db);
	const clients = new Set(which.clientIds ?? []);
	const keys = all
		.filter(
			(s) =>
				which.all ||
				(which.demo && s.demo) ||
				(clients.size > 0 && s.clients.some(([id]) => clients.has(id)))
		)
		.map((s) => s.id);
	if (keys.length === 0) return [];
	const summaryTable = db.measurementPacks;
	const rowsTable = db.measurementPackRows;
	const removed: string[] = [];
	for (const pack of await rowsTable.bulkGet(keys)) {
		if (!pack) continue;
		const rows = rowsOf(pack);
		const kept = rows.filter((row) => {
			if (!drop(row)) return true;
			removed.push(row.id);
			return false;
		});
		if (kept.length === rows.length) continue;
		// The key stays the pack's first client's id, which may now be gone: the range
		// only needs to hold the clients still in it, and not to overlap its neighbours.
		if (kept.length === 0) {
			await summaryTable.delete(pack.id);
			await rowsTable.delete(pack.id);
		} else {
			const rewritten = packOf(kept, pack.id);
			await summaryTable.put(rewritten.summary);
			await rowsTable.put(rewritten.rows);
		}
	}
	return removed;
}

/**
 * Every packed row, pack by pack in client order, handed to `each` (sealed, as
 * stored); only packs whose key is in `[from, to)` when a stretch is given. One
 * pack is read at a time, the next while this one is handled.
 */
export async function forEachPack(
	db: FramstegDb,
	each: (rows: MeasurementRow[]) => unknown,
	stretch: { from?: string; to?: string } = {}
): Promise<void> {
	const table = db.measurementPackRows;
	const keys = (await table
		.where(':id')
		.between(stretch.from ?? Dexie.minKey, stretch.to ?? Dexie.maxKey, true, false)
		.primaryKeys()) as string[];
	let next = keys.length > 0 ? table.get(keys[0]) : undefined;
	for (let n = 0; n < keys.length; n++) {
		const pack = await next;
		next = n + 1 < keys.length ? table.get(keys[n + 1]) : undefined;
		if (pack) await each(rowsOf(pack));
	}
}
