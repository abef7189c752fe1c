/**
 * Sealed backups (format 3): the whole device copied verbatim, page by page, with a
 * hash chain sealed by the data key; restored in one transaction, streamed.
 */
import { describe, expect, it } from 'vitest';
import {
	BACKUP_LINE_MAX_BYTES,
	BACKUP_PACK_MAX_ROWS,
	BACKUP_TABLES,
	BackupChain,
	sealBackup,
	type BackupCounts,
	ExchangeError,
	encryptText,
	sealedRowSchemas,
	SealedBackupReader,
	fromBase64,
	SEALED_BACKUP_FORMAT,
	toBase64,
	type ClientId,
	type MeasurementId
} from '$lib/core';
import { backup, clients, keyring, measurements, openDatabase, useDatabase } from '$lib/storage';
import type { FramstegDb } from '$lib/storage/database';
import { everyMeasurementRow } from '$lib/storage/measurement-packs';
import { PLAIN_FIELDS } from '$lib/storage/records';
import { dropKey, requireKey } from '$lib/storage/session';
import { CURRENT_SCHEMA_VERSION } from '$lib/storage/versions';
import { storeStandInKeyring, uniqueDatabaseName, useTestDatabase } from '../../fixtures/database';
import { deviceContent, seedDevice } from '../../fixtures/device';
import { fixedClock, NOW } from '../../fixtures/factories';

const db = useTestDatabase();

/** Every data store as records, sorted by id (see fixtures/device.ts). */
const content = (d: FramstegDb = db()) => deviceContent(d);

/**
 * Every store as stored (meta and audit too), each row as one line of text with
 * bytes as base64: proves a refused file changed nothing (and compares quickly).
 */
async function rawTables(d: FramstegDb = db()) {
	const out: Record<string, string> = {};
	const bytes = (_: string, v: unknown) => (v instanceof Uint8Array ? `b64:${toBase64(v)}` : v);
	for (const table of d.tables)
		out[table.name] = (await table.toArray()).map((r) => JSON.stringify(r, bytes)).join('\n');
	return out;
}

/** The seeded device (fixtures/device.ts), 30 clients and 90 measurements unless told. */
const seed = (o: { clients?: number; measurements?: number } = {}) =>
	seedDevice({ clients: o.clients ?? 30, measurements: o.measurements ?? 90 });

async function lines(file: Blob): Promise<string[]> {
	const text = await file.text();
	expect(text.endsWith('\n')).toBe(true);
	return text.slice(0, -1).split('\n');
}
const join = (ls: string[]) => new Blob([ls.join('\n') + '\n']);
const json = (line: string) => JSON.parse(line) as Record<string, unknown>;

/** What the restore flow does with a chosen file, up to and including the restore. */
async function restoreThroughFlow(file: Blob, secret?: string) {
	if (file.size > 0 && (await backup.backupFormatOf(file)) !== 'sealed')
		throw new Error('not taken for a sealed backup');
	let scanned = await backup.scanBackup(file);
	if (!scanned.sameKey) {
		if (secret === undefined) throw new ExchangeError('needs-backup-secret');
		scanned = await backup.unlockBackup(scanned, secret);
	}
	const preview = await backup.previewSealedRestore(scanned);
	const result = await backup.restoreSealedBackup(scanned);
	return { scanned, preview, result };
}

async function fault(work: () => Promise<unknown>): Promise<string> {
	try {
		await work();
		return 'accepted';
	} catch (e) {
		return e instanceof ExchangeError ? e.fault : `other: ${String(e)}`;
	}
}

