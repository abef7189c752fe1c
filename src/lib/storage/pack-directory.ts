import type { PackRowsRow } from './measurement-packs';

/**
 * The pack directory (`packDirectory`, schema v7), for the save: before it writes a
 * measurement it must know whether that id is packed already (see measurement-packs.ts
 * `findInPack`), and it should learn that from one read by exact key. One row per
 * bucket of client ids (`bucketOf`: their first two characters, so 256 rows for random
 * UUIDs): the bucket's packed clients, each with its pack's key, and the prints of all
 * their measurement ids.
 *
 * The restore writes it with the packs; the v7 upgrade builds it from packs already
 * stored. Packs only shrink after a restore and the directory is left as it was, so it
 * may name more than is packed (then the pack's rows are read, and say no), never less.
 *
 * Kept apart from measurement-packs.ts, which needs the core: the schema's upgrades
 * (versions/) use this, and they load with the lock screen.
 */
export type PackDirectoryRow = {
	/** The bucket: the first two characters of its clients' ids. */
	id: string;
	/**
	 * The bucket's packed clients, one id a line, in the order their packs were added: one
	 * text, so reading the row copies one string, not one per client (stored ids are
	 * letters, digits and '-', never a line break).
	 */
	clients: string;
	/** For the client on each line, the index in `keys` of its pack. */
	packs: Uint16Array;
	/** The keys of the packs these clients are in. */
	keys: string[];
	/** `idPrint` of every measurement id of these clients, sorted. */
	prints: Uint16Array;
};

/** The directory bucket of a client id. */
export const bucketOf = (clientId: string): string => clientId.slice(0, 2);

/**
 * A 16-bit print of a measurement id (FNV-1a, folded). Different prints mean different
 * ids; the same print means the id may be there (for another id, about 1 in 170 with
 * 390 prints in a bucket), and then the pack's rows are read to be sure.
 */
export function idPrint(id: string): number {
	let hash = 0x811c9dc5;
	for (let n = 0; n < id.length; n++) {
		hash ^= id.charCodeAt(n);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash ^ (hash >>> 16)) & 0xffff;
}

/** Builds the directory rows of packs as they are added (only their ids are kept). */
export class PackDirectoryBuilder {
	#buckets = new Map<
		string,
		{ clients: string[]; packs: number[]; keys: string[]; prints: number[] }
	>();

	add(pack: Pick<PackRowsRow, 'id' | 'ids' | 'clientIds'>): void {
		let last: string | undefined;
		for (let n = 0; n < pack.ids.length; n++) {
			const clientId = pack.clientIds[n];
			const key = bucketOf(clientId);
			let bucket = this.#buckets.get(key);
			if (!bucket)
				this.#buckets.set(key, (bucket = { clients: [], packs: [], keys: [], prints: [] }));
			if (clientId !== last) {
				if (bucket.keys[bucket.keys.length - 1] !== pack.id) bucket.keys.push(pack.id);
				bucket.clients.push(clientId);
				bucket.packs.push(bucket.keys.length - 1);
				last = clientId;
			}
			bucket.prints.push(idPrint(pack.ids[n]));
		}
	}

	rows(): PackDirectoryRow[] {
		return [...this.#buckets].map(([id, b]) => ({
			id,
			clients: b.clients.join('\n'),
			packs: Uint16Array.from(b.packs),
			keys: b.keys,
			prints: Uint16Array.from(b.prints).sort()
		}));
	}
}

/** Which line of `lines` is exactly `line` (0 for the first), or -1. */
function lineOf(lines: string, line: string): number {
	for (let from = 0; ;) {
		const at = lines.indexOf(line, from);
		if (at < 0) return -1;
		const end = at + line.length;
		if (
			(at === 0 || lines.charCodeAt(at - 1) === 10) &&
			(end === lines.length || lines.charCodeAt(end) === 10)
		) {
			let n = 0;
			for (let i = 0; i < at; i++) if (lines.charCodeAt(i) === 10) n++;
			return n;
		}
		from = at + 1;
	}
}

/** Whether a print is among sorted prints. */
function hasPrint(prints: Uint16Array, print: number): boolean {
	let low = 0;
	let high = prints.length - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		if (prints[middle] === print) return true;
		if (prints[middle] < print) low = middle + 1;
		else high = middle - 1;
	}
	return false;
}

/**
 * The key of the pack that may hold this measurement of this client, by the directory
 * row of the client's bucket; undefined when it is surely in no pack.
 */
export function packThatMayHold(
	row: PackDirectoryRow | undefined,
	clientId: string,
	id: string
): string | undefined {
	if (!row || typeof row.clients !== 'string' || !(row.prints instanceof Uint16Array))
		return undefined;
	// Stored client ids are never empty and hold no line break (see `clients`).
	const at = clientId.length > 0 && !clientId.includes('\n') ? lineOf(row.clients, clientId) : -1;
	if (at < 0 || !hasPrint(row.prints, idPrint(id))) return undefined;
	return row.keys[row.packs[at]];
}
