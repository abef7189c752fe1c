import { describe, expect, it } from 'vitest';
import {
	checkChain,
	createKeyring,
	decryptJson,
	delayAfter,
	encryptJson,
	exitClientMode,
	GENESIS_HASH,
	hashAuditRow,
	importDataKey,
	isClientStep,
	newDataKeyBytes,
	newRecoveryKey,
	normaliseRecoveryKey,
	NO_FAILURES,
	recordAad,
	recordFailure,
	rewrapPassphrase,
	SecurityError,
	selectForRetention,
	unlockKeyring,
	waitBeforeNextTry,
	type AuditPayload
} from '$lib/core';
import { makeCatalogue, makeClient, makeDraft } from '../../fixtures/factories';

const PASS = 'korrekt häst batteri';

async function failsWith(promise: Promise<unknown>, fault: string) {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(SecurityError);
	expect((error as SecurityError).fault).toBe(fault);
}

describe('keyring: wrapping the data key (C3, C4)', () => {
	it('records PBKDF2-HMAC-SHA-256 ≥ 600,000 iterations, a 16-byte salt, a 12-byte IV and AES-256-GCM', async () => {
		const { keyring, recoveryKey, raw } = await createKeyring(PASS);
		expect(raw.length).toBe(32);
		expect(keyring.wraps.map((w) => w.kind).sort()).toEqual(['passphrase', 'recovery']);
		for (const wrap of keyring.wraps) {
			expect(wrap.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256' });
			expect(wrap.kdf.iterations).toBeGreaterThanOrEqual(600_000);
			expect(Buffer.from(wrap.kdf.salt, 'base64').length).toBeGreaterThanOrEqual(16);
			expect(Buffer.from(wrap.cipher.iv, 'base64').length).toBe(12);
			expect(wrap.cipher).toMatchObject({ name: 'AES-GCM', keyLength: 256 });
		}
		// The stored keyring holds neither secret nor the raw key.
		const stored = JSON.stringify(keyring);
		expect(stored).not.toContain(PASS);
		expect(stored).not.toContain(recoveryKey);
		expect(stored).not.toContain(Buffer.from(raw).toString('base64'));
	});

	it('unwraps with the passphrase and with the recovery key; a wrong secret is wrong-secret', async () => {
		const { keyring, recoveryKey, raw } = await createKeyring(PASS);
		expect(await unlockKeyring(keyring, 'passphrase', PASS)).toEqual(raw);
		// Typed from paper: lower case, spaces instead of dashes, O for 0.
		const typed = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
		expect(await unlockKeyring(keyring, 'recovery', typed)).toEqual(raw);
		await failsWith(unlockKeyring(keyring, 'passphrase', 'fel lösenfras'), 'wrong-secret');
		await failsWith(unlockKeyring(keyring, 'recovery', PASS), 'wrong-secret');
	});

	it('a passphrase change re-wraps only the key: the recovery wrap and the data key stay', async () => {
		const { keyring, recoveryKey, raw } = await createKeyring(PASS);
		const changed = await rewrapPassphrase(keyring, raw, 'en helt ny lösenfras');
		expect(changed.wraps.find((w) => w.kind === 'recovery')).toEqual(
			keyring.wraps.find((w) => w.kind === 'recovery')
		);
		expect(await unlockKeyring(changed, 'passphrase', 'en helt ny lösenfras')).toEqual(raw);
		expect(await unlockKeyring(changed, 'recovery', recoveryKey)).toEqual(raw);
		await failsWith(unlockKeyring(changed, 'passphrase', PASS), 'wrong-secret');
	});

	it('refuses short passphrases and damaged or weakened wraps', async () => {
		await expect(createKeyring('kort')).rejects.toMatchObject({ fault: 'passphrase-too-short' });
		const { keyring } = await createKeyring(PASS);
		const weak = { ...keyring.wraps[0], kdf: { ...keyring.wraps[0].kdf, iterations: 1000 } };
		await failsWith(
			unlockKeyring({ ...keyring, wraps: [weak] }, 'passphrase', PASS),
			'damaged-keyring'
		);
	});

	it('recovery keys are 160 random bits in 8 groups of 4, and differ every time', () => {
		const keys = new Set(Array.from({ length: 200 }, () => newRecoveryKey()));
		expect(keys.size).toBe(200);
		for (const key of keys) {
			expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
			expect(normaliseRecoveryKey(key)).toHaveLength(32);
		}
	});
});

describe('record encryption (C2, C3)', () => {
	it('round-trips, binds the ciphertext to table and id, and rejects tampering', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const value = { code: 'K-1', note: 'Mår bättre' };
		const sealed = await encryptJson(key, recordAad('clients', 'a'), value);
		expect(await decryptJson(key, recordAad('clients', 'a'), sealed)).toEqual(value);
		await failsWith(decryptJson(key, recordAad('clients', 'b'), sealed), 'damaged-record');
		await failsWith(decryptJson(key, recordAad('measurements', 'a'), sealed), 'damaged-record');
		const flipped = sealed.slice();
		flipped[20] ^= 1;
		await failsWith(decryptJson(key, recordAad('clients', 'a'), flipped), 'damaged-record');
		const other = await importDataKey(newDataKeyBytes());
		await failsWith(decryptJson(other, recordAad('clients', 'a'), sealed), 'damaged-record');
	});

	it('uses a fresh 12-byte IV for each of 100,000 encryptions under one key', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const aad = recordAad('measurements', 'x');
		const seen = new Set<string>();
		for (let batch = 0; batch < 10; batch++) {
			const sealed = await Promise.all(
				Array.from({ length: 10_000 }, () => encryptJson(key, aad, 1))
			);
			for (const s of sealed) seen.add(Buffer.from(s.subarray(0, 12)).toString('hex'));
		}
		expect(seen.size).toBe(100_000);
	}, 60_000);
});

