import {
	newestFirst,
	randomId,
	systemClock,
	toMeasurement,
	type ClientId,
	type Clock,
	type Draft,
	type IdSource,
	type Measurement,
	type MeasurementId
} from '$lib/core';
import { database } from './database';
import { guard, StorageError } from './errors';
import { openAll, openMeasurement, sealMeasurement } from './records';

/** A client's measurements, newest first. */
export async function listForClient(clientId: ClientId): Promise<Measurement[]> {
	return guard(async () => {
		const rows = await database().measurements.where('clientId').equals(clientId).toArray();
		const { records } = await openAll(rows, openMeasurement);
		return newestFirst(records);
	});
}

export async function get(id: MeasurementId): Promise<Measurement | undefined> {
	return guard(async () => {
		const row = await database().measurements.get(id);
		return row ? openMeasurement(row) : undefined;
	});
}

/**
 * Saves a finished conversation: the measurement is written and its draft removed
 * in one transaction, so a failure (storage full, tab closed) leaves the draft as
 * it was and no half-saved measurement.
 */
export async function saveFromDraft(
	draft: Draft,
	o: { now?: Clock; newId?: IdSource } = {}
): Promise<Measurement> {
	const measurement = toMeasurement(draft, {
		id: (o.newId ?? randomId)(),
		now: (o.now ?? systemClock)()
	});
	const row = await sealMeasurement(measurement);
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.clients, db.measurements, db.drafts], async () => {
			// All three requests go out at once (one round trip, not three); a missing
			// client throws, which aborts the transaction and undoes the other two.
			const [client] = await Promise.all([
				db.clients.get(draft.clientId),
				db.measurements.add(row),
				db.drafts.delete(draft.id)
			]);
			if (!client) throw new StorageError('not-found');
		});
	});
	return measurement;
}

/** Stores measurements as they are (demo data, and later imports). */
export async function putMany(measurements: Measurement[]): Promise<void> {
	const rows = await Promise.all(measurements.map(sealMeasurement));
	await guard(() => database().measurements.bulkPut(rows));
}

export async function remove(id: MeasurementId, o: { now?: Clock } = {}): Promise<void> {
	const deletedAt = (o.now ?? systemClock)().toISOString();
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.measurements, db.tombstones], async () => {
			await db.measurements.delete(id);
			await db.tombstones.put({ id, table: 'measurements', deletedAt });
		});
	});
}

export type MeasurementDates = { count: number; latest: string };

/** Per client: how many measurements and the latest date, read from the index alone. */
export async function datesByClient(): Promise<Map<string, MeasurementDates>> {
	return guard(async () => {
		const keys = (await database()
			.measurements.orderBy('[clientId+takenOn]')
			.keys()) as unknown as [string, string][];
		const out = new Map<string, MeasurementDates>();
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
