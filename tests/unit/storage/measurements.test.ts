import { describe, expect, it } from 'vitest';
import { measurementSchema, type Client, type MeasurementId } from '$lib/core';
import { clients, drafts, measurements, StorageError } from '$lib/storage';
import { openedOne, useTestDatabase } from '../../fixtures/database';
import {
	answersFor,
	fixedClock,
	idSource,
	makeClient,
	makeClientInput,
	makeDraft,
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
		makeDraft({
			clientId,
			step: 'result',
			clientAnswers: answersFor('client', [1, 2, 3, 4, 5, 6, 1, 2, 3, 4]),
			caseworkerAnswers: answersFor('caseworker', [2, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5]),
			focusIndicators: ['contact'],
			note: 'Nästa gång: CV'
		});

	describe('saveFromDraft', () => {
		it('writes the measurement and removes the draft', async () => {
			const client = await createClient('K-1');
			const draft = finishedDraft(client.id);
			await drafts.save(draft);
			const saved = await measurements.saveFromDraft(draft, {
				now: () => LATER,
				newId: idSource(12)
			});
			expect(measurementSchema.safeParse(saved).success).toBe(true);
			expect(saved).toMatchObject({
				id: idSource(12)(),
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
			expect(await db().drafts.count()).toBe(0);
		});

		it("refuses a client that no longer exists with 'not-found', keeping the draft", async () => {
			const ghost = makeClient({ seed: 99 });
			const draft = finishedDraft(ghost.id);
			await drafts.save(draft);
			const error = await measurements.saveFromDraft(draft).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(StorageError);
			expect((error as StorageError).fault).toBe('not-found');
			expect(await db().measurements.count()).toBe(0);
			expect(await openedOne('drafts', await db().drafts.get(draft.id))).toEqual(draft);
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
