import { beforeEach, describe, expect, it } from 'vitest';
import { randomId, SecurityError, type ClientId } from '$lib/core';
import { audit, clients, drafts, keyring, measurements, profile } from '$lib/storage';
import { dropKey } from '$lib/storage/session';
import { opened, useTestDatabase } from '../../fixtures/database';
import {
	makeClient,
	makeClientInput,
	makeDraft,
	makeMeasurement,
	makeProfile
} from '../../fixtures/factories';

const db = useTestDatabase();
const PASS = 'korrekt häst batteri';
const MARKERS = ['MARKÖR-KOD-7', 'Hemlig anteckning om hälsan', 'Mål: orka handla själv'];

/** Every stored byte of every table, as text, to search for plaintext. */
async function everythingStored(): Promise<string> {
	const parts: string[] = [];
	for (const table of db().tables) {
		for (const row of await table.toArray()) {
			parts.push(
				JSON.stringify(row, (_k, v) =>
					v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v
				)
			);
		}
	}
	return parts.join('\n');
}

async function fault(promise: Promise<unknown>): Promise<string | undefined> {
	const e = await promise.then(
		() => undefined,
		(error: unknown) => error
	);
	return e instanceof SecurityError ? e.fault : (e as { fault?: string })?.fault;
}

describe('keyring and lock (C1, C2, C4, C8)', () => {
	beforeEach(() => dropKey());

	it('before set-up there is no keyring; create unlocks; lock drops the key', async () => {
		expect(await keyring.state()).toBe('none');
		const { recoveryKey } = await keyring.create(PASS);
		expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
		expect(await keyring.state()).toBe('unlocked');
		const me = await profile.save({ name: 'Anna Berg', unit: 'Jobbtorget' });
		const client = await clients.create(makeClientInput({ code: 'K-1' }), me);
		keyring.lock();
		expect(await keyring.state()).toBe('locked');
		// C2: decrypting fails while locked, for reads and writes alike.
		expect(await fault(clients.get(client.id))).toBe('locked');
		expect(await fault(clients.create(makeClientInput({ code: 'K-2' }), me))).toBe('locked');
		await keyring.unlock(PASS);
		expect((await clients.get(client.id))?.code).toBe('K-1');
	});

	it('C1: the database holds no personal text, only ids, dates, status and ciphertext', async () => {
		await keyring.create(PASS);
		const me = await profile.save({ name: MARKERS[0], unit: MARKERS[1] });
		const client = await clients.create(makeClientInput({ code: MARKERS[0] }), me);
		await measurements.putMany([
			makeMeasurement({ clientId: client.id, caseworkerId: me.id, note: MARKERS[1] })
		]);
		await drafts.save(makeDraft({ clientId: client.id, caseworkerId: me.id, note: MARKERS[1] }));
		await audit.record('view', { clientId: client.id });
		keyring.lock();
		const stored = await everythingStored();
		for (const marker of MARKERS) expect(stored).not.toContain(marker);
		// Index fields are ids, dates, status and flags only.
		const row = (await db().clients.toArray())[0] as Record<string, unknown>;
		expect(Object.keys(row).sort()).toEqual(
			['caseworkerId', 'enc', 'id', 'isDemo', 'status', 'updatedAt'].sort()
		);
	});

	it('C8: wrong passphrases are counted on the device and slow down the next try', async () => {
		await keyring.create(PASS);
		keyring.lock();
		const t0 = new Date('2026-11-27T10:00:00Z');
		const at = (ms: number) => () => new Date(t0.getTime() + ms);
		for (let i = 0; i < 3; i++)
			expect(await fault(keyring.unlock('fel', { now: at(0) }))).toBe('wrong-secret');
		// After three failures the next try must wait 2 s, even with the right passphrase.
		expect(await fault(keyring.unlock(PASS, { now: at(500) }))).toBe('too-many-attempts');
		expect(await keyring.waitMs({ now: at(500) })).toBe(1500);
		expect(await fault(keyring.unlock('fel', { now: at(2100) }))).toBe('wrong-secret');
		expect(await keyring.waitMs({ now: at(2100) })).toBe(4000);
		await keyring.unlock(PASS, { now: at(7000) });
		expect(await keyring.attempts()).toEqual({ failures: 0, lastFailureAt: null });
	}, 30_000);

	it('C4: changing the passphrase touches no record; the recovery key still unlocks', async () => {
		const { recoveryKey } = await keyring.create(PASS);
		const me = await profile.save({ name: 'Anna', unit: '' });
		await clients.create(makeClientInput({ code: 'K-1' }), me);
		const before = await db().clients.toArray();
		await keyring.changePassphrase(PASS, 'en helt ny lösenfras');
		expect(await db().clients.toArray()).toEqual(before);
		keyring.lock();
		expect(await fault(keyring.unlock(PASS))).toBe('wrong-secret');
		await keyring.unlock('en helt ny lösenfras');
		keyring.lock();
		// Lost passphrase: the recovery key unlocks and sets a new one.
		await keyring.recover(recoveryKey, 'tredje lösenfrasen här');
		expect((await clients.list()).map((c) => c.code)).toEqual(['K-1']);
		keyring.lock();
		await keyring.unlock('tredje lösenfrasen här');
	}, 30_000);

	it('a new passphrase that breaks the rule is refused before the secret is tried (no wrong try counted)', async () => {
		const { recoveryKey } = await keyring.create(PASS);
		keyring.lock();
		// The recovery key is wrong too: only the short passphrase may be reported.
		expect(await fault(keyring.recover('0000-0000-0000-0000-0000-0000-0000-0000', 'kort'))).toBe(
			'passphrase-too-short'
		);
		expect(await keyring.attempts()).toEqual({ failures: 0, lastFailureAt: null });
		await keyring.unlock(PASS);
		expect(await fault(keyring.changePassphrase('fel lösenfras här', 'kort'))).toBe(
			'passphrase-too-short'
		);
		expect(await keyring.attempts()).toEqual({ failures: 0, lastFailureAt: null });
		// With a valid new passphrase the same recovery key works.
		keyring.lock();
		await keyring.recover(recoveryKey, 'en giltig ny lösenfras');
	}, 30_000);

	it('encrypts rows stored before encryption existed, keeping their content', async () => {
		const me = makeProfile();
		// Rows as a version-3 build wrote them: plaintext.
		const client = makeClient({ seed: 9, code: 'GAMMAL-1', caseworkerId: me.id });
		const measurement = makeMeasurement({
			clientId: client.id,
			caseworkerId: me.id,
			note: 'gammal'
		});
		await db().profile.put(me as never);
		await db().clients.put(client as never);
		await db().measurements.put(measurement as never);
		await keyring.create(PASS);
		for (const table of ['profile', 'clients', 'measurements'] as const) {
			for (const row of await db().table(table).toArray()) expect(row).toHaveProperty('enc');
		}
		expect(await opened('clients', await db().clients.toArray())).toEqual([client]);
		expect(await measurements.listForClient(client.id)).toEqual([measurement]);
		expect(await everythingStored()).not.toContain('GAMMAL-1');
	});
});