describe('wrong passphrases slow down (C8)', () => {
	it('three free tries, then a doubling wait capped at 5 minutes', () => {
		expect([0, 1, 2].map(delayAfter)).toEqual([0, 0, 0]);
		expect([3, 4, 5, 6].map(delayAfter)).toEqual([2000, 4000, 8000, 16000]);
		expect(delayAfter(40)).toBe(300_000);
	});

	it('counts from the last failure, and a clock set back never makes the wait endless', () => {
		let attempts = NO_FAILURES;
		const t0 = new Date('2026-11-27T10:00:00Z');
		for (let i = 0; i < 4; i++) attempts = recordFailure(attempts, t0);
		expect(waitBeforeNextTry(attempts, t0)).toBe(4000);
		expect(waitBeforeNextTry(attempts, new Date(t0.getTime() + 3000))).toBe(1000);
		expect(waitBeforeNextTry(attempts, new Date(t0.getTime() + 5000))).toBe(0);
		// Clock two years back: the wait is at most the full delay.
		expect(waitBeforeNextTry(attempts, new Date('2024-11-27T10:00:00Z'))).toBe(4000);
	});
});

describe('audit hash chain (C9)', () => {
	const payload = (prevHash: string, i: number): AuditPayload => ({
		action: 'view',
		clientId: null,
		actor: 'AB',
		detail: `n:${i}`,
		prevHash
	});
	async function chain(n: number) {
		const rows: { seq: number; hash: string; payload: AuditPayload | undefined }[] = [];
		let prev = GENESIS_HASH;
		for (let i = 1; i <= n; i++) {
			const sealed = new TextEncoder().encode(`ciphertext ${i}`);
			const hash = await hashAuditRow(i, `2026-11-27T10:00:0${i % 10}Z`, sealed);
			rows.push({ seq: i, hash, payload: payload(prev, i) });
			prev = hash;
		}
		return { rows, head: { seq: n, hash: prev } };
	}

	it('accepts a whole chain and an empty one', async () => {
		const { rows, head } = await chain(5);
		expect(checkChain(rows, head)).toEqual({ ok: true, count: 5 });
		expect(checkChain([], { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true, count: 0 });
	});

	it('detects a removed entry, an edited entry, a cut tail and a damaged entry', async () => {
		const { rows, head } = await chain(5);
		expect(checkChain([...rows.slice(0, 2), ...rows.slice(3)], head)).toMatchObject({
			ok: false,
			reason: 'gap'
		});
		const edited = rows.map((r, i) => (i === 2 ? { ...r, hash: 'f'.repeat(64) } : r));
		expect(checkChain(edited, head)).toMatchObject({ ok: false, brokenAtSeq: 4, reason: 'hash' });
		expect(checkChain(rows.slice(0, 4), head)).toMatchObject({ ok: false, reason: 'head' });
		const damaged = rows.map((r, i) => (i === 1 ? { ...r, payload: undefined } : r));
		expect(checkChain(damaged, head)).toMatchObject({
			ok: false,
			brokenAtSeq: 2,
			reason: 'damaged'
		});
	});
});

describe('retention selection (D3, D7)', () => {
	const now = new Date('2026-11-27T12:00:00Z');
	const archived = (seed: number, archivedAt: string) =>
		makeClient({ seed, code: `A-${seed}`, status: 'archived', archivedAt, updatedAt: archivedAt });

	it('selects nothing without a retention decision', () => {
		const clients = [archived(1, '2020-01-01T00:00:00Z')];
		expect(selectForRetention(clients, null, now)).toEqual({ due: [], upcoming: [] });
	});

	it('selects archived clients past the period, warns about those due within 30 days', () => {
		const clients = [
			archived(1, '2025-11-01T00:00:00Z'), // 12 months ended 2026-11-01: due
			archived(2, '2025-12-10T00:00:00Z'), // due 2026-12-10: upcoming
			archived(3, '2026-06-01T00:00:00Z'), // later
			makeClient({ seed: 4, code: 'ACTIVE', status: 'active', updatedAt: '2020-01-01T00:00:00Z' })
		];
		const s = selectForRetention(clients, 12, now);
		expect(s.due.map((c) => c.client.code)).toEqual(['A-1']);
		expect(s.upcoming.map((c) => c.client.code)).toEqual(['A-2']);
	});

	it('counts from archivedAt, falls back to updatedAt, and handles month ends', () => {
		const legacy = makeClient({ seed: 5, status: 'archived', updatedAt: '2026-05-31T09:00:00Z' });
		const s = selectForRetention([legacy], 6, new Date('2026-11-30T10:00:00Z'));
		expect(s.due).toHaveLength(1);
		expect(s.due[0].dueOn).toBe('2026-11-30T09:00:00.000Z');
	});

	it('never selects a record archived "in the future" (clock set back)', () => {
		const future = archived(6, '2028-01-01T00:00:00Z');
		expect(selectForRetention([future], 6, now)).toEqual({ due: [], upcoming: [] });
	});
});

describe('client mode exit', () => {
	it('from a question goes to the introduction, from the hand-back screen to the caseworker', () => {
		const catalogue = makeCatalogue();
		const now = new Date('2026-11-27T10:00:00Z');
		const asking = makeDraft({ step: 'client', clientIndex: 0 });
		expect(isClientStep(asking)).toBe(true);
		expect(exitClientMode(asking, catalogue, now).step).toBe('intro');
		const handback = makeDraft({ step: 'handback', clientIndex: 0 });
		expect(exitClientMode(handback, catalogue, now).step).toBe('caseworker');
		const result = makeDraft({ step: 'result' });
		expect(exitClientMode(result, catalogue, now)).toBe(result);
	});
});
