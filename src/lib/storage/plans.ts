import {
	currentPlan,
	nextUpdatedAt,
	planSchema,
	systemClock,
	type ClientId,
	type Clock,
	type Plan,
	type PlanId
} from '$lib/core';
import { database } from './database';
import { guard, StorageError } from './errors';
import { openAll, openPlan, sealPlan } from './records';

const newestFirst = (a: Plan, b: Plan) =>
	b.madeOn.localeCompare(a.madeOn) || b.createdAt.localeCompare(a.createdAt);

/** A client's action plans, newest first. */
export async function listForClient(clientId: ClientId): Promise<Plan[]> {
	return guard(async () => {
		const rows = await database().plans.where('clientId').equals(clientId).toArray();
		const { records } = await openAll(rows, openPlan);
		return records.sort(newestFirst);
	});
}

/** Every plan on the device (for the register's overdue marks). */
export async function list(): Promise<Plan[]> {
	return guard(async () => {
		const { records } = await openAll(await database().plans.toArray(), openPlan);
		return records.sort(newestFirst);
	});
}

export async function get(id: PlanId): Promise<Plan | undefined> {
	return guard(async () => {
		const row = await database().plans.get(id);
		return row ? openPlan(row) : undefined;
	});
}

/** Per client, the plan that counts (newest not closed): for the register. */
export async function currentByClient(): Promise<Map<string, Plan>> {
	const all = await list();
	const byClient = new Map<string, Plan[]>();
	for (const p of all) byClient.set(p.clientId, [...(byClient.get(p.clientId) ?? []), p]);
	const out = new Map<string, Plan>();
	for (const [clientId, plans] of byClient) {
		const current = currentPlan(plans);
		if (current) out.set(clientId, current);
	}
	return out;
}

/** Saves a new plan (made by core `newPlan`); the client must exist. */
export async function create(plan: Plan, o: { now?: Clock } = {}): Promise<Plan> {
	const at = (o.now ?? systemClock)().toISOString();
	const record = planSchema.parse({ ...plan, createdAt: at, updatedAt: at });
	const row = await sealPlan(record);
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.clients, db.plans], async () => {
			if (!(await db.clients.get(record.clientId))) throw new StorageError('not-found');
			await db.plans.add(row);
		});
	});
	return record;
}

/**
 * Writes a changed plan (from the core reducers). The plan's `updatedAt` is the version
 * the editor was opened with: if the stored plan has been written since (another tab or
 * window), nothing is written and the save fails with 'conflict', so a step added there
 * is not removed here. The check reads the plain `updatedAt` in the write's transaction.
 */
export async function update(plan: Plan, o: { now?: Clock } = {}): Promise<Plan> {
	const existing = await get(plan.id);
	if (!existing) throw new StorageError('not-found');
	if (existing.updatedAt !== plan.updatedAt) throw new StorageError('conflict');
	const record = planSchema.parse({
		...plan,
		clientId: existing.clientId,
		createdAt: existing.createdAt,
		updatedAt: nextUpdatedAt(existing.updatedAt, (o.now ?? systemClock)())
	});
	const row = await sealPlan(record);
	await guard(async () => {
		const db = database();
		await db.transaction('rw', db.plans, async () => {
			const stored = await db.plans.get(record.id);
			if (!stored) throw new StorageError('not-found');
			if (stored.updatedAt !== existing.updatedAt) throw new StorageError('conflict');
			await db.plans.put(row);
		});
	});
	return record;
}

export async function remove(id: PlanId, o: { now?: Clock } = {}): Promise<void> {
	const deletedAt = (o.now ?? systemClock)().toISOString();
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.plans, db.tombstones], async () => {
			await db.plans.delete(id);
			await db.tombstones.put({ id, table: 'plans', deletedAt });
		});
	});
}
