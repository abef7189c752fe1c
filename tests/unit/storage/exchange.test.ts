import { describe, expect, it } from 'vitest';
import {
	CURRENT_CATALOGUE,
	decodeFile,
	encryptText,
	ExchangeError,
	generateClientHistory,
	itemsFor,
	parseBackupFile,
	parseClientFile,
	type ClientFile,
	type MeasurementId
} from '$lib/core';
import { backup, clients, drafts, exchange, measurements, profile } from '$lib/storage';
import type { FramstegDb } from '$lib/storage/database';
import { opened, sealedRow, useTestDatabase } from '../../fixtures/database';
import { fixedClock, makeDraft, makeProfile, NOW, TODAY } from '../../fixtures/factories';
import { hostileFiles, writeHostileFiles } from '../../fixtures/hostile-files';

const db = useTestDatabase();

/**
 * Every row of every table, opened, to prove that a refused import changed nothing
 * and that a restore brings back the same content (ciphertexts differ: fresh IVs).
 */
async function snapshot(d: FramstegDb) {
	const out: Record<string, unknown[]> = {};
	for (const table of d.tables) out[table.name] = await opened(table.name, await table.toArray());
	return out;
}

async function seedClient(seed: number, count: number) {
	const me = makeProfile();
	const { client, measurements: ms } = generateClientHistory({
		catalogue: CURRENT_CATALOGUE,
		caseworkerId: me.id,
		now: NOW,
		seed,
		measurementCount: count,
		isDemo: false
	});
	await db().clients.add(await sealedRow('clients', client));
	await measurements.putMany(ms.map((m, i) => ({ ...m, note: i ? `Not ${seed}` : '' })));
	return client;
}

/** Export → JSON text → (optionally encrypted) → decode → validate, as the app does. */
async function throughFile(file: ClientFile, passphrase?: string) {
	const text = JSON.stringify(file);
	const wire = passphrase ? JSON.stringify(await encryptText(text, passphrase, 'client')) : text;
	return parseClientFile(await decodeFile(wire, 'client', passphrase), { today: TODAY });
}

describe('hand-over export → import', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8])(
		'seed %i: importing into an empty device gives back exactly the same records',
		async (seed) => {
			const client = await seedClient(seed, 1 + (seed % 5));
			const exported = await exchange.exportClient(client.id, { now: fixedClock });
			const before = await measurements.listForClient(client.id);
			await clients.remove(client.id);
			// A different device: fresh database.
			const { openDatabase, useDatabase } = await import('$lib/storage');
			const other = openDatabase(`other-${crypto.randomUUID()}`);
			useDatabase(other);
			try {
				const file = await throughFile(exported);
				const plan = await exchange.previewClientImport(file);
				expect(plan.clientAction).toBe('create');
				expect(plan.toAdd).toHaveLength(before.length);
				await exchange.applyClientImport(plan);
				expect(await clients.get(client.id)).toEqual(client);
				expect(await measurements.listForClient(client.id)).toEqual(before);
				expect(await exchange.exportClient(client.id, { now: fixedClock })).toEqual(exported);
			} finally {
				await other.delete();
				useDatabase(db());
			}
		}
	);

	it('round-trips through an encrypted file', async () => {
		const client = await seedClient(11, 2);
		const exported = await exchange.exportClient(client.id, { now: fixedClock });
		expect(await throughFile(exported, 'en lång lösenfras')).toEqual(exported);
	});

	it('merges into an existing client: new added, identical skipped, conflicts listed and kept', async () => {
		const client = await seedClient(12, 3);
		const file = await exchange.exportClient(client.id, { now: fixedClock });
		const [first, second] = file.measurements;
		const extra = { ...second, id: 'extra-0000-1' as MeasurementId, takenOn: TODAY };
		await db().measurements.put(
			await sealedRow('measurements', { ...first, note: 'ändrad lokalt' })
		);
		const plan = await exchange.previewClientImport({
			...file,
			measurements: [...file.measurements, extra]
		});
		expect(plan.clientAction).toBe('existing');
		expect(plan.conflicts.map((c) => c.id)).toEqual([first.id]);
		expect(plan.identical).toHaveLength(2);
		expect(plan.toAdd.map((m) => m.id)).toEqual([extra.id]);
		await exchange.applyClientImport(plan);
		expect((await measurements.get(first.id))?.note).toBe('ändrad lokalt');
		expect(await measurements.get(extra.id)).toEqual(extra);
	});

	it('tombstones: a deleted measurement stays deleted, a deleted client is refused', async () => {
		const client = await seedClient(13, 2);
		const file = await exchange.exportClient(client.id, { now: fixedClock });
		await measurements.remove(file.measurements[0].id);
		const plan = await exchange.previewClientImport(file);
		expect(plan.deleted).toEqual([file.measurements[0].id]);
		await exchange.applyClientImport(plan);
		expect(await measurements.get(file.measurements[0].id)).toBeUndefined();
		await clients.remove(client.id);
		await expect(exchange.previewClientImport(file)).rejects.toThrow(
			new ExchangeError('deleted-client')
		);
	});

	it('writes nothing when the data changed since the preview', async () => {
		const client = await seedClient(14, 2);
		const file = await exchange.exportClient(client.id, { now: fixedClock });
		await clients.remove(client.id);
		await db().tombstones.clear();
		const plan = await exchange.previewClientImport(file);
		await db().measurements.put(await sealedRow('measurements', file.measurements[1]));
		const before = await snapshot(db());
		await expect(exchange.applyClientImport(plan)).rejects.toThrow(
			new ExchangeError('changed-since-preview')
		);
		expect(await snapshot(db())).toEqual(before);
	});
});

