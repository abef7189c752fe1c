import {
	checkDraft,
	PUBLISHED_CATALOGUES,
	type ClientId,
	type Draft,
	type DraftCheck,
	type DraftId
} from '$lib/core';
import { database } from './database';
import { guard } from './errors';
import { openDraftRaw, sealDraft } from './records';

/** The client's conversation in progress, checked against the catalogue it was started on. */
export async function getForClient(
	clientId: ClientId
): Promise<(DraftCheck & { id: DraftId }) | undefined> {
	return guard(async () => {
		const rows = await database().drafts.where('clientId').equals(clientId).toArray();
		if (rows.length === 0) return undefined;
		// Newest first: there should be one, but an interrupted start could leave two.
		rows.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
		const raw = await openDraftRaw(rows[0]);
		return { ...checkDraft(raw, PUBLISHED_CATALOGUES), id: rows[0].id };
	});
}

/** Autosave: writes the whole draft. */
export async function save(draft: Draft): Promise<void> {
	const row = await sealDraft(draft);
	await guard(() => database().drafts.put(row));
}

export async function remove(id: DraftId): Promise<void> {
	await guard(() => database().drafts.delete(id));
}

/** Client ids that have a conversation in progress (for the register's "continue" marks). */
export async function clientIdsWithDrafts(): Promise<Set<string>> {
	return guard(async () => {
		const keys = await database().drafts.orderBy('clientId').keys();
		return new Set(keys.map(String));
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
