import {
	interventionSchema,
	newIntervention,
	randomId,
	systemClock,
	type ClientId,
	type Clock,
	type IdSource,
	type Intervention,
	type InterventionId,
	type InterventionInput
} from '$lib/core';
import { database } from './database';
import { guard, StorageError } from './errors';
import { openAll, openIntervention, sealIntervention } from './records';

/** A client's interventions, oldest start first. */
export async function listForClient(clientId: ClientId): Promise<Intervention[]> {
	return guard(async () => {
		const rows = await database().interventions.where('clientId').equals(clientId).toArray();
		const { records } = await openAll(rows, openIntervention);
		return records.sort(
			(a, b) => a.startOn.localeCompare(b.startOn) || a.createdAt.localeCompare(b.createdAt)
		);
	});
}

export async function get(id: InterventionId): Promise<Intervention | undefined> {
	return guard(async () => {
		const row = await database().interventions.get(id);
		return row ? openIntervention(row) : undefined;
	});
}

export async function create(
	clientId: ClientId,
	input: InterventionInput,
	o: { now?: Clock; newId?: IdSource } = {}
): Promise<Intervention> {
	const record = newIntervention(input, {
		clientId,
		now: (o.now ?? systemClock)(),
		newId: o.newId ?? randomId
	});
	const row = await sealIntervention(record);
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.clients, db.interventions], async () => {
			if (!(await db.clients.get(clientId))) throw new StorageError('not-found');
			await db.interventions.add(row);
		});
	});
	return record;
}

/** Writes a changed intervention (ended, paused: core reducers). */
export async function update(
	intervention: Intervention,
	o: { now?: Clock } = {}
): Promise<Intervention> {
	const existing = await get(intervention.id);
	if (!existing) throw new StorageError('not-found');
	const record = interventionSchema.parse({
		...intervention,
		clientId: existing.clientId,
		createdAt: existing.createdAt,
		updatedAt: (o.now ?? systemClock)().toISOString()
	});
	const row = await sealIntervention(record);
	await guard(() => database().interventions.put(row));
	return record;
}

export async function remove(id: InterventionId, o: { now?: Clock } = {}): Promise<void> {
	const deletedAt = (o.now ?? systemClock)().toISOString();
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.interventions, db.tombstones], async () => {
			await db.interventions.delete(id);
			await db.tombstones.put({ id, table: 'interventions', deletedAt });
		});
	});
}

/** Stores interventions as they are (demo data). */
export async function putMany(records: Intervention[]): Promise<void> {
	const rows = await Promise.all(records.map(sealIntervention));
	await guard(() => database().interventions.bulkPut(rows));
}
