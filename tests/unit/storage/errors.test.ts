import { describe, expect, it, vi } from 'vitest';
import { classifyStorageError, clients, drafts, measurements, StorageError } from '$lib/storage';
import type { StorageFault } from '$lib/storage/errors';
import { openedOne, useTestDatabase } from '../../fixtures/database';
import {
	answersFor,
	fixedClock,
	makeClientInput,
	makeDraft,
	makeProfile
} from '../../fixtures/factories';

const FAULTS: StorageFault[] = [
	'quota',
	'unavailable',
	'stale',
	'blocked',
	'invalid',
	'not-found',
	'client-deleted',
	'conflict',
	'newer-data',
	'unknown'
];

describe('StorageError', () => {
	it.each(FAULTS)('carries the message key of fault %s', (fault) => {
		const error = new StorageError(fault);
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('StorageError');
		expect(error.fault).toBe(fault);
		expect(error.messageKey).toBe(`common:storageErrors.${fault}`);
	});

	it('keeps the cause', () => {
		const cause = new Error('low-level');
		expect(new StorageError('unknown', { cause }).cause).toBe(cause);
	});
});

describe('classifyStorageError', () => {
	it.each([
		['a QuotaExceededError DOMException', new DOMException('full', 'QuotaExceededError'), 'quota'],
		['a QuotaExceededError-like object', { name: 'QuotaExceededError' }, 'quota'],
		[
			'an AbortError whose inner is QuotaExceededError',
			{ name: 'AbortError', inner: { name: 'QuotaExceededError' } },
			'quota'
		],
		[
			'an error whose cause is QuotaExceededError',
			{ name: 'Error', cause: new DOMException('full', 'QuotaExceededError') },
			'quota'
		],
		['MissingAPIError', { name: 'MissingAPIError' }, 'unavailable'],
		['SecurityError', { name: 'SecurityError' }, 'unavailable'],
		['OpenFailedError', { name: 'OpenFailedError' }, 'unavailable'],
		['DatabaseClosedError', { name: 'DatabaseClosedError' }, 'stale'],
		['VersionError', { name: 'VersionError' }, 'stale'],
		['ZodError', { name: 'ZodError' }, 'invalid'],
		['an unknown error', new TypeError('boom'), 'unknown'],
		['a thrown string', 'boom', 'unknown'],
		['undefined', undefined, 'unknown']
	] as const)('classifies %s', (_, error, fault) => {
		const classified = classifyStorageError(error);
		expect(classified).toBeInstanceOf(StorageError);
		expect(classified.fault).toBe(fault);
		expect(classified.messageKey).toBe(`common:storageErrors.${fault}`);
		expect(classified.cause).toBe(error);
	});

	it('returns a StorageError unchanged', () => {
		const error = new StorageError('not-found');
		expect(classifyStorageError(error)).toBe(error);
	});

	// Regression (found by this test, now fixed; src/lib/storage/errors.ts, classifyStorageError): a StorageError wrapped by Dexie
	// (e.g. the 'newer-data' thrown in the database's 'ready' handler, which callers receive as
	// DatabaseClosedError { inner: StorageError }) is classified by the wrapper's name as
	// 'stale'. Fixed: classifyStorageError returns a StorageError found in the
	// inner/cause chain. See also storage/migration.test.ts ("newer-data").
	it('keeps the fault of a StorageError wrapped by Dexie', () => {
		const inner = new StorageError('newer-data');
		const classified = classifyStorageError({ name: 'DatabaseClosedError', inner });
		expect(classified.fault).toBe('newer-data');
	});
});

describe('storage full while saving a conversation', () => {
	const db = useTestDatabase();

	it("rejects with fault 'quota' and keeps the draft, with no half-saved measurement", async () => {
		const me = makeProfile();
		const client = await clients.create(makeClientInput({ code: 'K-1' }), me, {
			now: fixedClock
		});
		const draft = makeDraft({
			clientId: client.id,
			step: 'result',
			clientAnswers: answersFor('client', [3, 4, 5]),
			caseworkerAnswers: answersFor('caseworker', [4, 4, 4])
		});
		await drafts.save(draft);

		// Saving writes straight on IndexedDB (not through Dexie's hooks): the store's
		// `add` refuses, as a full disk does.
		let attempts = 0;
		const add = IDBObjectStore.prototype.add;
		const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<IDBObjectStore['add']>
		) {
			if (this.name !== 'measurements') return add.apply(this, args);
			attempts++;
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});

		const error = await measurements.saveFromDraft(draft).catch((e: unknown) => e);
		spy.mockRestore();
		expect(attempts).toBe(1);
		expect(error).toBeInstanceOf(StorageError);
		expect((error as StorageError).fault).toBe('quota');
		expect((error as StorageError).messageKey).toBe('common:storageErrors.quota');

		expect(await db().measurements.count()).toBe(0);
		expect(await openedOne('drafts', await db().drafts.get(draft.id))).toEqual(draft);
		expect(await drafts.getForClient(client.id)).toMatchObject({ status: 'ok', draft });
	});
});
