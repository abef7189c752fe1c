import { describe, expect, it } from 'vitest';
import { clientSchema, type ClientId, type MeasurementId } from '$lib/core';
import { clients, drafts, measurements, StorageError } from '$lib/storage';
import { useTestDatabase } from '../../fixtures/database';
import {
	fixedClock,
	idSource,
	makeClientInput,
	makeDraft,
	makeMeasurement,
	makeProfile,
	NOW
} from '../../fixtures/factories';

const me = makeProfile();
const LATER = new Date(NOW.getTime() + 3_600_000);

async function createClient(code: string, seed = 1) {
	return clients.create(makeClientInput({ code, seed }), me, { now: fixedClock });
}

describe('storage clients', () => {
	const db = useTestDatabase();

	describe('create and get', () => {
		it('creates an active client and reads it back', async () => {
			const input = makeClientInput({ code: ' K-2024-017 ' });
			const created = await clients.create(input, me, { now: fixedClock, newId: idSource(5) });
			expect(clientSchema.safeParse(created).success).toBe(true);
			expect(created).toEqual({
				...input,
				code: 'K-2024-017',
				id: idSource(5)(),
				caseworkerId: me.id,
				status: 'active',
				createdAt: NOW.toISOString(),
				updatedAt: NOW.toISOString(),
				isDemo: false
			});
			expect(await clients.get(created.id)).toEqual(created);
		});

		it('returns undefined for an unknown id', async () => {
			expect(await clients.get(idSource(77)() as ClientId)).toBeUndefined();
		});

		it('refuses a personnummer-shaped code and stores nothing', async () => {
			await expect(
				clients.create(makeClientInput({ code: '850412-1234' }), me, { now: fixedClock })
			).rejects.toThrow(/code-looks-like-pin/);
			expect(await db().clients.count()).toBe(0);
		});
	});

	describe('list', () => {
		it('sorts by code, ignoring case', async () => {
			for (const code of ['delta', 'Bravo', 'alfa', 'Charlie']) await createClient(code);
			expect((await clients.list()).map((c) => c.code)).toEqual([
				'alfa',
				'Bravo',
				'Charlie',
				'delta'
			]);
		});

		it('searches case- and accent-insensitively, on any part of the code', async () => {
			for (const code of ['Ärende-1', 'ARENDE-2', 'arende-3', 'K-100']) await createClient(code);
			const codes = async (search: string) =>
				(await clients.list({ search })).map((c) => c.code).sort();
			expect(await codes('ärende')).toEqual(['ARENDE-2', 'arende-3', 'Ärende-1']);
			expect(await codes('RENDE-1')).toEqual(['Ärende-1']);
			expect(await codes('k-1')).toEqual(['K-100']);
			expect(await codes('xyz')).toEqual([]);
		});

		it('filters by status', async () => {
			const a = await createClient('A-1');
			await createClient('B-1');
			await clients.archive(a.id, { now: fixedClock });
			expect((await clients.list({ status: 'archived' })).map((c) => c.code)).toEqual(['A-1']);
			expect((await clients.list({ status: 'active' })).map((c) => c.code)).toEqual(['B-1']);
			expect(await clients.list()).toHaveLength(2);
		});

		it('leaves out rows that fail validation instead of failing the whole list', async () => {
			await createClient('A-1');
			await db().clients.put({ id: 'broken-row-1', code: 42 } as never);
			expect((await clients.list()).map((c) => c.code)).toEqual(['A-1']);
		});
	});

	describe('update, archive, restore', () => {
		it('updates the input fields and updatedAt, keeping id and createdAt', async () => {
			const c = await createClient('K-1');
			const updated = await clients.update(
				c.id,
				makeClientInput({ code: 'K-2', preferredRegister: 'easy', preferredLanguage: 'ar' }),
				{ basedOn: c.updatedAt, now: () => LATER }
			);
			expect(updated).toMatchObject({
				id: c.id,
				code: 'K-2',
				preferredRegister: 'easy',
				preferredLanguage: 'ar',
				createdAt: c.createdAt,
				updatedAt: LATER.toISOString()
			});
			expect(await clients.get(c.id)).toEqual(updated);
		});

		it('refuses to update a client that does not exist', async () => {
			const error = await clients
				.update(idSource(77)() as ClientId, makeClientInput(), { basedOn: NOW.toISOString() })
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(StorageError);
			expect((error as StorageError).fault).toBe('not-found');
			expect(await db().clients.count()).toBe(0);
		});

		it("refuses, with 'conflict', a save based on a version another tab has changed since", async () => {
			const c = await createClient('K-1');
			// Tab A and tab B opened the edit form on the same version.
			const tabA = await clients.update(c.id, makeClientInput({ code: 'K-1A' }), {
				basedOn: c.updatedAt,
				now: fixedClock
			});
			// Same clock reading: the version still changes.
			expect(tabA.updatedAt > c.updatedAt).toBe(true);
			const error = await clients
				.update(c.id, makeClientInput({ code: 'K-1', gender: 'man' }), {
					basedOn: c.updatedAt,
					now: fixedClock
				})
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(StorageError);
			expect((error as StorageError).fault).toBe('conflict');
			expect(await clients.get(c.id)).toEqual(tabA);
			// Based on the version now stored, the save goes through.
			const again = await clients.update(c.id, makeClientInput({ code: 'K-1A', gender: 'man' }), {
				basedOn: tabA.updatedAt
			});
			expect(await clients.get(c.id)).toEqual(again);
		});

		it('lets only one of two saves of the same version through, even when both read it first', async () => {
			const c = await createClient('K-1');
			const results = await Promise.allSettled([
				clients.update(c.id, makeClientInput({ code: 'K-A' }), { basedOn: c.updatedAt }),
				clients.update(c.id, makeClientInput({ code: 'K-B' }), { basedOn: c.updatedAt })
			]);
			const saved = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
			const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
			expect(saved).toHaveLength(1);
			expect(refused.map((e) => (e as StorageError).fault)).toEqual(['conflict']);
			expect(await clients.get(c.id)).toEqual(saved[0]);
		});

		it('refuses a personnummer on update and keeps the old code', async () => {
			const c = await createClient('K-1');
			await expect(
				clients.update(c.id, makeClientInput({ code: '8504121234' }), { basedOn: c.updatedAt })
			).rejects.toThrow();
			expect((await clients.get(c.id))?.code).toBe('K-1');
		});

		it('archives and restores', async () => {
			const c = await createClient('K-1');
			const archived = await clients.archive(c.id, { now: () => LATER });
			expect(archived).toMatchObject({ status: 'archived', updatedAt: LATER.toISOString() });
			expect((await clients.get(c.id))?.status).toBe('archived');
			await clients.restore(c.id, { now: () => LATER });
			expect((await clients.get(c.id))?.status).toBe('active');
		});

		it('refuses to archive a client that does not exist', async () => {
			await expect(clients.archive(idSource(77)() as ClientId)).rejects.toMatchObject({
				fault: 'not-found'
			});
		});
	});

	describe('isCodeTaken', () => {
		it('matches codes case- and accent-insensitively, except the client itself', async () => {
			const c = await createClient('Ärende-1');
			expect(await clients.isCodeTaken('ärende-1')).toBe(true);
			expect(await clients.isCodeTaken('ARENDE-1')).toBe(true);
			expect(await clients.isCodeTaken('Ärende-2')).toBe(false);
			expect(await clients.isCodeTaken('Ärende-1', c.id)).toBe(false);
		});
	});

	describe('remove', () => {
		async function clientWithHistory(code: string, seed: number) {
			const client = await createClient(code, seed);
			const history = [
				makeMeasurement({ seed, clientId: client.id, id: idSource(seed * 10)() as MeasurementId }),
				makeMeasurement({
					seed,
					clientId: client.id,
					id: idSource(seed * 10 + 1)() as MeasurementId
				})
			];
			await measurements.putMany(history);
			const draft = makeDraft({ seed, clientId: client.id });
			await drafts.save(draft);
			return { client, history, draft };
		}

		it('deletes the client with its measurements and drafts and leaves tombstones', async () => {
			const gone = await clientWithHistory('GONE-1', 1);
			const kept = await clientWithHistory('KEPT-1', 2);
			await clients.remove(gone.client.id, { now: () => LATER });

			expect(await clients.get(gone.client.id)).toBeUndefined();
			expect(await measurements.listForClient(gone.client.id)).toEqual([]);
			expect(await drafts.getForClient(gone.client.id)).toBeUndefined();

			const tombstones = await db().tombstones.orderBy('id').toArray();
			const expected = [
				{ id: gone.client.id, table: 'clients', deletedAt: LATER.toISOString() },
				...gone.history.map((m) => ({
					id: m.id,
					table: 'measurements',
					deletedAt: LATER.toISOString()
				})),
				{ id: gone.draft.id, table: 'drafts', deletedAt: LATER.toISOString() }
			].sort((a, b) => a.id.localeCompare(b.id));
			// Exactly id, table and date: no personal data survives the delete.
			expect(tombstones).toEqual(expected);

			// The other client is untouched.
			expect(await clients.get(kept.client.id)).toEqual(kept.client);
			expect(await measurements.listForClient(kept.client.id)).toHaveLength(2);
			expect((await drafts.getForClient(kept.client.id))?.status).toBe('ok');
		});

		it('deletes nothing when part of the delete fails', async () => {
			const gone = await clientWithHistory('GONE-1', 1);
			db().tombstones.hook('creating', () => {
				throw new Error('tombstone write failed');
			});
			await expect(clients.remove(gone.client.id)).rejects.toBeInstanceOf(StorageError);
			expect(await clients.get(gone.client.id)).toEqual(gone.client);
			expect(await measurements.listForClient(gone.client.id)).toHaveLength(2);
			expect(await drafts.getForClient(gone.client.id)).toBeDefined();
		});
	});
});