describe('sealed backup: the file', () => {
	it('is NDJSON: a header with the keyring and counts, pages of sealed rows, a sealed trailer', async () => {
		const ring = await storeStandInKeyring(db());
		await seed();
		const progress: number[] = [];
		const file = await backup.exportBackup({
			now: fixedClock,
			onProgress: (p) => progress.push(p.done / p.total)
		});
		const [head, ...rest] = await lines(file);
		const header = json(head);
		expect(header).toMatchObject({
			app: 'framsteg',
			kind: 'backup',
			formatVersion: SEALED_BACKUP_FORMAT,
			exportedAt: NOW.toISOString(),
			schemaVersion: CURRENT_SCHEMA_VERSION,
			keyring: ring
		});
		const counts = header.counts as Record<string, number>;
		expect(counts).toMatchObject({ profile: 1, clients: 30, drafts: 1 });
		expect(counts.measurements).toBe(93 - 3); // 90 + 3 demo, minus the deleted client's 3
		expect(counts.tombstones).toBe(4);
		expect(counts.plans).toBe(1);
		const trailer = json(rest.pop()!);
		expect(trailer).toMatchObject({ end: true, pages: rest.length, counts });
		expect(rest.map((l) => json(l).t)).toEqual(
			BACKUP_TABLES.filter((t) => counts[t] > 0) // one page each at this size
		);
		// Rows verbatim: the stored ciphertext, as base64; nothing readable. Measurements
		// come in packs: each sealed value as stored, one after another, cut by `ends`.
		const stored = await db().measurements.toArray();
		const page = json(rest.find((l) => json(l).t === 'measurements')!);
		const packs = page.rows as Record<'ids' | 'clientIds' | 'ends' | 'enc', string>[];
		const byId = new Map<string, { enc: Uint8Array; clientId: string }>(
			stored.map((r) => [r.id, r])
		);
		let packed = 0;
		for (const pack of packs) {
			const bytes = fromBase64(pack.enc);
			const ends = pack.ends.split(',').map(Number);
			const clientIds = pack.clientIds.split(',');
			pack.ids.split(',').forEach((id, n) => {
				expect(toBase64(bytes.subarray(n ? ends[n - 1] : 0, ends[n]))).toBe(
					toBase64(byId.get(id)!.enc)
				);
				expect(clientIds[n]).toBe(byId.get(id)!.clientId);
				packed++;
			});
			// Clients in order, each in one pack.
			expect([...clientIds].sort()).toEqual(clientIds);
		}
		expect(packed).toBe(counts.measurements);
		expect(await file.text()).not.toContain('Anna');
		expect(progress.at(-1)).toBe(1);
	});

	it('leaves out a row stored before encryption that could not be sealed (never plaintext)', async () => {
		await storeStandInKeyring(db());
		await seed();
		await db().clients.put({
			id: 'plain-left-over-1',
			status: 'active',
			code: 'SECRET-CODE'
		} as never);
		const file = await backup.exportBackup();
		expect(await file.text()).not.toContain('SECRET-CODE');
		const { preview } = await restoreThroughFlow(file);
		expect(preview.incoming.clients).toBe(30);
	});

	it('knows a sealed backup from an older one by its first bytes', async () => {
		await storeStandInKeyring(db());
		await seed();
		const legacy = JSON.stringify(await backup.exportLegacyBackup());
		const encrypted = JSON.stringify(await encryptText(legacy, 'en lång fras', 'backup'));
		expect(await backup.backupFormatOf(new Blob([legacy]))).toBe('legacy');
		expect(await backup.backupFormatOf(new Blob([encrypted]))).toBe('legacy');
		expect(await backup.backupFormatOf(new Blob(['not json\n']))).toBe('legacy');
		expect(await backup.backupFormatOf(await backup.exportBackup())).toBe('sealed');
	});

	it("row schemas hold exactly the stores' plain fields", () => {
		for (const [table, fields] of Object.entries(PLAIN_FIELDS)) {
			const shape = Object.keys(sealedRowSchemas[table as keyof typeof PLAIN_FIELDS].shape);
			expect(shape.sort(), table).toEqual([...fields, 'enc'].sort());
		}
		expect(Object.keys(sealedRowSchemas.tombstones.shape).sort()).toEqual([
			'deletedAt',
			'id',
			'table'
		]);
	});
});

