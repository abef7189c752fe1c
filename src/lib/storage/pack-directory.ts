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
	/** Packed clients of the bucket, in the order their packs were added. */
	clients: string[];
	/** The key of each client's pack. */
	packs: string[];
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
	#buckets = new Map<string, { clients: string[]; packs: string[]; prints: number[] }>();

	add(pack: Pick<PackRowsRow, 'id' | 'ids' | 'clientIds'>): void {
		let last: string | undefined;
		for (let n = 0; n < pack.ids.length; n++) {
			const clientId = pack.clientIds[n];
			const key = bucketOf(clientId);
			let bucket = this.#buckets.get(key);
			if (!bucket) this.#buckets.set(key, (bucket = { clients: [], packs: [], prints: [] }));
			if (clientId !== last) {
				bucket.clients.push(clientId);
				bucket.packs.push(pack.id);
				last = clientId;
			}
			bucket.prints.push(idPrint(pack.ids[n]));
		}
	}

	rows(): PackDirectoryRow[] {
		return [...this.#buckets].map(([id, b]) => ({
			id,
			clients: b.clients,
			packs: b.packs,
			prints: Uint16Array.from(b.prints).sort()
		}));
	}
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
	if (!row || !(row.prints instanceof Uint16Array)) return undefined;
	const at = row.clients.indexOf(clientId);
	if (at < 0) return undefined;
	const print = idPrint(id);
	const prints = row.prints;
	let low = 0;
	let high = prints.length - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		if (prints[middle] === print) return row.packs[at];
		if (prints[middle] < print) low = middle + 1;
		else high = middle - 1;
	}
	return undefined;
}
