import {
	checkPassphrase,
	createKeyring,
	importDataKey,
	keyringSchema,
	NO_FAILURES,
	recordFailure,
	rewrapPassphrase,
	SecurityError,
	systemClock,
	unlockAttemptsSchema,
	unlockKeyring,
	waitBeforeNextTry,
	type Clock,
	type Keyring,
	type UnlockAttempts,
	type WrapKind
} from '$lib/core';
import { META_KEYS } from './constants';
import { database } from './database';
import { guard } from './errors';
import { isPlainRow, PLAIN_FIELDS, SEALERS } from './records';
import { dropKey, isUnlocked, setKey } from './session';

/**
 * The device's keyring (the wrapped data key) and the lock. The keyring and the
 * count of failed tries sit in the `meta` table; neither holds anything readable.
 * All WebCrypto work happens before or after a transaction, never inside one.
 */
/** The meta row holding the keyring (a backup carries it as stored). */
export const KEYRING = META_KEYS.keyring;
const ATTEMPTS = META_KEYS.unlockAttempts;
const PLAIN_ROWS_SEALED = 'plainRowsSealed';
const LAST_SEEN = 'lastSeenAt';

export type LockState = 'none' | 'locked' | 'unlocked';

async function readKeyring(): Promise<Keyring | undefined> {
	const row = await guard(() => database().meta.get(KEYRING));
	if (!row) return undefined;
	const parsed = keyringSchema.safeParse(row.value);
	if (!parsed.success) throw new SecurityError('damaged-keyring');
	return parsed.data;
}

/** 'none' before set-up, else whether this tab holds the key. */
export async function state(): Promise<LockState> {
	if (isUnlocked()) return 'unlocked';
	return (await readKeyring()) ? 'locked' : 'none';
}

export async function attempts(): Promise<UnlockAttempts> {
	const row = await guard(() => database().meta.get(ATTEMPTS));
	const parsed = unlockAttemptsSchema.safeParse(row?.value);
	return parsed.success ? parsed.data : NO_FAILURES;
}

/** Milliseconds before another try is allowed (after wrong passphrases). */
export async function waitMs(o: { now?: Clock } = {}): Promise<number> {
	return waitBeforeNextTry(await attempts(), (o.now ?? systemClock)());
}

/**
 * Tries a secret against the keyring, counting failures on the device. Throws
 * `too-many-attempts` while the wait after earlier failures runs, `wrong-secret`
 * when the secret does not fit. Returns the raw data key (import it, then drop it).
 */
async function tryUnwrap(
	kind: WrapKind,
	secret: string,
	now: Clock
): Promise<{ raw: Uint8Array<ArrayBuffer>; keyring: Keyring }> {
	const keyring = await readKeyring();
	if (!keyring) throw new SecurityError('damaged-keyring');
	if (waitBeforeNextTry(await attempts(), now()) > 0) throw new SecurityError('too-many-attempts');
	try {
		const raw = await unlockKeyring(keyring, kind, secret);
		await guard(() => database().meta.put({ key: ATTEMPTS, value: NO_FAILURES }));
		return { raw, keyring };
	} catch (error) {
		if (error instanceof SecurityError && error.fault === 'wrong-secret') {
			const next = recordFailure(await attempts(), now());
			await guard(() => database().meta.put({ key: ATTEMPTS, value: next }));
		}
		throw error;
	}
}

/**
 * First start: a new data key, wrapped by the passphrase and by a recovery key
 * that is returned once (to be printed or written down) and never stored. Rows
 * written before encryption existed are encrypted in place.
 */
export async function create(
	passphrase: string,
	o: { now?: Clock; iterations?: number } = {}
): Promise<{ recoveryKey: string }> {
	if (await readKeyring()) throw new SecurityError('damaged-keyring');
	const { keyring, recoveryKey, raw } = await createKeyring(passphrase, {
		now: (o.now ?? systemClock)(),
		iterations: o.iterations
	});
	const key = await importDataKey(raw);
	raw.fill(0);
	await guard(() =>
		database().transaction('rw', database().meta, async () => {
			if (await database().meta.get(KEYRING)) throw new SecurityError('damaged-keyring');
			await database().meta.put({ key: KEYRING, value: keyring });
			await database().meta.put({ key: ATTEMPTS, value: NO_FAILURES });
		})
	);
	setKey(key);
	await sealPlainRows();
	return { recoveryKey };
}