describe('sealed backup: restore with the same key', () => {
	it('gives back exactly the same content, rows verbatim, after changes on the device', async () => {
		await storeStandInKeyring(db());
		const { first } = await seed();
		const before = await content();
		const storedBefore = await everyMeasurementRow(db());
		const idsInBackup = new Set(
			Object.entries(before)
				.filter(([table]) => table !== 'tombstones')
				.flatMap(([, rows]) => rows.map((r) => (r as { id: string }).id))
		);
		const file = await backup.exportBackup({ now: fixedClock });
		// Changes after the backup: a new client, a deleted client, a removed draft.
		await clients.putMany([{ ...first, id: 'c0ffee00-0000-4000-8000-0000000000aa' as ClientId }]);
		await clients.remove(first.id);
		await db().drafts.clear();
		expect(await content()).not.toEqual(before);
		const deletedHere = (await db().tombstones.toCollection().primaryKeys()) as string[];

		const { scanned, preview, result } = await restoreThroughFlow(file);
		expect(scanned.sameKey).toBe(true);
		expect(preview).toMatchObject({
			format: SEALED_BACKUP_FORMAT,
			sameKey: true,
			exportedAt: NOW.toISOString(),
			profileName: 'Anna Berg',
			incoming: { clients: 30, drafts: 1, tombstones: 4, plans: 1 },
			current: { clients: 30, drafts: 0 }
		});
		// The client deleted after the backup, with its measurements and draft.
		expect(preview.comingBack).toBe(deletedHere.filter((id) => idsInBackup.has(id)).length);
		expect(preview.comingBack).toBeGreaterThanOrEqual(4);
		expect(result).toEqual({ clients: 30, skipped: 0 });
		expect(await content()).toEqual(before);
		// Verbatim: the very same ciphertexts.
		const storedAfter = (await everyMeasurementRow(db())).sort((a, b) => a.id.localeCompare(b.id));
		// Packed by the restore: the rows sit in packs, not one by one.
		expect(await db().measurements.count()).toBe(0);
		expect(storedAfter).toEqual([...storedBefore].sort((a, b) => a.id.localeCompare(b.id)));
	}, 30_000);

	it('the preview shows what is on the device now for every table the backup holds', async () => {
		await storeStandInKeyring(db());
		const { first } = await seed({ clients: 5, measurements: 10 });
		const file = await backup.exportBackup({ now: fixedClock });
		// After the backup: one more deletion (a tombstone for the client and each measurement).
		await clients.remove(first.id, { now: fixedClock });
		const tables = [
			'clients',
			'measurements',
			'drafts',
			'tombstones',
			'plans',
			'interventions',
			'caseworkerChanges'
		] as const;
		const onDevice = Object.fromEntries(
			await Promise.all(tables.map(async (t) => [t, await db().table(t).count()] as const))
		);
		const preview = await backup.previewSealedRestore(await backup.scanBackup(file));
		expect(preview.current).toEqual(onDevice);
		// The demo data brings an action plan, interventions and a caseworker change.
		expect(preview.current.plans).toBe(1);
		expect(preview.current.interventions).toBeGreaterThan(0);
		expect(preview.current.caseworkerChanges).toBeGreaterThan(0);
		expect(preview.current.tombstones).toBeGreaterThan(preview.incoming.tombstones);
	}, 30_000);

	it('runs over many pages, cuts pages at 2000 rows and packs measurements by client', async () => {
		await storeStandInKeyring(db());
		await seed({ clients: 2100, measurements: 2500 });
		const before = await content();
		const file = await backup.exportBackup();
		const [head, ...rest] = (await lines(file)).map((l) => json(l));
		const pages = rest.slice(0, -1);
		const rowsOf = (t: string) => pages.filter((p) => p.t === t).map((p) => p.rows as []);
		expect(rowsOf('clients').map((r) => r.length)).toEqual([2000, 2100 + 1 - 1 - 2000]);
		// Measurements in packs of whole clients, at most BACKUP_PACK_MAX_ROWS each.
		const packs = rowsOf('measurements').flat() as { ids: string; clientIds: string }[];
		const sizes = packs.map((p) => p.ids.split(',').length);
		expect(sizes.reduce((a, b) => a + b)).toBe(
			(head.counts as Record<string, number>).measurements
		);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(BACKUP_PACK_MAX_ROWS);
		const clientRuns = packs.map((p) => [...new Set(p.clientIds.split(','))]);
		expect(new Set(clientRuns.flat()).size).toBe(clientRuns.flat().length);
		await db().measurements.clear();
		const progress: number[] = [];
		const scanned = await backup.scanBackup(file);
		await backup.restoreSealedBackup(scanned, { onProgress: (p) => progress.push(p.done) });
		expect(progress.length).toBe(pages.length);
		expect(await content()).toEqual(before);
	}, 60_000);
});