describe('audit log (C9)', () => {
	it('records entries in a chain that checks out, and detects a removed or edited entry', async () => {
		const client = randomId() as ClientId;
		for (const action of ['unlock', 'view', 'edit', 'export', 'print'] as const)
			await audit.record(action, { clientId: action === 'unlock' ? null : client });
		const log = await audit.read();
		expect(log.check).toEqual({ ok: true, count: 5 });
		expect(log.entries.map((e) => e.action)).toEqual(['unlock', 'view', 'edit', 'export', 'print']);
		expect(log.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);

		await db().audit.delete(3);
		expect((await audit.read()).check).toMatchObject({ ok: false, brokenAtSeq: 3 });
	});

	it('detects an edited time and a cut tail', async () => {
		for (let i = 0; i < 4; i++) await audit.record('view');
		const row = await db().audit.get(2);
		await db().audit.put({ ...row!, at: '2020-01-01T00:00:00.000Z' });
		expect((await audit.read()).check).toMatchObject({ ok: false });
		await db().audit.put(row!);
		expect((await audit.read()).check).toMatchObject({ ok: true });
		await db().audit.delete(4);
		expect((await audit.read()).check).toMatchObject({ ok: false, reason: 'head' });
	});

	it('keeps the chain whole under concurrent appends', async () => {
		await Promise.all(Array.from({ length: 12 }, () => audit.record('view')));
		const log = await audit.read();
		expect(log.check).toEqual({ ok: true, count: 12 });
	});
});

describe('retention delete (D3)', () => {
	it('removes clients with everything that belongs to them in one step, leaving only tombstones', async () => {
		const me = await profile.save({ name: 'Anna', unit: '' });
		const gone = await clients.create(makeClientInput({ code: 'GALLRAS' }), me);
		const kept = await clients.create(makeClientInput({ code: 'KVAR', seed: 2 }), me);
		await measurements.putMany([
			makeMeasurement({ clientId: gone.id, caseworkerId: me.id }),
			makeMeasurement({ seed: 2, clientId: kept.id, caseworkerId: me.id })
		]);
		await drafts.save(makeDraft({ clientId: gone.id, caseworkerId: me.id }));
		expect(await clients.removeMany([gone.id])).toBe(1);
		expect((await clients.list()).map((c) => c.code)).toEqual(['KVAR']);
		for (const table of ['measurements', 'drafts', 'plans', 'interventions', 'caseworkerChanges']) {
			const rows = (await db().table(table).toArray()) as { clientId: string }[];
			expect(rows.filter((r) => r.clientId === gone.id)).toEqual([]);
		}
		const tombstones = await db().tombstones.toArray();
		expect(tombstones.map((t) => t.table).sort()).toEqual(['clients', 'drafts', 'measurements']);
		expect(JSON.stringify(tombstones)).not.toContain('GALLRAS');
	});
});