describe('older backups (format 1): backup → restore', () => {
	it('restoring into a fresh database gives exactly the same data', async () => {
		await profile.save({ name: 'Anna Berg', unit: 'Väst' }, { now: fixedClock });
		const a = await seedClient(21, 3);
		await seedClient(22, 2);
		const gone = await seedClient(23, 1);
		await clients.remove(gone.id, { now: fixedClock });
		await drafts.save(makeDraft({ clientId: a.id }));
		const original = await backup.exportLegacyBackup({ now: fixedClock });
		const tables = await snapshot(db());
		expect(original.tombstones.length).toBeGreaterThan(0);
		expect(original.drafts).toHaveLength(1);

		const { openDatabase, useDatabase } = await import('$lib/storage');
		const fresh = openDatabase(`fresh-${crypto.randomUUID()}`);
		useDatabase(fresh);
		try {
			const text = JSON.stringify(
				await encryptText(JSON.stringify(original), 'pass phrase!', 'backup')
			);
			const file = parseBackupFile(await decodeFile(text, 'backup', 'pass phrase!'), {
				today: TODAY
			});
			const preview = await backup.previewRestore(file);
			expect(preview.incoming).toMatchObject({
				clients: 2,
				measurements: 5,
				drafts: 1,
				tombstones: 2
			});
			expect(preview.current.clients).toBe(0);
			await backup.restoreBackup(file);
			expect(await backup.exportLegacyBackup({ now: fixedClock })).toEqual(original);
			const restored = await snapshot(fresh);
			delete restored.meta;
			delete tables.meta;
			const sortById = (t: Record<string, unknown[]>) =>
				Object.fromEntries(
					Object.entries(t).map(([k, rows]) => [
						k,
						[...rows].sort((x, y) =>
							String((x as { id: string }).id).localeCompare(String((y as { id: string }).id))
						)
					])
				);
			expect(sortById(restored)).toEqual(sortById(tables));
		} finally {
			await fresh.delete();
			useDatabase(db());
		}
	});

	it('the preview counts records deleted here that the restore would bring back', async () => {
		const c = await seedClient(31, 1);
		const file = await backup.exportLegacyBackup({ now: fixedClock });
		await clients.remove(c.id);
		const preview = await backup.previewRestore(file);
		expect(preview.comingBack).toBe(2);
	});
});

describe('hostile files', () => {
	it('each is refused with its message key and the database is unchanged', async () => {
		const client = await seedClient(41, 2);
		const valid = await exchange.exportClient(client.id, { now: fixedClock });
		await clients.remove(client.id);
		await db().tombstones.clear();
		const passphrase = 'rätt lösenfras';
		const files = await hostileFiles({
			plain: JSON.parse(JSON.stringify(valid)),
			encrypted: await encryptText(JSON.stringify(valid), passphrase, 'client'),
			passphrase,
			encrypt: (t, p) => encryptText(t, p, 'client'),
			clientItems: itemsFor(CURRENT_CATALOGUE, 'client').map((i) => i.id),
			caseworkerItems: itemsFor(CURRENT_CATALOGUE, 'caseworker').map((i) => i.id)
		});
		writeHostileFiles('reports/hostile-files', files);
		expect(files.length).toBeGreaterThan(100);
		const before = await snapshot(db());
		const results: string[] = [];
		for (const f of files) {
			let got = 'accepted';
			try {
				const value = await decodeFile(f.text, 'client', f.passphrase);
				const file = parseClientFile(value, { today: TODAY });
				await exchange.applyClientImport(await exchange.previewClientImport(file));
			} catch (e) {
				got =
					e instanceof ExchangeError
						? e.messageKey === `exchange:errors.${e.fault}`
							? e.fault
							: `${e.fault} (${e.messageKey})`
						: `other: ${String(e)}`;
			}
			results.push(`${f.name}: ${got}`);
		}
		expect(results).toEqual(
			files.map((f) => `${f.name}: ${f.fault}${f.message ? ` (exchange:errors.${f.message})` : ''}`)
		);
		expect(await snapshot(db())).toEqual(before);
		// The valid file itself is accepted: the variants fail for their one spoiled thing.
		const ok = parseClientFile(await decodeFile(JSON.stringify(valid), 'client', undefined), {
			today: TODAY
		});
		expect(ok).toEqual(valid);
	}, 120_000);
});
