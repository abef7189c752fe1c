import { isDay, isRowId } from '../quick-check';

/**
 * Measurement packs in a sealed backup (file format 4). A measurements page holds,
 * instead of one row per measurement, rows that each carry a run of measurements
 * of whole clients, clients in id order, by column:
 *
 *   {"ids":"m1,m2,…","clientIds":"c1,c1,…","takenOns":"2025-01-02,…","demo":"ff-…",
 *    "ends":"812,1630,…","enc":"<base64 of every sealed value, one after another>"}
 *
 * `demo` has one letter a measurement (t, f, or - for none), `ends` where each
 * sealed value ends in the bytes of `enc`. Each value stays sealed on its own, as
 * stored. A restore reads one JSON text and one base64 run for up to
 * `BACKUP_PACK_MAX_ROWS` measurements instead of one of each per measurement, and
 * can store a pack as it comes (storage/measurement-packs.ts), which is what
 * lets 100,000 measurements restore within the budget. A measurement the writer
 * cannot put in a pack (out of client order, no client or date, odd fields) is
 * written as a row of its own, as in format 3.
 */

/** Measurements in one pack row at most. */
export const BACKUP_PACK_MAX_ROWS = 128;
/** Sealed bytes in one pack row at most: their base64 fits `BACKUP_ENC_MAX_CHARS` (256 Ki digits). */
export const BACKUP_PACK_MAX_BYTES = 192 * 1024;
/** The shortest sealed value: a 12-byte IV, a 16-byte tag and at least one byte. */
const MIN_SEALED_BYTES = 29;

/** A pack row as read from a file. `enc` is empty when the reader was not asked for bytes. */
export type FilePack = {
	ids: string[];
	clientIds: string[];
	takenOns: string[];
	demo: (boolean | null)[];
	ends: Uint32Array;
	enc: Uint8Array<ArrayBuffer>;
};

const END = /^\d{1,9}$/;
const PACK_KEYS = ['ids', 'clientIds', 'takenOns', 'demo', 'ends'] as const;
const PACKABLE_KEYS = new Set(['id', 'clientId', 'takenOn', 'isDemo', 'enc']);

/** A stored measurement row that fits a pack: the fields the app stores, well formed. */
type PackableRow = {
	id: string;
	clientId: string;
	takenOn: string;
	isDemo?: boolean;
	enc: Uint8Array;
};

function isPackable(row: Record<string, unknown>): row is PackableRow {
	for (const key in row) if (!PACKABLE_KEYS.has(key)) return false;
	return (
		isRowId(row.id) &&
		isRowId(row.clientId) &&
		isDay(row.takenOn) &&
		(row.isDemo === undefined || typeof row.isDemo === 'boolean') &&
		row.enc instanceof Uint8Array &&
		row.enc.length >= MIN_SEALED_BYTES &&
		row.enc.length <= BACKUP_PACK_MAX_BYTES
	);
}

/**
 * Gathers a backup's measurement rows, which come in client order, into pack rows
 * for the page writer. A pack ends before a client that would take it past
 * `BACKUP_PACK_MAX_ROWS` or `BACKUP_PACK_MAX_BYTES`, so clients stay whole; only
 * a client too big for one pack is split (a restore then stores the rest of it
 * row by row). Each call returns the rows to write now, in order.
 */
export class BackupPackWriter {
	#rows: PackableRow[] = [];
	#bytes = 0;
	/** Where the pending pack's last client starts in it. */
	#clientStart = 0;
	#client: string | undefined;