/** Unlocks this tab with the passphrase. */
export async function unlock(passphrase: string, o: { now?: Clock } = {}): Promise<void> {
	const { raw } = await tryUnwrap('passphrase', passphrase, o.now ?? systemClock);
	const key = await importDataKey(raw);
	raw.fill(0);
	setKey(key);
	await sealPlainRows();
}

/** Lost passphrase: the recovery key unlocks and a new passphrase is set (data untouched). */
export async function recover(
	recoveryKey: string,
	newPassphrase: string,
	o: { now?: Clock; iterations?: number } = {}
): Promise<void> {
	// A new passphrase that breaks the rule is refused before the key is tried
	// (a try counts towards the wait between wrong attempts).
	checkPassphrase(newPassphrase);
	const now = o.now ?? systemClock;
	const { raw, keyring } = await tryUnwrap('recovery', recoveryKey, now);
	const next = await rewrapPassphrase(keyring, raw, newPassphrase, {
		now: now(),
		iterations: o.iterations
	});
	const key = await importDataKey(raw);
	raw.fill(0);
	await guard(() => database().meta.put({ key: KEYRING, value: next }));
	setKey(key);
}

/** Changes the passphrase: re-wraps the data key only; no record is touched. */
export async function changePassphrase(
	current: string,
	next: string,
	o: { now?: Clock; iterations?: number } = {}
): Promise<void> {
	checkPassphrase(next);
	const now = o.now ?? systemClock;
	const { raw, keyring } = await tryUnwrap('passphrase', current, now);
	const rewrapped = await rewrapPassphrase(keyring, raw, next, {
		now: now(),
		iterations: o.iterations
	});
	raw.fill(0);
	await guard(() => database().meta.put({ key: KEYRING, value: rewrapped }));
}

/** Checks the passphrase without changing anything (leaving client mode). */
export async function verify(passphrase: string, o: { now?: Clock } = {}): Promise<void> {
	const { raw } = await tryUnwrap('passphrase', passphrase, o.now ?? systemClock);
	raw.fill(0);
}

/**
 * Whether the device clock is behind the last time the app was used (by more than
 * an hour): dates of new records would then sort wrongly, so the UI warns. When
 * the clock looks right, the time is recorded as the new "last seen".
 */
export async function checkClock(o: { now?: Clock } = {}): Promise<boolean> {
	const now = (o.now ?? systemClock)();
	const row = await guard(() => database().meta.get(LAST_SEEN));
	const last = typeof row?.value === 'string' ? Date.parse(row.value) : NaN;
	if (Number.isFinite(last) && now.getTime() < last - 3_600_000) return true;
	await guard(() => database().meta.put({ key: LAST_SEEN, value: now.toISOString() }));
	return false;
}

/** Locks this tab: the key is dropped from memory. */
export function lock(): void {
	dropKey();
}

/**
 * Encrypts, in place, rows stored before encryption existed (schema v1–v3
 * databases). Rows are sealed outside any transaction, then written in short
 * transactions that skip any row changed meanwhile. Runs once per device.
 */
export async function sealPlainRows(o: { chunk?: number } = {}): Promise<number> {
	const db = database();
	const done = await guard(() => db.meta.get(PLAIN_ROWS_SEALED));
	if (done?.value === true) return 0;
	const chunk = o.chunk ?? 500;
	let sealed = 0;
	for (const table of Object.keys(PLAIN_FIELDS) as (keyof typeof PLAIN_FIELDS)[]) {
		const store = db.table(table);
		let after: string | undefined;
		for (;;) {
			// One page of rows by primary key; sealed ones are skipped.
			const page = (await guard(() =>
				(after === undefined ? store.orderBy(':id') : store.where(':id').above(after))
					.limit(chunk)
					.toArray()
			)) as { id: string }[];
			if (page.length === 0) break;
			after = page[page.length - 1].id;
			const plain = page.filter((r) => isPlainRow(r));
			if (plain.length === 0) continue;
			const settled = await Promise.allSettled(plain.map((r) => SEALERS[table](r)));
			const ready = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
			await guard(() =>
				db.transaction('rw', store, async () => {
					// Skip any row another tab changed or sealed meanwhile.
					const current = await store.bulkGet(ready.map((r) => r.id as string));
					const still = ready.filter((_, j) => current[j] && isPlainRow(current[j]));
					await store.bulkPut(still);
					sealed += still.length;
				})
			);
		}
	}
	await guard(() => db.meta.put({ key: PLAIN_ROWS_SEALED, value: true }));
	return sealed;
}
