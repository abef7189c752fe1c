import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { writeStream } from '$lib/storage/database';
import { useTestDatabase } from '../../fixtures/database';

const later = <T>(value: T, ms: number) =>
	new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

const tombstone = (n: number) => ({
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	table: 'clients' as const,
	deletedAt: '2026-01-01T00:00:00.000Z'
});

describe('writeStream', () => {
	const db = useTestDatabase();

	it('keeps the transaction alive across slow work outside IndexedDB', async () => {
		await writeStream(db(), ['tombstones'], async (writer) => {
			for (let page = 0; page < 3; page++) {
				// Longer than any auto-commit would wait.
				const rows = await writer.hold(later([tombstone(page * 2), tombstone(page * 2 + 1)], 30));
				await writer.add('tombstones', rows);
			}
		});
		expect(await db().tombstones.count()).toBe(6);
	});

	it('aborts everything when the work throws, and rethrows its error', async () => {
		await db().tombstones.add(tombstone(99));
		const failing = writeStream(db(), ['tombstones'], async (writer) => {
			writer.store('tombstones').clear();
			await writer.add('tombstones', [tombstone(1)]);
			await writer.hold(later(undefined, 10));
			throw new Error('file changed');
		});
		await expect(failing).rejects.toThrow('file changed');
		expect((await db().tombstones.toArray()).map((r) => r.id)).toEqual([tombstone(99).id]);
	});

	it('aborts everything when a row cannot be added', async () => {
		const failing = writeStream(db(), ['tombstones'], async (writer) => {
			await writer.add('tombstones', [tombstone(1)]);
			await writer.add('tombstones', [tombstone(2), tombstone(1)]);
		});
		await expect(failing).rejects.toMatchObject({ name: 'ConstraintError' });
		expect(await db().tombstones.count()).toBe(0);
	});

	it('rejects a hold whose work fails, and the throw aborts', async () => {
		const failing = writeStream(db(), ['tombstones'], async (writer) => {
			await writer.add('tombstones', [tombstone(1)]);
			await writer.hold(Promise.reject(new Error('unreadable page')));
		});
		await expect(failing).rejects.toThrow('unreadable page');
		expect(await db().tombstones.count()).toBe(0);
	});

	it('a hold after the transaction aborted rejects at once (it never waits for ever)', async () => {
		let afterAbort: Promise<unknown> | undefined;
		const failing = writeStream(db(), ['tombstones'], async (writer) => {
			// A row that fails while a hold is waiting: the abort rejects that hold…
			writer.add('tombstones', [tombstone(1), tombstone(1)]).catch(() => undefined);
			await writer.hold(later(undefined, 30)).catch(() => undefined);
			// …and any hold after it.
			afterAbort = writer.hold(later('page', 10));
			await afterAbort;
		});
		await expect(failing).rejects.toMatchObject({ name: 'ConstraintError' });
		await expect(afterAbort).rejects.toBeDefined();
		expect(await db().tombstones.count()).toBe(0);
	});

	it('keeps adds going in while it waits, and resumes at their success events', async () => {
		await writeStream(db(), ['tombstones'], async (writer) => {
			const first = writer.add(
				'tombstones',
				Array.from({ length: 300 }, (_, n) => tombstone(n))
			);
			// The next page is read while the first one's rows go in; both are in flight.
			const rows = await writer.hold(later([tombstone(1000)], 5));
			const second = writer.add('tombstones', rows);
			await first;
			await second;
		});
		expect(await db().tombstones.count()).toBe(301);
	});

	it("tells Dexie's live queries the stores changed, once committed", async () => {
		await db().open();
		const fired = vi.fn();
		Dexie.on('storagemutated').subscribe(fired);
		try {
			await writeStream(db(), ['tombstones'], async (writer) => {
				await writer.add('tombstones', [tombstone(1)]);
				expect(fired).not.toHaveBeenCalled();
			});
			expect(fired).toHaveBeenCalledTimes(1);
			const parts = Object.keys(fired.mock.calls[0][0] as object);
			expect(parts).toContain(`idb://${db().name}/tombstones/`);
		} finally {
			Dexie.on('storagemutated').unsubscribe(fired);
		}
	});
});