	push(row: Record<string, unknown>): Record<string, unknown>[] {
		if (!isPackable(row) || (this.#client !== undefined && row.clientId < this.#client))
			return [row];
		const out: Record<string, unknown>[] = [];
		if (row.clientId !== this.#client) this.#clientStart = this.#rows.length;
		this.#client = row.clientId;
		while (
			this.#rows.length > 0 &&
			(this.#rows.length >= BACKUP_PACK_MAX_ROWS ||
				this.#bytes + row.enc.length > BACKUP_PACK_MAX_BYTES)
		) {
			// The finished clients go and the one under way moves on to the next pack,
			// unless it is all there is: then it is split.
			const cut = this.#clientStart > 0 ? this.#clientStart : this.#rows.length;
			out.push(packRow(this.#rows.slice(0, cut)));
			this.#rows = this.#rows.slice(cut);
			this.#bytes = this.#rows.reduce((n, r) => n + r.enc.length, 0);
			this.#clientStart = 0;
		}
		this.#rows.push(row);
		this.#bytes += row.enc.length;
		return out;
	}

	/** The pack under way, if any. */
	flush(): Record<string, unknown>[] {
		if (this.#rows.length === 0) return [];
		const out = [packRow(this.#rows)];
		this.#rows = [];
		this.#bytes = 0;
		this.#clientStart = 0;
		return out;
	}
}

/**
 * Sealed values one after another in one buffer, and where each ends: how a pack
 * holds them, in a file and in the database (storage/measurement-packs.ts).
 */
export function joinSealed(values: readonly { enc: Uint8Array }[]): {
	enc: Uint8Array<ArrayBuffer>;
	ends: Uint32Array;
} {
	const enc = new Uint8Array(values.reduce((n, v) => n + v.enc.byteLength, 0));
	const ends = new Uint32Array(values.length);
	let at = 0;
	values.forEach((value, n) => {
		enc.set(value.enc, at);
		at += value.enc.byteLength;
		ends[n] = at;
	});
	return { enc, ends };
}

function packRow(rows: readonly PackableRow[]): Record<string, unknown> {
	const { enc, ends } = joinSealed(rows);
	return {
		ids: rows.map((r) => r.id).join(','),
		clientIds: rows.map((r) => r.clientId).join(','),
		takenOns: rows.map((r) => r.takenOn).join(','),
		demo: rows.map((r) => (r.isDemo === true ? 't' : r.isDemo === false ? 'f' : '-')).join(''),
		ends: ends.join(','),
		enc
	};
}

/** Whether a row's plain part, parsed, is a pack row's (its first key is `ids`). */
export function isPackPlain(plain: unknown): boolean {
	return typeof plain === 'object' && plain !== null && 'ids' in plain;
}

/**
 * A pack row's columns, from its plain part (parsed JSON) and its sealed bytes
 * (or, when they were not decoded, their length). Undefined unless every column
 * has one well-formed entry a measurement, there are at most
 * `BACKUP_PACK_MAX_ROWS`, and `ends` cut the bytes into sealed values exactly.
 */
export function readPackColumns(
	plain: unknown,
	enc: Uint8Array<ArrayBuffer> | undefined,
	encLength: number
): FilePack | undefined {
	if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return undefined;
	const p = plain as Record<string, unknown>;
	const keys = Object.keys(p);
	if (keys.length !== PACK_KEYS.length) return undefined;
	for (const key of PACK_KEYS) if (typeof p[key] !== 'string') return undefined;
	const ids = (p.ids as string).split(',');
	const n = ids.length;
	if (n > BACKUP_PACK_MAX_ROWS || !ids.every(isRowId)) return undefined;
	const clientIds = (p.clientIds as string).split(',');
	if (clientIds.length !== n || !clientIds.every(isRowId)) return undefined;
	const takenOns = (p.takenOns as string).split(',');
	if (takenOns.length !== n || !takenOns.every(isDay)) return undefined;
	const letters = p.demo as string;
	if (letters.length !== n) return undefined;
	const demo: (boolean | null)[] = [];
	for (const letter of letters) {
		if (letter === 't') demo.push(true);
		else if (letter === 'f') demo.push(false);
		else if (letter === '-') demo.push(null);
		else return undefined;
	}
	const endTexts = (p.ends as string).split(',');
	if (endTexts.length !== n) return undefined;
	const ends = new Uint32Array(n);
	let previous = 0;
	for (let k = 0; k < n; k++) {
		if (!END.test(endTexts[k])) return undefined;
		const end = Number(endTexts[k]);
		if (end - previous < MIN_SEALED_BYTES) return undefined;
		ends[k] = previous = end;
	}
	if (previous !== encLength) return undefined;
	return { ids, clientIds, takenOns, demo, ends, enc: enc ?? new Uint8Array(0) };
}

/** How a pack row starts in a page, as the writer makes it (its first key is `ids`). */
export const PACK_IDS_OPENING = new TextEncoder().encode('{"ids":"');
