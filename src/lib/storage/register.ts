import { currentPlan, matchesSearch, type Client, type ClientStatus, type Plan } from '$lib/core';
import { Dexie } from 'dexie';
import { database } from './database';
import { guard } from './errors';
import { openAll, openClient, openPlan } from './records';

/** One row of the register: a client with what the list shows about them. */
export type RegisterRow = {
	client: Client;
	/** How many measurements, and the date of the latest (from the index alone). */
	measurementCount: number;
	latest: string | undefined;
	hasDraft: boolean;
	/** The plan that counts (newest not closed), if any. */
	plan: Plan | undefined;
};

export type RegisterPage = {
	rows: RegisterRow[];
	/** How many clients have this status (or match the search): from the index, without opening them. */
	total: number;
};

export type RegisterPageOptions = { status: ClientStatus; search?: string; limit: number };

/** Clients per page of the register. */
export const REGISTER_PAGE_SIZE = 50;

/**
 * One page of the register, most recently changed first.
 *
 * Scales to a unit with thousands of clients: without a search only `limit`
 * client rows are read and opened (walking the `updatedAt` index), the total
 * comes from the `status` index, and measurement counts and dates come from the
 * `[clientId+takenOn]` index for the clients on the page only. A live query over
 * this function therefore re-runs only when those ranges change.
 *
 * With a search every client of the status is opened, since the code is a
 * personal field and is never indexed.
 */
export async function page(o: RegisterPageOptions): Promise<RegisterPage> {
	return guard(async () => {
		const db = database();
		const search = o.search?.trim() ?? '';
		let clients: Client[];
		let total: number;
		if (search) {
			const rows = await db.clients.where('status').equals(o.status).toArray();
			const matches = (await openAll(rows, openClient)).records
				.filter((c) => matchesSearch(c.code, search))
				.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
			total = matches.length;
			clients = matches.slice(0, o.limit);
		} else {
			const [rows, count] = await Promise.all([
				db.clients
					.orderBy('updatedAt')
					.reverse()
					.filter((row) => row.status === o.status)
					.limit(o.limit)
					.toArray(),
				db.clients.where('status').equals(o.status).count()
			]);
			clients = (await openAll(rows, openClient)).records;
			total = count;
		}
		const ids = clients.map((c) => c.id);
		const [dates, draftIds, planRows] = await Promise.all([
			Promise.all(
				ids.map(async (id) => {
					const range = db.measurements
						.where('[clientId+takenOn]')
						.between([id, Dexie.minKey], [id, Dexie.maxKey]);
					const [count, last] = await Promise.all([
						range.count(),
						range.clone().reverse().limit(1).keys()
					]);
					const key = last[0] as unknown as [string, string] | undefined;
					return { count, latest: key?.[1] };
				})
			),
			ids.length ? db.drafts.where('clientId').anyOf(ids).keys() : Promise.resolve([]),
			ids.length ? db.plans.where('clientId').anyOf(ids).toArray() : Promise.resolve([])
		]);
		const withDraft = new Set(draftIds.map(String));
		const plansByClient = new Map<string, Plan[]>();
		for (const p of (await openAll(planRows, openPlan)).records)
			plansByClient.set(p.clientId, [...(plansByClient.get(p.clientId) ?? []), p]);
		return {
			total,
			rows: clients.map((client, n) => ({
				client,
				measurementCount: dates[n].count,
				latest: dates[n].latest,
				hasDraft: withDraft.has(client.id),
				plan: currentPlan(plansByClient.get(client.id) ?? [])
			}))
		};
	});
}
