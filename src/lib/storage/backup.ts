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
import { database } from './database';
import { classifyStorageError } from './errors';
import {
	openAll,
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

/** The whole device: profile, clients, measurements, drafts and tombstones (not yet encrypted). */
export async function exportBackup(o: { now?: Clock } = {}): Promise<BackupFile> {
	return run(async () => {
		const db = database();
		const [profiles, clients, measurements, drafts, tombstones, plans, interventions, changes] =
			await Promise.all([
				db.profile.toArray(),
				db.clients.toArray(),
				db.measurements.toArray(),
				db.drafts.toArray(),
				db.tombstones.toArray(),
				db.plans.toArray(),
				db.interventions.toArray(),
				db.caseworkerChanges.toArray()
			]);
		const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
		return {
			app: 'framsteg',
			kind: 'backup',
			formatVersion: FORMAT_VERSION,
			exportedAt: (o.now ?? systemClock)().toISOString(),
			schemaVersion: CURRENT_SCHEMA_VERSION,
			profile: profiles[0] ? await openProfile(profiles[0]) : null,
			clients: (await openAll(clients, openClient)).records.sort(byId),
			measurements: (await openAll(measurements, openMeasurement)).records.sort(byId),
			drafts: (await openAll(drafts, openDraft)).records.sort(byId),
			tombstones: (await openAll(tombstones, openTombstone)).records.sort(byId),
			plans: (await openAll(plans, openPlan)).records.sort(byId),
			interventions: (await openAll(interventions, openIntervention)).records.sort(byId),
			caseworkerChanges: (await openAll(changes, openCaseworkerChange)).records.sort(byId)
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
		const ids = [...file.clients.map((c) => c.id), ...file.measurements.map((m) => m.id)];
		const comingBack = (await db.tombstones.bulkGet(ids)).filter((t) => t !== undefined).length;
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
