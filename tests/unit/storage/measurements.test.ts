import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { measurementSchema, type Client, type Draft, type MeasurementId } from '$lib/core';
import { clients, drafts, measurements, StorageError } from '$lib/storage';
import { openedOne, sealedRow, useTestDatabase } from '../../fixtures/database';
import {
	answersFor,
	fixedClock,
	idSource,
	makeClient,
	makeClientInput,
	makeFinishedDraft,
	makeMeasurement,
	makeProfile,
	NOW
} from '../../fixtures/factories';

const me = makeProfile();
const LATER = new Date(NOW.getTime() + 60_000);

describe('storage measurements', () => {
	const db = useTestDatabase();
	const createClient = (code: string): Promise<Client> =>
		clients.create(makeClientInput({ code }), me, { now: fixedClock });

	const finishedDraft = (clientId: Client['id']) =>
		makeFinishedDraft({ clientId, note: 'Nästa gång: CV' });

	describe('saveFromDraft', () => {
		it('writes the measurement and removes the draft', async () => {
			const client = await createClient('K-1');
			const draft = finishedDraft(client.id);
			await drafts.save(draft);
			const saved = await measurements.saveFromDraft(draft, { now: () => LATER });
			expect(measurementSchema.safeParse(saved).success).toBe(true);
			expect(saved).toMatchObject({
				id: draft.id,
				clientId: client.id,
				clientAnswers: draft.clientAnswers,
				caseworkerAnswers: draft.caseworkerAnswers,
				focusIndicators: ['contact'],
				note: 'Nästa gång: CV',
				createdAt: LATER.toISOString(),
				isDemo: false
			});
			expect(await measurements.get(saved.id)).toEqual(saved);
			expect(await drafts.getForClient(client.id)).toBeUndefined();
			// The draft row goes in a second transaction that the save does not wait for.
			await vi.waitFor(async () => expect(await db().drafts.count()).toBe(0));
		});

		it('never offers a draft left behind by a save again, and removes it', async () => {
			const client = await createClient('K-3');
			const other = await createClient('K-4');
			const draft = finishedDraft(client.id);
			const open = { ...finishedDraft(other.id), id: idSource(77)() as Draft['id'] };
			await drafts.save(draft);
			await drafts.save(open);
			await measurements.saveFromDraft(draft);
			await vi.waitFor(async () => expect(await db().drafts.count()).toBe(1));
			// As if the tab closed between the save and the draft's removal:
			await drafts.save(draft);
			expect(await db().drafts.count()).toBe(2);

			expect(await drafts.clientIdsWithDrafts()).toEqual(new Set([other.id]));
			expect(await drafts.getForClient(client.id)).toBeUndefined();
			expect(await drafts.getForClient(other.id)).toMatchObject({ status: 'ok', id: open.id });
			await vi.waitFor(async () => expect(await db().drafts.count()).toBe(1));
		});

		it('saves a draft once: saving it again returns the measurement already saved', async () => {
			const client = await createClient('K-5');
			const draft = finishedDraft(client.id);
			await drafts.save(draft);
			const first = await measurements.saveFromDraft(draft, { now: () => LATER });
			const again = await measurements.saveFromDraft(draft);
			expect(again).toEqual(first);
			expect(await db().measurements.count()).toBe(1);
		});

		it("refuses, with 'conflict', the same conversation saved with other answers in another tab", async () => {
			const client = await createClient('K-6');
			const draft = finishedDraft(client.id);
			await drafts.save(draft);
			// Both tabs carried on the same draft; tab A saves first.
			const tabA = await measurements.saveFromDraft(draft, { now: () => LATER });
			const tabB: Draft = {
				...draft,
				clientAnswers: answersFor('client', [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]),
				note: 'Från flik B'
			};
			const error = await measurements.saveFromDraft(tabB).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(StorageError);
			expect((error as StorageError).fault).toBe('conflict');
			expect(await measurements.get(tabA.id)).toEqual(tabA);
			expect(await db().measurements.count()).toBe(1);

			// Tab B keeps its answers and may save them as a measurement of their own.
			const own = await measurements.saveFromDraft(tabB, { asNew: idSource(88) });
			expect(own.id).not.toBe(draft.id);
			expect(own).toMatchObject({ clientAnswers: tabB.clientAnswers, note: 'Från flik B' });
			expect(await measurements.get(own.id)).toEqual(own);
			expect(await measurements.get(tabA.id)).toEqual(tabA);
			expect(await db().measurements.count()).toBe(2);
		});

		it("refuses a client that no longer exists with 'not-found', keeping the draft", async () => {
			const ghost = makeClient({ seed: 99 });
			const draft = finishedDraft(ghost.id);
			// Past the repository, which refuses a draft without its client (drafts.save).
			await db().drafts.put(await sealedRow('drafts', draft));
			const error = await measurements.saveFromDraft(draft).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(StorageError);
			expect((error as StorageError).fault).toBe('not-found');
			expect(await db().measurements.count()).toBe(0);
			expect(await openedOne('drafts', await db().drafts.get(draft.id))).toEqual(draft);
		});

		it('tells live queries over measurements and drafts that they changed', async () => {
			const client = await createClient('K-2');
			const draft = finishedDraft(client.id);
			await drafts.save(draft);
			const seen: [number, number][] = [];
			const subscription = liveQuery(async () => [
				await db().measurements.count(),
				await db().drafts.count()
			]).subscribe((value) => seen.push(value as [number, number]));
			await vi.waitFor(() => expect(seen).toContainEqual([0, 1]));
			await measurements.saveFromDraft(draft);
			await vi.waitFor(() => expect(seen).toContainEqual([1, 0]));
			subscription.unsubscribe();
		});
	});

	describe('listForClient', () => {
		it("lists one client's measurements newest first, by date and then creation time", async () => {
			const client = await createClient('K-1');
			const other = await createClient('K-2');
			const at = (takenOn: string, time: string, seed: number) =>
				makeMeasurement({
					seed,
					clientId: client.id,
					takenOn,
					createdAt: `${takenOn}T${time}:00.000Z`,
					updatedAt: `${takenOn}T${time}:00.000Z`
				});
			const rows = [
				at('2026-03-02', '10:00', 1),
				at('2026-09-01', '08:00', 2),
				at('2026-06-01', '10:00', 3),
				at('2026-09-01', '09:00', 4)
			];
			await measurements.putMany([...rows, makeMeasurement({ seed: 5, clientId: other.id })]);
			const listed = await measurements.listForClient(client.id);
			expect(listed.map((m) => m.id)).toEqual(
				[rows[3], rows[1], rows[2], rows[0]].map((m) => m.id)
			);
			expect(listed[0]).toEqual(rows[3]);
		});

		it('leaves out a stored row that fails validation', async () => {
			const client = await createClient('K-1');
			const good = makeMeasurement({ clientId: client.id });
			await measurements.putMany([good]);
			await db().measurements.put({
				...makeMeasurement({ seed: 2, clientId: client.id }),
				clientAnswers: { 'client.job-search': 'maybe' }
			} as never);
			expect(await measurements.listForClient(client.id)).toEqual([good]);
		});
	});

	describe('remove', () => {
		it('deletes one measurement and leaves a tombstone', async () => {
			const client = await createClient('K-1');
			const m = makeMeasurement({ clientId: client.id });
			await measurements.putMany([m]);
			await measurements.remove(m.id, { now: () => LATER });
			expect(await measurements.get(m.id)).toBeUndefined();
			expect(await db().tombstones.toArray()).toEqual([
				{ id: m.id, table: 'measurements', deletedAt: LATER.toISOString() }
			]);
		});
	});

	describe('datesByClient', () => {
		it('counts measurements and finds the latest date per client', async () => {
			const a = await createClient('A-1');
			const b = await createClient('B-1');
			const ids = idSource(40);
			const m = (clientId: Client['id'], takenOn: string) =>
				makeMeasurement({ clientId, takenOn, id: ids() as MeasurementId });
			await measurements.putMany([
				m(a.id, '2026-06-01'),
				m(a.id, '2026-09-15'),
				m(a.id, '2026-03-01'),
				m(b.id, '2026-01-10')
			]);
			const dates = await measurements.datesByClient();
			expect(dates).toEqual(
				new Map([
					[a.id, { count: 3, latest: '2026-09-15' }],
					[b.id, { count: 1, latest: '2026-01-10' }]
				])
			);
		});

		it('is empty without measurements', async () => {
			expect((await measurements.datesByClient()).size).toBe(0);
		});
	});
});
