import {
	caseworkerChangeInputSchema,
	caseworkerChangeSchema,
	newCaseworkerChange,
	randomId,
	systemClock,
	type CaseworkerChange,
	type CaseworkerChangeId,
	type CaseworkerChangeInput,
	type ClientId,
	type Clock,
	type IdSource
} from '$lib/core';
import { database } from './database';
import { guard, StorageError } from './errors';
import { openAll, openCaseworkerChange, sealCaseworkerChange } from './records';

/** A client's changes of caseworker, oldest first. */
export async function listForClient(clientId: ClientId): Promise<CaseworkerChange[]> {
	return guard(async () => {
		const rows = await database().caseworkerChanges.where('clientId').equals(clientId).toArray();
		const { records } = await openAll(rows, openCaseworkerChange);
		return records.sort((a, b) => a.changedOn.localeCompare(b.changedOn));
	});
}

export async function get(id: CaseworkerChangeId): Promise<CaseworkerChange | undefined> {
	return guard(async () => {
		const row = await database().caseworkerChanges.get(id);
		return row ? openCaseworkerChange(row) : undefined;
	});
}

export async function create(
	clientId: ClientId,
	input: CaseworkerChangeInput,
	o: { now?: Clock; newId?: IdSource } = {}
): Promise<CaseworkerChange> {
	const record = newCaseworkerChange(input, {
		clientId,
		now: (o.now ?? systemClock)(),
		newId: o.newId ?? randomId
	});
	const row = await sealCaseworkerChange(record);
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.clients, db.caseworkerChanges], async () => {
			if (!(await db.clients.get(clientId))) throw new StorageError('not-found');
			await db.caseworkerChanges.add(row);
		});
	});
	return record;
}

export async function update(
	id: CaseworkerChangeId,
	input: CaseworkerChangeInput,
	o: { now?: Clock } = {}
): Promise<CaseworkerChange> {
	const existing = await get(id);
	if (!existing) throw new StorageError('not-found');
	const record = caseworkerChangeSchema.parse({
		...existing,
		...caseworkerChangeInputSchema.parse(input),
		updatedAt: (o.now ?? systemClock)().toISOString()
	});
	const row = await sealCaseworkerChange(record);
	await guard(() => database().caseworkerChanges.put(row));
	return record;
}

export async function remove(id: CaseworkerChangeId, o: { now?: Clock } = {}): Promise<void> {
	const deletedAt = (o.now ?? systemClock)().toISOString();
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.caseworkerChanges, db.tombstones], async () => {
			await db.caseworkerChanges.delete(id);
			await db.tombstones.put({ id, table: 'caseworkerChanges', deletedAt });
		});
	});
}
