import { currentPlan, matchesSearch, type Client, type ClientStatus, type Plan } from '$lib/core';
import { Dexie } from 'dexie';
import { database } from './database';
import { guard } from './errors';
import { packedDates } from './measurement-packs';
import { openAll, openClient, openPlan } from './records';

/** What the register shows about a client beside the code. */
export type RegisterDetails = {
	/** How many measurements, and the date of the latest (from the index alone). */
	measurementCount: number;
	latest: string | undefined;
	hasDraft: boolean;
	/** The plan that counts (newest not closed), if any. */
	plan: Plan | undefined;
};

/** One row of the register: a client and, once read, the details beside the code. */
export type RegisterRow = { client: Client; details: RegisterDetails | undefined };

export type RegisterPage = {
	clients: Client[];
	/** With a search: how many clients match. Without one, see `count`. */
	matches: number | undefined;
};

export type RegisterPageOptions = { status: ClientStatus; search?: string; limit: number };

/**
 * One page of the register, most recently changed first.
 *
 * Scales to a unit with thousands of clients: without a search only `limit`
 * client rows are read and opened, walking the `updatedAt` index. The total
 * (`count`) and the details beside each code (`details`) are separate reads, so
 * the rows can be on screen before them, and live queries over each re-run only
 * when what they read changes.
 *
 * With a search every client of the status is opened, since the code is a
 * personal field and is never indexed.
 */
export async function page(o: RegisterPageOptions): Promise<RegisterPage> {
	return guard(async () => {
		const db = database();
		const search = o.search?.trim() ?? '';
		if (search) {
			const rows = await db.clients.where('status').equals(o.status).toArray();
			const matches = (await openAll(rows, openClient)).records
				.filter((c) => matchesSearch(c.code, search))
				.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
			return { clients: matches.slice(0, o.limit), matches: matches.length };
		}
		// Most clients are active: a plain read of a few more rows than needed (one
		// getAll, fast) usually fills the page; otherwise walk the index with a filter.
		const recent = db.clients.orderBy('updatedAt').reverse();
		const margin = Math.ceil(o.limit * 1.25) + 10;
		let rows = (await recent.clone().limit(margin).toArray()).filter((r) => r.status === o.status);
		if (rows.length < o.limit && (await db.clients.count()) > margin)
			rows = await recent
				.filter((row) => row.status === o.status)
				.limit(o.limit)
				.toArray();
		rows = rows.slice(0, o.limit);
		return { clients: (await openAll(rows, openClient)).records, matches: undefined };
	});
}

/** How many clients have this status, from the index (nothing is opened). */
export async function count(status: ClientStatus): Promise<number> {
	return guard(() => database().clients.where('status').equals(status).count());
}

/**
 * The details beside the codes of the given clients: measurement counts and latest
 * dates from the `[clientId+takenOn]` index and the pack summaries (no measurement
 * is opened), drafts in
 * progress, and current plans.
 */
export async function details(ids: readonly string[]): Promise<Map<string, RegisterDetails>> {
	return guard(async () => {
		const out = new Map<string, RegisterDetails>();
		if (ids.length === 0) return out;
		const db = database();
		// One index read for the whole page: every [clientId+takenOn] key of its clients.
		const [dateKeys, packed, draftIds, planRows] = await Promise.all([
			db.measurements
				.where('[clientId+takenOn]')
				.inAnyRange(
					ids.map((id) => [
						[id, Dexie.minKey],
						[id, Dexie.maxKey]
					])
				)
				.keys(),
			packedDates(db, ids),
			db.drafts.where('clientId').anyOf(ids).keys(),
			db.plans.where('clientId').anyOf(ids).toArray()
		]);
		const withDraft = new Set(draftIds.map(String));
		const plansByClient = new Map<string, Plan[]>();
		for (const p of (await openAll(planRows, openPlan)).records)
			plansByClient.set(p.clientId, [...(plansByClient.get(p.clientId) ?? []), p]);
		for (const id of ids)
			out.set(id, {
				measurementCount: packed.get(id)?.count ?? 0,
				latest: packed.get(id)?.latest,
				hasDraft: withDraft.has(id),
				plan: currentPlan(plansByClient.get(id) ?? [])
			});
		for (const key of dateKeys as unknown as [string, string][]) {
			const entry = out.get(key[0]);
			if (!entry) continue;
			entry.measurementCount++;
			if (!entry.latest || key[1] > entry.latest) entry.latest = key[1];
		}
		return out;
	});
}
