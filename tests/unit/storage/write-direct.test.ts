/**
 * The save's transaction (writeDirect): it commits as soon as its checks pass
 * (commitEarly), so a check that fails must still abort everything, and a record
 * that cannot be sealed must fail with its own error.
 */
import { describe, expect, it } from 'vitest';
import { SecurityError } from '$lib/core';
import { clients, drafts, measurements } from '$lib/storage';
import { commitEarly, writeDirect } from '$lib/storage/database';
import { dropKey } from '$lib/storage/session';
import { useTestDatabase } from '../../fixtures/database';
import {
	answersFor,
	fixedClock,
	makeClientInput,
	makeDraft,
	makeProfile
} from '../../fixtures/factories';

const tombstone = (n: number) => ({
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	table: 'clients' as const,
	deletedAt: '2026-01-01T00:00:00.000Z'
});

describe('writeDirect, committed early', () => {
	const db = useTestDatabase();

	/** Adds rows beside a key read; commits early when `check` says yes, else fails. */
	const write = (rows: unknown[], check: (found: unknown) => boolean) =>
		writeDirect(db(), ['tombstones'], (tx, fail) => {
			const read = tx.objectStore('tombstones').getKey(tombstone(1).id);
			read.onsuccess = () => {
				if (check(read.result)) commitEarly(tx);
				else fail(new Error('check failed'));
			};
			for (const row of rows) tx.objectStore('tombstones').add(row);
		});

	it('stores the rows once the check passes', async () => {
		await write([tombstone(2), tombstone(3)], (found) => found === undefined);
		expect(await db().tombstones.count()).toBe(2);
	});

	it('a check that fails aborts, though the rows were already asked for', async () => {
		await db().tombstones.add(tombstone(1));
		await expect(write([tombstone(2)], (found) => found === undefined)).rejects.toThrow(
			'check failed'
		);
		expect((await db().tombstones.toArray()).map((r) => r.id)).toEqual([tombstone(1).id]);
	});

	it('a row refused after the early commit (its key taken) aborts everything', async () => {
		await db().tombstones.add(tombstone(3));
		const error = await write([tombstone(2), tombstone(3)], () => true).catch((e: unknown) => e);
		expect((error as DOMException).name).toBe('ConstraintError');
		expect((await db().tombstones.toArray()).map((r) => r.id)).toEqual([tombstone(3).id]);
	});

	it('commitEarly on a finished transaction does nothing', async () => {
		let done: IDBTransaction | undefined;
		await writeDirect(db(), ['tombstones'], (tx) => {
			done = tx;
			tx.objectStore('tombstones').add(tombstone(4));
		});
		expect(() => commitEarly(done!)).not.toThrow();
		expect(await db().tombstones.count()).toBe(1);
	});
});

describe('saving a conversation whose record cannot be sealed', () => {
	const db = useTestDatabase();

	it('fails with the sealing’s own error (locked), and writes nothing', async () => {
		const me = makeProfile();
		const client = await clients.create(makeClientInput({ code: 'K-2' }), me, { now: fixedClock });
		const draft = makeDraft({
			clientId: client.id,
			step: 'result',
			clientAnswers: answersFor('client', [3, 4, 5]),
			caseworkerAnswers: answersFor('caseworker', [4, 4, 4])
		});
		await drafts.save(draft);
		dropKey();
		const error = await measurements.saveFromDraft(draft).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SecurityError);
		expect((error as SecurityError).fault).toBe('locked');
		expect(await db().measurements.count()).toBe(0);
		expect(await db().drafts.count()).toBe(1);
	});
});
