import {
	CURRENT_CATALOGUE,
	generateDemoData,
	generateDemoFollowUp,
	systemClock,
	type Clock,
	type Profile
} from '$lib/core';
import { database } from './database';
import { ofClients } from './queries';
import { PACK_STORES, removePacked } from './measurement-packs';
import { guard } from './errors';
import {
	sealCaseworkerChange,
	sealClient,
	sealIntervention,
	sealMeasurement,
	sealPlan
} from './records';

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
	const followUp = generateDemoFollowUp({
		client,
		measurements,
		now: (o.now ?? systemClock)(),
		seed: (o.seed ?? 20131) + 1
	});
	const clientRow = await sealClient(client);
	const rows = await Promise.all(measurements.map(sealMeasurement));
	const planRow = await sealPlan(followUp.plan);
	const interventionRows = await Promise.all(followUp.interventions.map(sealIntervention));
	const changeRows = await Promise.all(followUp.changes.map(sealCaseworkerChange));
	await guard(async () => {
		const db = database();
		await db.transaction(
			'rw',
			[db.clients, db.measurements, db.plans, db.interventions, db.caseworkerChanges],
			async () => {
				await db.clients.put(clientRow);
				await db.measurements.bulkPut(rows);
				await db.plans.put(planRow);
				await db.interventions.bulkPut(interventionRows);
				await db.caseworkerChanges.bulkPut(changeRows);
			}
		);
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
		await db.transaction(
			'rw',
			[
				db.clients,
				db.measurements,
				db.drafts,
				db.plans,
				db.interventions,
				db.caseworkerChanges,
				...PACK_STORES
			],
			async () => {
				const ids = await db.clients.filter((c) => c.isDemo).primaryKeys();
				await ofClients(db, ids).delete();
				await db.measurements.filter((m) => m.isDemo).delete();
				const demoClients = new Set<string>(ids);
				await removePacked(
					db,
					{ clientIds: ids, demo: true },
					(m) => m.isDemo || demoClients.has(m.clientId)
				);
				await db.drafts.where('clientId').anyOf(ids).delete();
				for (const table of [db.plans, db.interventions, db.caseworkerChanges]) {
					await table.where('clientId').anyOf(ids).delete();
					await table.filter((r) => r.isDemo).delete();
				}
				await db.clients.bulkDelete(ids);
			}
		);
	});
}