describe('sealed backup: from an older schema', () => {
	it('a backup made at schema 4 (before v5 dropped an index) restores the same content', async () => {
		await storeStandInKeyring(db());
		await seed();
		const before = await content();
		// The same file as a schema-4 build wrote it: only the header says so, and the
		// chain and seal are made again over the changed header, as that build did.
		const [head, ...rest] = await lines(await backup.exportBackup({ now: fixedClock }));
		const header = json(head);
		expect(header.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
		header.schemaVersion = 4;
		const trailer = json(rest.pop()!);
		const older = [JSON.stringify(header), ...rest];
		const chain = new BackupChain();
		for (const line of older) await chain.add(new TextEncoder().encode(line));
		trailer.seal = await sealBackup(requireKey(), header.backupId as string, {
			hash: toBase64(chain.bytes()),
			pages: trailer.pages as number,
			counts: trailer.counts as BackupCounts
		});
		await db().measurements.clear();
		const { result } = await restoreThroughFlow(join([...older, JSON.stringify(trailer)]));
		expect(result.skipped).toBe(0);
		expect(await content()).toEqual(before);
		// Found through the index the queries use.
		const anyClient = (before.clients[0] as { id: ClientId }).id;
		expect((await measurements.listForClient(anyClient)).length).toBe(
			before.measurements.filter((m) => (m as { clientId: string }).clientId === anyClient).length
		);
	}, 30_000);
});

describe('sealed backup: restore on a device with another key', () => {
	it("asks for the backup's passphrase or recovery key, then re-seals every row", async () => {
		const { recoveryKey } = await keyring.create('första enhetens lösenfras');
		await seed();
		const before = await content();
		// A damaged row on the first device: copied as it is, left out on the other key.
		await db().measurements.put({
			...(await db().measurements.toCollection().first())!,
			id: 'damaged-row-0001' as MeasurementId,
			enc: crypto.getRandomValues(new Uint8Array(64))
		});
		const file = await backup.exportBackup();
		dropKey();

		const other = openDatabase(uniqueDatabaseName());
		useDatabase(other);
		try {
			await keyring.create('andra enhetens lösenfras');
			const scanned = await backup.scanBackup(file);
			expect(scanned.sameKey).toBe(false);
			expect(scanned.key).toBeUndefined();
			expect(await fault(() => backup.previewSealedRestore(scanned))).toBe('needs-backup-secret');
			expect(await fault(() => backup.unlockBackup(scanned, 'andra enhetens lösenfras'))).toBe(
				'wrong-backup-secret'
			);
			expect(
				await fault(() => backup.unlockBackup(scanned, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH'))
			).toBe('wrong-backup-secret');
			expect(await rawTables(other)).toMatchObject({ clients: '', measurements: '' });
			// The recovery key opens it, as does the passphrase.
			const byRecovery = await backup.unlockBackup(scanned, recoveryKey.toLowerCase());
			expect(byRecovery.key).toBeDefined();
			const unlocked = await backup.unlockBackup(scanned, 'första enhetens lösenfras');
			const preview = await backup.previewSealedRestore(unlocked);
			expect(preview).toMatchObject({ sameKey: false, profileName: 'Anna Berg' });
			const result = await backup.restoreSealedBackup(unlocked);
			expect(result.skipped).toBe(1);
			expect(await content(other)).toEqual(before);
			// Sealed with this device's key now: the app reads them.
			expect((await clients.list()).length).toBe(30);
		} finally {
			dropKey();
			useDatabase(db());
			await other.delete();
		}
	}, 60_000);
});

describe('sealed backup: hostile and damaged files', () => {
	it('each is refused with its message key and the database is unchanged', async () => {
		await storeStandInKeyring(db());
		// More than a page of clients (2000 rows a page); the measurements in packs.
		await seed({ clients: 2100, measurements: 2500 });
		const good = await backup.exportBackup();
		const ls = await lines(good);
		const last = ls.length - 1;
		const pageAt = (table: string) => ls.findIndex((l, n) => n > 0 && json(l).t === table);
		const m1 = pageAt('measurements');
		const c1 = pageAt('clients');
		const edit = (n: number, change: (v: Record<string, unknown>) => void) => {
			const copy = [...ls];
			const value = json(copy[n]);
			change(value);
			copy[n] = JSON.stringify(value);
			return join(copy);
		};
		/** The first measurement pack changed (as JSON, its `enc` still last). */
		const editPack = (change: (p: Record<string, string>) => void) =>
			edit(m1, (page) => {
				const [first, ...more] = page.rows as Record<string, string>[];
				const { enc, ...plain } = first;
				change(plain);
				page.rows = [{ ...plain, enc }, ...more];
			});
		const without = (n: number) => join(ls.filter((_, i) => i !== n));
		const swap = (a: number, b: number) => {
			const copy = [...ls];
			[copy[a], copy[b]] = [copy[b], copy[a]];
			return join(copy);
		};
		const flip = (n: number) => {
			const copy = [...ls];
			const at = copy[n].indexOf('"enc":"') + 20;
			const c = copy[n][at];
			copy[n] = copy[n].slice(0, at) + (c === 'A' ? 'B' : 'A') + copy[n].slice(at + 1);
			return join(copy);
		};
		const text = await good.text();
		const bytes = new TextEncoder().encode(text);
		const cases: [string, Blob, string][] = [
			['truncated at a line end', join(ls.slice(0, m1 + 1)), 'damaged'],
			// The preview reads the trailer from the file's end, where a cut file has none.
			['truncated mid-line', new Blob([bytes.subarray(0, bytes.length >> 1)]), 'damaged'],
			[
				'truncated within the trailer',
				new Blob([bytes.subarray(0, bytes.length - 20)]),
				'not-json'
			],
			['a changed byte in a page', flip(m1), 'damaged'],
			['pages of one table reordered', swap(c1, c1 + 1), 'damaged'],
			['pages of two tables reordered', swap(c1, m1), 'damaged'],
			['a page repeated', join([...ls.slice(0, m1 + 1), ls[m1], ...ls.slice(m1 + 1)]), 'damaged'],
			['a page dropped', without(m1), 'damaged'],
			[
				'header counts edited',
				edit(0, (h) => ((h.counts as Record<string, number>).clients += 1)),
				'damaged'
			],
			[
				'header and trailer counts edited alike',
				join(
					ls.map((l, n) => {
						if (n !== 0 && n !== last) return l;
						const v = json(l);
						(v.counts as Record<string, number>).drafts = 0;
						return JSON.stringify(v);
					})
				),
				'damaged'
			],
			['trailer removed', without(last), 'damaged'],
			['a line after the trailer', join([...ls, ls[m1]]), 'damaged'],
			['a blank line', join([...ls.slice(0, 2), '', ...ls.slice(2)]), 'schema'],
			['an unknown table', edit(c1, (p) => (p.t = 'audit')), 'schema'],
			[
				'a row with an extra field',
				edit(c1, (p) => ((p.rows as object[])[0] = { ...(p.rows as object[])[0], code: 'X' })),
				'schema'
			],
			[
				'a row with an extra field before its enc',
				edit(c1, (p) => ((p.rows as object[])[0] = { code: 'X', ...(p.rows as object[])[0] })),
				'schema'
			],
			[
				'a row without enc',
				edit(c1, (p) => delete (p.rows as Record<string, unknown>[])[0].enc),
				'schema'
			],
			[
				'an oversized enc',
				edit(c1, (p) => ((p.rows as Record<string, unknown>[])[0].enc = 'A'.repeat(300_000))),
				'schema'
			],
			[
				'too many rows in a page',
				edit(c1, (p) => (p.rows as unknown[]).push(...(p.rows as unknown[]).slice(0, 1))),
				'schema'
			],
			['a pack whose ends miss its bytes', editPack((p) => (p.ends += '0')), 'schema'],
			[
				'a pack with an id fewer than clients',
				editPack((p) => (p.ids = p.ids.split(',').slice(1).join(','))),
				'schema'
			],
			[
				'a pack with a day that does not exist',
				editPack((p) => (p.takenOns = p.takenOns.replace(/^\d{4}-\d{2}-\d{2}/, '2025-02-30'))),
				'schema'
			],
			[
				'a pack with an unknown demo mark',
				editPack((p) => (p.demo = `x${p.demo.slice(1)}`)),
				'schema'
			],
			['a pack with a field more', editPack((p) => (p.code = 'X')), 'schema'],
			['a pack in a file of format 3', edit(0, (h) => (h.formatVersion = 3)), 'schema'],
			[
				'an oversized line',
				join([ls[0], 'x'.repeat(BACKUP_LINE_MAX_BYTES + 1), ...ls.slice(1)]),
				'schema'
			],
			[
				'a line that is not JSON',
				join([ls[0], '{"t":"clients","rows":[', ...ls.slice(1)]),
				'not-json'
			],
			[
				'a forbidden key',
				join([ls[0], '{"t":"clients","rows":[{"__proto__":{"x":1}}]}', ...ls.slice(1)]),
				'forbidden-key'
			],
			['a header that is not Framsteg', edit(0, (h) => (h.app = 'other')), 'not-framsteg'],
			['a header of another kind', edit(0, (h) => (h.kind = 'client')), 'wrong-kind'],
			[
				'a newer format',
				edit(0, (h) => (h.formatVersion = SEALED_BACKUP_FORMAT + 1)),
				'newer-version'
			],
			['a newer database schema', edit(0, (h) => (h.schemaVersion = 99)), 'newer-version'],
			[
				'an older database schema without migration',
				edit(0, (h) => (h.schemaVersion = 3)),
				'schema'
			],
			['a header without keyring', edit(0, (h) => delete h.keyring), 'schema'],
			['a seal that is not base64', edit(last, (t) => (t.seal = '***')), 'schema'],
			['an empty file', new Blob([]), 'empty']
		];
		const before = await rawTables();
		const results: string[] = [];
		for (const [name, file] of cases) {
			const got = await fault(() => restoreThroughFlow(file));
			results.push(`${name}: ${got}`);
		}
		expect(results).toEqual(cases.map(([name, , expected]) => `${name}: ${expected}`));
		expect(await rawTables()).toEqual(before);
		// And the untouched file restores.
		expect((await restoreThroughFlow(good)).result.clients).toBe(2100);
	}, 120_000);

	it('a wrong passphrase for a backup of another key is refused, nothing changed', async () => {
		await keyring.create('första enhetens lösenfras');
		await seed();
		const file = await backup.exportBackup();
		dropKey();
		const other = openDatabase(uniqueDatabaseName());
		useDatabase(other);
		try {
			await keyring.create('andra enhetens lösenfras');
			const before = await rawTables(other);
			expect(await fault(() => restoreThroughFlow(file, 'fel lösenfras 123'))).toBe(
				'wrong-backup-secret'
			);
			expect(await rawTables(other)).toEqual(before);
		} finally {
			dropKey();
			useDatabase(db());
			await other.delete();
		}
	}, 60_000);

	it('refuses a file over the size cap before reading it', () => {
		const source = { size: 401 * 1024 * 1024, chunks: () => ({ read: async () => undefined }) };
		expect(() => new SealedBackupReader(source, { currentSchemaVersion: 4 })).toThrow(
			new ExchangeError('too-large')
		);
	});
});

describe('sealed backup: an interrupted restore changes nothing', () => {
	it('a failure mid-way aborts the one transaction', async () => {
		await storeStandInKeyring(db());
		await seed({ clients: 250, measurements: 2500 });
		const file = await backup.exportBackup();
		await clients.putMany([
			{ ...(await clients.list())[0], id: 'c0ffee00-0000-4000-8000-0000000000bb' as ClientId }
		]);
		const before = await rawTables();
		const scanned = await backup.scanBackup(file);
		let pages = 0;
		await expect(
			backup.restoreSealedBackup(scanned, {
				onProgress: () => {
					if (++pages === 3) throw new Error('the tab was closed');
				}
			})
		).rejects.toThrow();
		expect(await rawTables()).toEqual(before);
	}, 60_000);

	it('a file that changed after its preview is refused mid-restore, nothing changed', async () => {
		await storeStandInKeyring(db());
		await seed();
		const file = await backup.exportBackup();
		const scanned = await backup.scanBackup(file);
		await clients.putMany([
			{ ...(await clients.list())[0], id: 'c0ffee00-0000-4000-8000-0000000000cc' as ClientId }
		]);
		const changed = await backup.exportBackup();
		const before = await rawTables();
		// The same backup id, other content: as if the file on disk were replaced.
		const ls = await lines(changed);
		const header = json(ls[0]);
		header.backupId = scanned.header.backupId;
		ls[0] = JSON.stringify(header);
		expect(await fault(() => backup.restoreSealedBackup({ ...scanned, file: join(ls) }))).toBe(
			'damaged'
		);
		expect(await rawTables()).toEqual(before);
	});
});
