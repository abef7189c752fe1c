import { describe, expect, it } from 'vitest';
import { FRAMSTEG_V1 } from '$lib/core/catalogue/framsteg-v1';
import { clients, drafts, StorageError } from '$lib/storage';
import { opened, sealedRow, useTestDatabase } from '../../fixtures/database';
import {
	answersFor,
	fixedClock,
	makeClient,
	makeClientInput,
	makeDraft,
	makeProfile,
	NOW
} from '../../fixtures/factories';

const me = makeProfile();

describe('storage drafts', () => {
	const db = useTestDatabase();

	const createClient = (code: string) =>
		clients.create(makeClientInput({ code }), me, { now: fixedClock });

	it('saves a draft and reads it back checked (status ok)', async () => {
		const client = await createClient('K-1');
		const draft = makeDraft({
			clientId: client.id,
			step: 'client',
			clientIndex: 2,
			clientAnswers: answersFor('client', [3, 'declined', 5]),
			note: 'mitt i samtalet'
		});
		await drafts.save(draft);
		expect(await drafts.getForClient(client.id)).toEqual({
			status: 'ok',
			catalogue: FRAMSTEG_V1,
			draft,
			dropped: [],
			id: draft.id
		});
	});

	it('returns undefined for a client without a draft', async () => {
		const client = await createClient('K-1');
		expect(await drafts.getForClient(client.id)).toBeUndefined();
	});

	it('overwrites on autosave, one row per draft', async () => {
		const client = await createClient('K-1');
		const draft = makeDraft({ clientId: client.id });
		await drafts.save(draft);
		const later = { ...draft, step: 'handback' as const, updatedAt: '2026-11-27T10:05:00.000Z' };
		await drafts.save(later);
		expect(await db().drafts.count()).toBe(1);
		expect(await drafts.getForClient(client.id)).toMatchObject({ status: 'ok', draft: later });
	});

	it('returns the most recently updated draft when a client has two', async () => {
		const client = await createClient('K-1');
		const older = makeDraft({ seed: 1, clientId: client.id });
		const newer = makeDraft({
			seed: 2,
			clientId: client.id,
			updatedAt: new Date(NOW.getTime() + 1000).toISOString()
		});
		await drafts.save(newer);
		await drafts.save(older);
		expect((await drafts.getForClient(client.id))?.id).toBe(newer.id);
	});

	it('drops a stored answer that is out of range, and reports it', async () => {
		const client = await createClient('K-1');
		const draft = makeDraft({
			clientId: client.id,
			clientAnswers: { ...answersFor('client', [2]), 'client.contact': 9 },
			caseworkerAnswers: { 'caseworker.caseworker-belief': 6, 'caseworker.contact': 4 }
		});
		// Written past the repository, as an older build or a hand-edited backup could.
		await db().drafts.put(await sealedRow('drafts', draft));
		const check = await drafts.getForClient(client.id);
		expect(check?.status).toBe('ok');
		if (check?.status !== 'ok') return;
		expect(check.draft.clientAnswers).toEqual({ 'client.job-search': 2 });
		expect(check.draft.caseworkerAnswers).toEqual({ 'caseworker.contact': 4 });
		expect(check.dropped).toEqual([
			{ itemId: 'client.contact', problem: 'out-of-range' },
			{ itemId: 'caseworker.caseworker-belief', problem: 'out-of-range' }
		]);
	});

	it('reports a draft on an unknown catalogue version, and an invalid row', async () => {
		const client = await createClient('K-1');
		const other = await createClient('K-2');
		await db().drafts.put(
			await sealedRow('drafts', makeDraft({ clientId: client.id, catalogueVersion: 99 }))
		);
		await db().drafts.put(
			await sealedRow('drafts', { ...makeDraft({ seed: 2, clientId: other.id }), step: 'nope' })
		);
		expect(await drafts.getForClient(client.id)).toMatchObject({ status: 'unknown-version' });
		expect(await drafts.getForClient(other.id)).toMatchObject({ status: 'invalid' });
	});

	it('refuses to save an invalid draft and stores nothing', async () => {
		const client = await createClient('K-1');
		const tooLong = { ...makeDraft({ clientId: client.id }), note: 'x'.repeat(5000) };
		await expect(drafts.save(tooLong)).rejects.toThrow();
		expect(await db().drafts.count()).toBe(0);
	});

	it('removes a draft and lists the clients that have one', async () => {
		const a = await createClient('A-1');
		const b = await createClient('B-1');
		const draftA = makeDraft({ seed: 1, clientId: a.id });
		await drafts.save(draftA);
		await drafts.save(makeDraft({ seed: 2, clientId: b.id }));
		expect(await drafts.clientIdsWithDrafts()).toEqual(new Set([a.id, b.id]));
		await drafts.remove(draftA.id);
		expect(await drafts.getForClient(a.id)).toBeUndefined();
		expect(await drafts.clientIdsWithDrafts()).toEqual(new Set([b.id]));
	});

	it('removes drafts whose client no longer exists', async () => {
		const client = await createClient('K-1');
		const mine = makeDraft({ seed: 1, clientId: client.id });
		const orphan = makeDraft({ seed: 2, clientId: makeClient({ seed: 99 }).id });
		await drafts.save(mine);
		// Written past the repository (which refuses it), as a restored backup could.
		await db().drafts.put(await sealedRow('drafts', orphan));
		expect(await drafts.removeOrphans()).toBe(1);
		expect(await opened('drafts', await db().drafts.toArray())).toEqual([mine]);
		expect(await drafts.removeOrphans()).toBe(0);
	});

	it("refuses an autosave once the client is deleted (another tab): fault 'client-deleted', no orphan left", async () => {
		const client = await createClient('K-1');
		const draft = makeDraft({ clientId: client.id, step: 'client', clientIndex: 1 });
		await drafts.save(draft);
		// Another tab deletes the client, and its draft with it, mid-conversation.
		await clients.remove(client.id, { now: fixedClock });
		const next = { ...draft, clientIndex: 2, updatedAt: '2026-11-27T10:05:00.000Z' };
		const error = await drafts.save(next).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StorageError);
		expect((error as StorageError).fault).toBe('client-deleted');
		expect((error as StorageError).messageKey).toBe('common:storageErrors.client-deleted');
		expect(await db().drafts.count()).toBe(0);
	});

	it("refuses a draft for a client that never existed, with fault 'client-deleted'", async () => {
		const draft = makeDraft({ clientId: makeClient({ seed: 99 }).id });
		await expect(drafts.save(draft)).rejects.toMatchObject({ fault: 'client-deleted' });
		expect(await db().drafts.count()).toBe(0);
	});
});
