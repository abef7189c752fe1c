import {
	clientInputSchema,
	randomId,
	matchesSearch,
	nextUpdatedAt,
	searchKeyOf,
	systemClock,
	type Client,
	type ClientId,
	type ClientInput,
	type ClientStatus,
	type Clock,
	type IdSource,
	type Profile
} from '$lib/core';
import type { Table } from 'dexie';
import { database } from './database';
import { ofClients } from './queries';
import { PACK_STORES, removePacked } from './measurement-packs';
import { guard, StorageError } from './errors';
import { openAll, openClient, sealClient, type ClientRow, type TombstoneRow } from './records';

export type ClientListOptions = { status?: ClientStatus; search?: string };

/**
 * Clients of this device, sorted by code. Filtering by search happens after the
 * records are opened, since the code is a personal field (never indexed).
 */
export async function list(o: ClientListOptions = {}): Promise<Client[]> {
	return guard(async () => {
		const db = database();
		const rows = o.status
			? await db.clients.where('status').equals(o.status).toArray()
			: await db.clients.toArray();
		const { records } = await openAll(rows, openClient);
		return records
			.filter((c) => matchesSearch(c.code, o.search ?? ''))
			.sort((a, b) => a.code.localeCompare(b.code, 'sv', { sensitivity: 'base', numeric: true }));
	});
}

export async function get(id: ClientId): Promise<Client | undefined> {
	return guard(async () => {
		const row = await database().clients.get(id);
		return row ? openClient(row) : undefined;
	});
}

/** Whether another client already uses this code (codes should be unique per device). */
export async function isCodeTaken(code: string, exceptId?: ClientId): Promise<boolean> {
	const key = searchKeyOf(code);
	const all = await list();
	return all.some((c) => c.id !== exceptId && searchKeyOf(c.code) === key);
}

/** Stores clients as they are (imports, and the benchmark's large data set), in one bulk write. */
export async function putMany(records: Client[]): Promise<void> {
	const rows = await Promise.all(records.map(sealClient));
	await guard(() => database().clients.bulkPut(rows));
}

export async function create(
	input: ClientInput,
	profile: Profile,
	o: { now?: Clock; newId?: IdSource; isDemo?: boolean } = {}
): Promise<Client> {
	const parsed = clientInputSchema.parse(input);
	const at = (o.now ?? systemClock)().toISOString();
	const client: Client = {
		id: (o.newId ?? randomId)() as ClientId,
		caseworkerId: profile.id,
		status: 'active',
		createdAt: at,
		updatedAt: at,
		isDemo: o.isDemo ?? false,
		...parsed
	};
	const row = await sealClient(client);
	await guard(() => database().clients.add(row));
	return client;
}

/**
 * Saves the edit form. `basedOn` is the `updatedAt` of the client the form was opened
 * with: if the client has been written since (another tab or window), nothing is written
 * and the save fails with 'conflict', so neither tab's change is lost silently. The check
 * reads the plain `updatedAt` of the row in the same transaction as the write; the record
 * is sealed before it (no WebCrypto inside the transaction).
 */
export async function update(
	id: ClientId,
	input: ClientInput,
	o: { basedOn: string; now?: Clock }
): Promise<Client> {
	const parsed = clientInputSchema.parse(input);
	const existing = await get(id);
	if (!existing) throw new StorageError('not-found');
	if (existing.updatedAt !== o.basedOn) throw new StorageError('conflict');
	const client: Client = {
		...existing,
		...parsed,
		updatedAt: nextUpdatedAt(existing.updatedAt, (o.now ?? systemClock)())
	};
	const row = await sealClient(client);
	await writeIfUnchanged(row, existing.updatedAt);
	return client;
}

/** Puts a sealed client row, in one transaction, only if the stored row is still `basedOn`. */
async function writeIfUnchanged(row: ClientRow, basedOn: string): Promise<void> {
	await guard(async () => {
		const db = database();
		await db.transaction('rw', db.clients, async () => {
			const stored = await db.clients.get(row.id);
			if (!stored) throw new StorageError('not-found');
			if (stored.updatedAt !== basedOn) throw new StorageError('conflict');
			await db.clients.put(row);
		});
	});
}

async function setStatus(id: ClientId, status: ClientStatus, now: Clock): Promise<Client> {
	const existing = await get(id);
	if (!existing) throw new StorageError('not-found');
	const at = nextUpdatedAt(existing.updatedAt, now());
	const client: Client = { ...existing, status, updatedAt: at };
	if (status === 'archived') client.archivedAt = at;
	else delete client.archivedAt;
	const row = await sealClient(client);
	// A one-click change of the client as just read: if another tab wrote in between, the
	// caller is told rather than that tab's change being put back.
	await writeIfUnchanged(row, existing.updatedAt);
	return client;
}

export const archive = (id: ClientId, o: { now?: Clock } = {}) =>
	setStatus(id, 'archived', o.now ?? systemClock);
export const restore = (id: ClientId, o: { now?: Clock } = {}) =>
	setStatus(id, 'active', o.now ?? systemClock);

/**
 * Deletes a client with all their measurements, drafts, plans, interventions and
 * caseworker changes, in one transaction.
 * Tombstones (id and date only) remain so a deleted record never comes back.
 */
export async function remove(id: ClientId, o: { now?: Clock } = {}): Promise<void> {
	await removeMany([id], o);
}

/**
 * Deletes several clients and everything that belongs to them in ONE transaction
 * (retention): either all are gone, with nothing left in any table, or none.
 */
export async function removeMany(
	ids: readonly ClientId[],
	o: { now?: Clock } = {}
): Promise<number> {
	const deletedAt = (o.now ?? systemClock)().toISOString();
	return guard(async () => {
		const db = database();
		return db.transaction(
			'rw',
			[
				db.clients,
				db.measurements,
				db.drafts,
				db.plans,
				db.interventions,
				db.caseworkerChanges,
				db.tombstones,
				...PACK_STORES
			],
			async () => {
				const present = (await db.clients.bulkGet([...ids])).flatMap((c) => (c ? [c.id] : []));
				const tombstones: TombstoneRow[] = present.map((id) => ({
					id,
					table: 'clients',
					deletedAt
				}));
				const measurementKeys = await ofClients(db, present).primaryKeys();
				await db.measurements.bulkDelete(measurementKeys);
				const gone = new Set<string>(present);
				const packedKeys = await removePacked(db, { clientIds: present }, (row) =>
					gone.has(row.clientId)
				);
				for (const id of [...measurementKeys, ...packedKeys])
					tombstones.push({ id: String(id), table: 'measurements', deletedAt });
				const tables = [
					[db.drafts, 'drafts'],
					[db.plans, 'plans'],
					[db.interventions, 'interventions'],
					[db.caseworkerChanges, 'caseworkerChanges']
				] as const;
				for (const [table, name] of tables) {
					const keys = (await table.where('clientId').anyOf(present).primaryKeys()) as string[];
					await (table as Table).bulkDelete(keys);
					for (const id of keys) tombstones.push({ id, table: name, deletedAt });
				}
				await db.clients.bulkDelete(present);
				await db.tombstones.bulkPut(tombstones);
				return present.length;
			}
		);
	});
}
