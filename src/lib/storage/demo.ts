import {
	CURRENT_CATALOGUE,
	generateDemoData,
	systemClock,
	type Clock,
	type Profile
} from '$lib/core';
import { database } from './database';
import { guard } from './errors';
import { sealClient, sealMeasurement } from './records';

/** Loads the clearly marked demo client with three earlier measurements. */
export async function load(
	profile: Profile,
	o: { now?: Clock; seed?: number } = {}
): Promise<void> {
	const { client, measurements } = generateDemoData({
		catalogue: CURRENT_CATALOGUE,
		caseworkerId: profile.id,
		now: (o.now ?? systemClock)(),
		seed: o.seed ?? 20131
	});
	const clientRow = await sealClient(client);
	const rows = await Promise.all(measurements.map(sealMeasurement));
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.clients, db.measurements], async () => {
			await db.clients.put(clientRow);
			await db.measurements.bulkPut(rows);
		});
	});
}

/** Whether demo data is present. */
export async function isLoaded(): Promise<boolean> {
	return guard(
		async () =>
			(await database()
				.clients.filter((c) => c.isDemo)
				.count()) > 0
	);
}

/** Removes every demo record (clients, their measurements and drafts) in one step. */
export async function remove(): Promise<void> {
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.clients, db.measurements, db.drafts], async () => {
			const ids = await db.clients.filter((c) => c.isDemo).primaryKeys();
			await db.measurements.where('clientId').anyOf(ids).delete();
			await db.measurements.filter((m) => m.isDemo).delete();
			await db.drafts.where('clientId').anyOf(ids).delete();
			await db.clients.bulkDelete(ids);
		});
	});
}
