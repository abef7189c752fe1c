import {
	checkDraft,
	PUBLISHED_CATALOGUES,
	type ClientId,
	type Draft,
	type DraftCheck,
	type DraftId
} from '$lib/core';
import { database } from './database';
import { guard, StorageError } from './errors';
import { packedRowsOf } from './measurement-packs';
import { openDraftRaw, sealDraft } from './records';

/**
 * Which of these draft ids are already saved measurements: a saved conversation's
 * draft is removed after the save, in a transaction of its own (see
 * measurements.saveFromDraft), so a draft can outlive its save; such a draft is
 * finished and never offered again. Reads the measurements' primary keys and the
 * packs of the drafts' clients (see measurement-packs.ts).
 */
async function savedAmong(ids: string[], clientIds: string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const db = database();
	const keys = (await db.measurements.where(':id').anyOf(ids).primaryKeys()).map(String);
	// Packed measurements (after a restore) are found through their clients' packs.
	const wanted = new Set(ids);
	for (const row of await packedRowsOf(db, [...new Set(clientIds)]))
		if (wanted.has(row.id)) keys.push(row.id);
	return new Set(keys);
}

/** Removes drafts left behind by saves (see `savedAmong`), without waiting. */
function removeLeftovers(ids: Iterable<string>): void {
	const list = [...ids] as DraftId[];
	if (list.length > 0)
		database()
			.drafts.bulkDelete(list)
			.catch(() => undefined);
}

/** The client's conversation in progress, checked against the catalogue it was started on. */
export async function getForClient(
	clientId: ClientId
): Promise<(DraftCheck & { id: DraftId }) | undefined> {
	return guard(async () => {
		const all = await database().drafts.where('clientId').equals(clientId).toArray();
		const saved = await savedAmong(
			all.map((r) => r.id),
			[clientId]
		);
		removeLeftovers(saved);
		const rows = all.filter((r) => !saved.has(r.id));
		if (rows.length === 0) return undefined;
		// Newest first: there should be one, but an interrupted start could leave two.
		rows.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
		const raw = await openDraftRaw(rows[0]);
		return { ...checkDraft(raw, PUBLISHED_CATALOGUES), id: rows[0].id };
	});
}

/**
 * Autosave: writes the draft only if its client still exists, checked in the same
 * transaction. A client deleted meanwhile (in another tab) fails with fault
 * 'client-deleted', which no retry can mend, instead of leaving an orphan draft
 * behind a "Saved".
 */
export async function save(draft: Draft): Promise<void> {
	const row = await sealDraft(draft);
	await guard(async () => {
		const db = database();
		await db.transaction('rw', [db.clients, db.drafts], async () => {
			// Index keys only: the sealed client stays unread.
			const exists = await db.clients.where(':id').equals(draft.clientId).count();
			if (exists === 0) throw new StorageError('client-deleted');
			await db.drafts.put(row);
		});
	});
}

export async function remove(id: DraftId): Promise<void> {
	await guard(() => database().drafts.delete(id));
}

/** Client ids that have a conversation in progress (for the register's "continue" marks). */
export async function clientIdsWithDrafts(): Promise<Set<string>> {
	return guard(async () => {
		// Index keys only, no sealed values: (clientId, draft id) pairs.
		const collection = database().drafts.orderBy('clientId');
		const [clientIds, ids] = await Promise.all([collection.keys(), collection.primaryKeys()]);
		const saved = await savedAmong(ids.map(String), clientIds.map(String));
		removeLeftovers(saved);
		return new Set(clientIds.filter((_, n) => !saved.has(String(ids[n]))).map(String));
	});
}

/**
 * Drafts whose client no longer exists (deleted on another device and the draft
 * came back, or deleted mid-conversation in another tab). They are removed.
 */
export async function removeOrphans(): Promise<number> {
	return guard(async () => {
		const db = database();
		return db.transaction('rw', [db.drafts, db.clients], async () => {
			const drafts = await db.drafts.toArray();
			let removed = 0;
			for (const d of drafts) {
				if (!(await db.clients.get(d.clientId))) {
					await db.drafts.delete(d.id);
					removed++;
				}
			}
			return removed;
		});
	});
}
