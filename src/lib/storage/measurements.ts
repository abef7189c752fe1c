import {
	newestFirst,
	sameConversation,
	systemClock,
	toMeasurement,
	type ClientId,
	type Clock,
	type Draft,
	type DraftId,
	type IdSource,
	type Measurement,
	type MeasurementId
} from '$lib/core';
import { commitEarly, database, writeDirect } from './database';
import { ofClients } from './queries';
import { classifyStorageError, guard, StorageError } from './errors';
import {
	countAll,
	FIND_IN_PACK_STORES,
	findInPack,
	findPacked,
	packedDates,
	packedRowsOf,
	PACK_STORES,
	removePacked
} from './measurement-packs';
import { openAll, openMeasurement, sealMeasurement, type MeasurementRow } from './records';

export { countAll };

/**
 * The stored rows of some clients' measurements: saved rows and packed ones (see
 * measurement-packs.ts), each id once.
 */
export async function rowsOfClients(clientIds: readonly string[]): Promise<MeasurementRow[]> {
	const db = database();
	const [loose, packed] = await Promise.all([
		ofClients(db, clientIds).toArray(),
		packedRowsOf(db, clientIds)
	]);
	if (packed.length === 0) return loose;
	const seen = new Set(loose.map((r) => r.id));
	return [...loose, ...packed.filter((r) => !seen.has(r.id))];
}

/** A client's measurements, newest first. */
export async function listForClient(clientId: ClientId): Promise<Measurement[]> {
	return guard(async () => {
		const { records } = await openAll(await rowsOfClients([clientId]), openMeasurement);
		return newestFirst(records);
	});
}

/**
 * One measurement (saved on its own or packed). Give its client, when known, so
 * only that client's pack is read rather than every pack.
 */
export async function get(
	id: MeasurementId,
	clientId?: ClientId
): Promise<Measurement | undefined> {
	return guard(async () => {
		const db = database();
		const row =
			(await db.measurements.get(id)) ??
			(clientId !== undefined
				? (await packedRowsOf(db, [clientId])).find((r) => r.id === id)
				: await findPacked(db, id));
		return row ? openMeasurement(row) : undefined;
	});
}

/**
 * Saves a finished conversation in one short transaction: the measurement is
 * written only if its client still exists, so a failure (storage full, tab
 * closed, client deleted in another tab) leaves no half-saved measurement and
 * the draft as it was.
 *
 * The measurement takes its draft's id. A draft whose id is also a measurement's
 * has been saved, and is ignored wherever drafts are read (see drafts.ts), so
 * the draft's removal needs no place in this transaction: it follows in a second
 * one, started after the save has returned, that nobody waits for. A draft left
 * behind by a closed tab is removed the next time the client's drafts are read.
 * Saving is then one write beside two small reads by key (is the client there; is
 * this measurement already in the client's pack, see findInPack), committed as soon
 * as both reads pass: within issue 8's budget of 1.5 times a plain IndexedDB put.
 *
 * Saving the same conversation again (a retry after an interrupted save) returns the
 * measurement already saved. If that measurement holds different answers, the same
 * conversation was carried on and saved in another tab or window: the save fails with
 * 'conflict' and writes nothing, so the caller can keep these answers and offer to save
 * them as a measurement of their own (`asNew`, which gives the measurement a new id).
 */
export async function saveFromDraft(
	draft: Draft,
	o: { now?: Clock; asNew?: IdSource } = {}
): Promise<Measurement> {
	const id = o.asNew ? o.asNew() : draft.id;
	const measurement = toMeasurement(draft, { id, now: (o.now ?? systemClock)() });
	const row = await sealMeasurement(measurement);
	const db = database();
	try {
		// Straight on IndexedDB, the hottest write of the app (see writeDirect).
		await writeDirect(db, ['clients', 'measurements', ...FIND_IN_PACK_STORES], (tx, fail) => {
			// Once both checks have passed, nothing can stop the add: commit then, without
			// waiting for the add's success event to come back first.
			let checks = 2;
			const passed = () => {
				if (--checks === 0) commitEarly(tx);
			};
			// Only whether the client is there: its key, not its sealed row.
			const client = tx.objectStore('clients').getKey(draft.clientId);
			client.onsuccess = () => {
				if (client.result === undefined) fail(new StorageError('not-found'));
				else passed();
			};
			// A measurement of this id may sit in the client's pack (saved, then a
			// restore): then this is a save again, as with a loose row below.
			findInPack(tx, draft.clientId, measurement.id, (packed) => {
				if (packed) fail(new SavedInPack(packed));
				else passed();
			});
			tx.objectStore('measurements').add(row);
		});
	} catch (error) {
		const already =
			error instanceof SavedInPack
				? await openMeasurement(error.row)
				: isConstraintError(error)
					? await get(measurement.id, draft.clientId)
					: undefined;
		if (!already) throw classifyStorageError(error);
		return savedAgain(draft, measurement, already);
	}
	removeSavedDraft(draft.id);
	return measurement;
}

/** A conversation saved before: the same answers are that measurement; others are a conflict. */
function savedAgain(draft: Draft, measurement: Measurement, already: Measurement): Measurement {
	if (!sameConversation(already, measurement)) throw new StorageError('conflict');
	removeSavedDraft(draft.id);
	return already;
}

/** The measurement being saved is already in its client's pack (see saveFromDraft). */
class SavedInPack extends Error {
	constructor(readonly row: MeasurementRow) {
		super('saved in a pack');
	}
}

function isConstraintError(error: unknown): boolean {
	return (error as { name?: string } | undefined)?.name === 'ConstraintError';
}

/**
 * Removes a saved conversation's draft without waiting, in a task of its own after the
 * save has returned (see saveFromDraft), so the save's caller is not kept waiting while
 * the removal's transaction is set up.
 */
function removeSavedDraft(id: DraftId): void {
	// The database the save wrote to, even if another is in use by the time the task runs.
	const db = database();
	setTimeout(() => {
		// A failure only leaves a draft that reads already ignore.
		db.drafts.delete(id).catch(() => undefined);
	}, 0);
}

/** Stores measurements as they are (demo data, and later imports). */
export async function putMany(measurements: Measurement[]): Promise<void> {
	const rows = await Promise.all(measurements.map(sealMeasurement));
	await guard(() => database().measurements.bulkPut(rows));
}

export async function remove(
	id: MeasurementId,
	o: { now?: Clock; clientId?: ClientId } = {}
): Promise<void> {
	const deletedAt = (o.now ?? systemClock)().toISOString();
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.measurements, db.tombstones, ...PACK_STORES], async () => {
			await db.measurements.delete(id);
			await removePacked(
				db,
				o.clientId !== undefined ? { clientIds: [o.clientId] } : { all: true },
				(row) => row.id === id
			);
			await db.tombstones.put({ id, table: 'measurements', deletedAt });
		});
	});
}

export type MeasurementDates = { count: number; latest: string };

/**
 * Per client: how many measurements and the latest date, read from the index and
 * the pack summaries alone.
 */
export async function datesByClient(): Promise<Map<string, MeasurementDates>> {
	return guard(async () => {
		const db = database();
		const [keys, out] = await Promise.all([
			db.measurements.orderBy('[clientId+takenOn]').keys() as unknown as Promise<
				[string, string][]
			>,
			packedDates(db)
		]);
		for (const [clientId, takenOn] of keys) {
			const entry = out.get(clientId);
			if (!entry) out.set(clientId, { count: 1, latest: takenOn });
			else {
				entry.count++;
				if (takenOn > entry.latest) entry.latest = takenOn;
			}
		}
		return out;
	});
}
