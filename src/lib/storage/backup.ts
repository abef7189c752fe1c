import {
	draftSchema,
	FORMAT_VERSION,
	isExchangeError,
	systemClock,
	tombstoneSchema,
	type BackupFile,
	type Clock,
	type Draft,
	type Tombstone
} from '$lib/core';
import type { Table } from 'dexie';
import { database } from './database';
import { classifyStorageError } from './errors';
import { forEachPage } from './pages';
import {
	openCaseworkerChange,
	openIntervention,
	openPlan,
	sealCaseworkerChange,
	sealIntervention,
	sealPlan,
	openClient,
	openDraftRaw,
	openMeasurement,
	openProfile,
	sealClient,
	sealDraft,
	sealMeasurement,
	sealProfile
} from './records';
import { CURRENT_SCHEMA_VERSION } from './versions';

async function run<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isExchangeError(error)) throw error;
		throw classifyStorageError(error);
	}
}

async function openDraft(row: unknown): Promise<Draft> {
	return draftSchema.parse(await openDraftRaw(row));
}
async function openTombstone(row: unknown): Promise<Tombstone> {
	return tombstoneSchema.parse(row);
}

/** Every row of a table in id order (so the file needs no sort), opened page by page. */
async function readOpened<T>(
	table: Table<{ id: string }, string>,
	open: (row: unknown) => Promise<T>
): Promise<T[]> {
	const out: T[] = [];
	await forEachPage(table, open, (records) => {
		for (const record of records) out.push(record);
	});
	return out;
}

/** The whole device: profile, clients, measurements, drafts and tombstones, in id order. */
export async function exportBackup(o: { now?: Clock } = {}): Promise<BackupFile> {
	return run(async () => {
		const db = database();
		const t = <R>(table: unknown) => table as Table<{ id: string }, string> & Table<R>;
		const profiles = await db.profile.toArray();
		return {
			app: 'framsteg',
			kind: 'backup',
			formatVersion: FORMAT_VERSION,
			exportedAt: (o.now ?? systemClock)().toISOString(),
			schemaVersion: CURRENT_SCHEMA_VERSION,
			profile: profiles[0] ? await openProfile(profiles[0]) : null,
			clients: await readOpened(t(db.clients), openClient),
			measurements: await readOpened(t(db.measurements), openMeasurement),
			drafts: await readOpened(t(db.drafts), openDraft),
			tombstones: await readOpened(t(db.tombstones), openTombstone),
			plans: await readOpened(t(db.plans), openPlan),
			interventions: await readOpened(t(db.interventions), openIntervention),
			caseworkerChanges: await readOpened(t(db.caseworkerChanges), openCaseworkerChange)
		};
	});
}

export type RestorePreview = {
	exportedAt: string;
	profileName: string | undefined;
	incoming: { clients: number; measurements: number; drafts: number; tombstones: number };
	current: { clients: number; measurements: number; drafts: number };
	/** Records deleted on this device since the backup was made that the restore brings back. */
	comingBack: number;
};

/** What a restore of this (validated) backup would replace. Reads only. */
export async function previewRestore(file: BackupFile): Promise<RestorePreview> {
	return run(async () => {
		const db = database();
		// Walk this device's tombstones (few) against the file's ids (many), not the other way.
		const ids = new Set<string>([
			...file.clients.map((c) => c.id),
			...file.measurements.map((m) => m.id)
		]);
		const tombstoneIds = (await db.tombstones.toCollection().primaryKeys()) as string[];
		const comingBack = tombstoneIds.filter((id) => ids.has(id)).length;
		return {
			exportedAt: file.exportedAt,
			profileName: file.profile?.name,
			incoming: {
				clients: file.clients.length,
				measurements: file.measurements.length,
				drafts: file.drafts.length,
				tombstones: file.tombstones.length
			},
			current: {
				clients: await db.clients.count(),
				measurements: await db.measurements.count(),
				drafts: await db.drafts.count()
			},
			comingBack
		};
	});
}

/**
 * Replaces everything on the device with the backup, in ONE transaction: either
 * the device holds exactly the backup afterwards, or nothing changed.
 */
export async function restoreBackup(file: BackupFile): Promise<void> {
	const profile = file.profile ? await sealProfile(file.profile) : undefined;
	const clients = await Promise.all(file.clients.map(sealClient));
	const measurements = await Promise.all(file.measurements.map(sealMeasurement));
	const drafts = await Promise.all(file.drafts.map(sealDraft));
	const tombstones = file.tombstones.map((t) => tombstoneSchema.parse(t));
	const plans = await Promise.all(file.plans.map(sealPlan));
	const interventions = await Promise.all(file.interventions.map(sealIntervention));
	const changes = await Promise.all(file.caseworkerChanges.map(sealCaseworkerChange));
	await run(async () => {
		const db = database();
		await db.transaction(
			'rw',
			[
				db.profile,
				db.clients,
				db.measurements,
				db.drafts,
				db.tombstones,
				db.plans,
				db.interventions,
				db.caseworkerChanges
			],
			async () => {
				await Promise.all([
					db.profile.clear(),
					db.clients.clear(),
					db.measurements.clear(),
					db.drafts.clear(),
					db.tombstones.clear(),
					db.plans.clear(),
					db.interventions.clear(),
					db.caseworkerChanges.clear()
				]);
				if (profile) await db.profile.add(profile);
				await db.clients.bulkAdd(clients);
				await db.measurements.bulkAdd(measurements);
				await db.drafts.bulkAdd(drafts);
				await db.tombstones.bulkAdd(tombstones);
				await db.plans.bulkAdd(plans);
				await db.interventions.bulkAdd(interventions);
				await db.caseworkerChanges.bulkAdd(changes);
			}
		);
	});
}
