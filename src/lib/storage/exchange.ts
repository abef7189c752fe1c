import {
	FORMAT_VERSION,
	ExchangeError,
	isExchangeError,
	planClientImport,
	searchKeyOf,
	systemClock,
	type ClientFile,
	type ClientId,
	type ClientImportPlan,
	type Clock,
	type Measurement,
	type MeasurementId
} from '$lib/core';
import { database, type FramstegDb } from './database';
import { forEachPack, packedRowsOf, PACK_STORES } from './measurement-packs';
import { rowsOfClients } from './measurements';
import { classifyStorageError, StorageError } from './errors';
import { openAll, openClient, openMeasurement, sealClient, sealMeasurement } from './records';

/** Those of these measurement ids a client already has here (saved or packed), as stored rows. */
async function storedAmong(db: FramstegDb, clientId: string, ids: MeasurementId[]) {
	const loose = (await db.measurements.bulkGet(ids)).filter((r) => r !== undefined);
	const wanted = new Set<string>(ids);
	const packed = (await packedRowsOf(db, [clientId])).filter((r) => wanted.has(r.id));
	return [...loose, ...packed];
}

/** Rethrows our own import errors as they are; anything else becomes a StorageError. */
async function run<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isExchangeError(error)) throw error;
		throw classifyStorageError(error);
	}
}

/** One client with all their measurements, as a hand-over file (not yet encrypted). */
export async function exportClient(id: ClientId, o: { now?: Clock } = {}): Promise<ClientFile> {
	return run(async () => {
		const db = database();
		const row = await db.clients.get(id);
		if (!row) throw new StorageError('not-found');
		const client = await openClient(row);
		const { records } = await openAll(await rowsOfClients([id]), openMeasurement);
		records.sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.id.localeCompare(b.id));
		return {
			app: 'framsteg',
			kind: 'client',
			formatVersion: FORMAT_VERSION,
			exportedAt: (o.now ?? systemClock)().toISOString(),
			client,
			measurements: records
		};
	});
}

/** What an import of this (validated) file would do here. Reads only; writes nothing. */
export async function previewClientImport(file: ClientFile): Promise<ClientImportPlan> {
	return run(async () => {
		const db = database();
		const ids = [file.client.id as string, ...file.measurements.map((m) => m.id as string)];
		const storedClient = await db.clients.get(file.client.id);
		const client = storedClient ? await openClient(storedClient) : undefined;
		const storedMeasurements = await storedAmong(
			db,
			file.client.id,
			file.measurements.map((m) => m.id)
		);
		const { records } = await openAll(storedMeasurements, openMeasurement);
		const deleted = (await db.tombstones.bulkGet(ids)).filter((t) => t !== undefined);
		// Codes are personal fields (not indexed), so they are compared after opening.
		const { records: others } = await openAll(await db.clients.toArray(), openClient);
		const key = searchKeyOf(file.client.code);
		const codeTakenBy = others.find(
			(c) => c.id !== file.client.id && searchKeyOf(c.code) === key
		)?.id;
		return planClientImport(file, {
			client,
			measurements: new Map(records.map((m) => [m.id as string, m])),
			deletedIds: new Set(deleted.map((t) => t.id)),
			codeTakenBy
		});
	});
}

/**
 * Writes what the preview promised, in ONE transaction: the client when new, and
 * the new measurements. If anything changed since the preview (another tab added
 * or deleted one of these records), nothing is written.
 */
export async function applyClientImport(plan: ClientImportPlan): Promise<{ added: number }> {
	const clientRow = plan.clientAction === 'create' ? await sealClient(plan.client) : undefined;
	const rows = await Promise.all(plan.toAdd.map((m: Measurement) => sealMeasurement(m)));
	const ids = [plan.client.id as string, ...rows.map((r) => r.id as string)];
	return run(async () => {
		const db = database();
		const stores = [db.clients, db.measurements, db.tombstones, ...PACK_STORES] as const;
		await db.transaction('rw', stores, async () => {
			const tombstones = (await db.tombstones.bulkGet(ids)).filter((t) => t !== undefined);
			const clientHere = (await db.clients.get(plan.client.id)) !== undefined;
			const already = await storedAmong(
				db,
				plan.client.id,
				rows.map((r) => r.id)
			);
			if (
				tombstones.length > 0 ||
				already.length > 0 ||
				clientHere !== (plan.clientAction === 'existing')
			)
				throw new ExchangeError('changed-since-preview');
			if (clientRow) await db.clients.add(clientRow);
			if (rows.length > 0) await db.measurements.bulkAdd(rows);
		});
		return { added: rows.length };
	});
}

/** Everything the research export needs: clients and measurements (opened, valid only). */
export async function researchData() {
	return run(async () => {
		const db = database();
		const clients = (await openAll(await db.clients.toArray(), openClient)).records;
		const measurements = (await openAll(await db.measurements.toArray(), openMeasurement)).records;
		await forEachPack(db, async (rows) => {
			for (const m of (await openAll(rows, openMeasurement)).records) measurements.push(m);
		});
		return { clients, measurements };
	});
}
