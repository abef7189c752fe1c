/**
 * Measurement packs (schema v6): a sealed backup's measurements are restored as
 * packs of whole clients, and every reader takes packed and saved rows alike.
 * Each reader is compared with what it gave on the same data before the
 * backup, when every measurement was a row of its own.
 */
import { describe, expect, it, vi } from 'vitest';
import {
	ExchangeError,
	type Client,
	type ClientId,
	type DraftId,
	type Measurement,
	type MeasurementId
} from '$lib/core';
import {
	backup,
	clients,
	demo,
	drafts,
	exchange,
	measurements,
	register,
	statistics
} from '$lib/storage';
import type { FramstegDb } from '$lib/storage/database';
import {
	everyMeasurementRow,
	bucketOf,
	findInPack,
	idPrint,
	MeasurementPacker,
	PackDirectoryBuilder,
	packThatMayHold,
	packOf,
	PACK_ROWS,
	rowsOf,
	type Pack,
	type PackSummaryRow
} from '$lib/storage/measurement-packs';
import type { MeasurementRow } from '$lib/storage/records';
import { storeStandInKeyring, useTestDatabase } from '../../fixtures/database';
import {
	answersFor,
	fixedClock,
	idSource,
	makeFinishedDraft,
	makeMeasurement
} from '../../fixtures/factories';
import { deviceContent, seedDevice } from '../../fixtures/device';

const db = useTestDatabase();

const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
	[...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Every data store as records, sorted by id (see fixtures/device.ts). */
const content = (d: FramstegDb = db()) => deviceContent(d);

/** What the restore flow does with a chosen file (same key), up to and including the restore. */
async function restoreThroughFlow(file: Blob) {
	const scanned = await backup.scanBackup(file);
	expect(scanned.sameKey).toBe(true);
	await backup.previewSealedRestore(scanned);
	return backup.restoreSealedBackup(scanned);
}

/** A finished conversation for a client, ready to save. */
const finishedDraft = (clientId: ClientId, seed: number) =>
	makeFinishedDraft({ seed, clientId, note: 'Efter återställningen' });

const CLIENTS = 60;
const MEASUREMENTS = 600;
const STATS_KEYS = 5;

/**
 * A device with 60 clients and 600 measurements (more than two packs' worth),
 * demo data, a draft and a deleted client, all as rows of their own.
 */
async function seed() {
	return seedDevice({ clients: CLIENTS, measurements: MEASUREMENTS });
}

/** What every reader gives now. */
async function snapshot() {
	const ids = (await db().clients.toCollection().primaryKeys()) as ClientId[];
	const lists = new Map<string, Measurement[]>();
	for (const id of ids) lists.set(id, await measurements.listForClient(id));
	const research = await exchange.researchData();
	return {
		ids,
		lists,
		dates: await measurements.datesByClient(),
		details: await register.details(ids),
		count: await measurements.countAll(db()),
		drafted: await drafts.clientIdsWithDrafts(),
		stats: await statistics.deviceRecords({ newKey: idSource(STATS_KEYS) }),
		research: { clients: byId(research.clients), measurements: byId(research.measurements) },
		content: await content()
	};
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** A sealed backup of this device, restored: its measurements end up in packs. */
async function backupAndRestore(): Promise<Blob> {
	const file = await backup.exportBackup({ now: fixedClock });
	const result = await restoreThroughFlow(file);
	expect(result.skipped).toBe(0);
	expect(await db().measurements.count()).toBe(0);
	expect(await db().measurementPacks.count()).toBeGreaterThan(1);
	expect(await db().measurementPackRows.count()).toBe(await db().measurementPacks.count());
	return file;
}

/** The seeded device, read by every reader, backed up and restored (so packed). */
async function packedDevice(): Promise<{ before: Snapshot; first: Client }> {
	await storeStandInKeyring(db());
	const { first } = await seed();
	const before = await snapshot();
	expect(before.count).toBe(MEASUREMENTS + 3 - MEASUREMENTS / CLIENTS); // + demo − deleted
	await backupAndRestore();
	return { before, first };
}

const packSummaries = async (): Promise<PackSummaryRow[]> => db().measurementPacks.toArray();

/** A pack with at least three clients, and its first (its key), a middle and its last client. */
async function aPack() {
	const pack = (await packSummaries()).find((s) => s.clients.length >= 3)!;
	expect(pack).toBeDefined();
	return {
		pack,
		key: pack.clients[0][0] as ClientId,
		middle: pack.clients[1][0] as ClientId,
		last: pack.clients[pack.clients.length - 1][0] as ClientId
	};
}

/** The lists of these clients now, to compare with a snapshot's. */
async function listsOf(ids: readonly string[]) {
	const out = new Map<string, Measurement[]>();
	for (const id of ids) out.set(id, await measurements.listForClient(id as ClientId));
	return out;
}
const pick = <V>(map: Map<string, V>, ids: readonly string[]) =>
	new Map(ids.filter((id) => map.has(id)).map((id) => [id, map.get(id)!]));

// ---------------------------------------------------------------- pure

/** A plain row as a pack would hold it (only the plain fields matter to packing). */
const fakeRow = (clientId: string, n: number, o: Partial<MeasurementRow> = {}): MeasurementRow =>
	({
		id: `${clientId}-m${String(n).padStart(4, '0')}`,
		clientId,
		takenOn: `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
		isDemo: false,
		enc: new Uint8Array([n & 0xff]),
		...o
	}) as MeasurementRow;

/** Rows of clients c000… in id order, `sizes[k]` rows for client k, dates not in order. */
function groupedRows(sizes: readonly number[]): MeasurementRow[] {
	const rows: MeasurementRow[] = [];
	sizes.forEach((size, k) => {
		const clientId = `c${String(k).padStart(3, '0')}`;
		for (let n = 0; n < size; n++)
			rows.push(
				fakeRow(clientId, (n * 7 + k) % 97, {
					id: `${clientId}-r${String(n).padStart(4, '0')}` as MeasurementId
				})
			);
	});
	return rows;
}

/** What a summary should say of these rows, computed the plain way. */
function expectedClients(rows: readonly MeasurementRow[]) {
	const out = new Map<string, [string, number, string]>();
	for (const r of rows) {
		const e = out.get(r.clientId);
		if (!e) out.set(r.clientId, [r.clientId, 1, r.takenOn]);
		else {
			e[1]++;
			if (r.takenOn > e[2]) e[2] = r.takenOn;
		}
	}
	return [...out.values()];
}

function packAll(rows: readonly MeasurementRow[], chunk: number) {
	const packer = new MeasurementPacker();
	const packs: Pack[] = [];
	const loose: unknown[] = [];
	for (let at = 0; at < rows.length; at += chunk) {
		const out = packer.push(rows.slice(at, at + chunk));
		packs.push(...out.packs);
		loose.push(...out.loose);
	}
	const last = packer.flush();
	if (last) packs.push(last);
	expect(packer.flush()).toBeUndefined();
	return { packs, loose };
}

describe('measurement packs: packing (pure)', () => {
	it('packs grouped rows into packs of whole clients, each of PACK_ROWS rows or more but the last', () => {
		// Uneven clients, one larger than a pack on its own.
		const sizes = Array.from({ length: 40 }, (_, k) =>
			k === 17 ? PACK_ROWS + 40 : 3 + ((k * 5) % 23)
		);
		const rows = groupedRows(sizes);
		for (const chunk of [1, 37, rows.length]) {
			const { packs, loose } = packAll(rows, chunk);
			expect(loose).toEqual([]);
			expect(packs.length).toBeGreaterThan(2);
			// Every row, once, in the order given.
			expect(packs.flatMap((p) => rowsOf(p.rows))).toEqual(rows);
			const seen = new Set<string>();
			packs.forEach((p, n) => {
				const clientIds = [...new Set(rowsOf(p.rows).map((r) => r.clientId))];
				// No client split between packs.
				for (const id of clientIds) {
					expect(seen.has(id), `client ${id} in two packs`).toBe(false);
					seen.add(id);
				}
				if (n < packs.length - 1) expect(rowsOf(p.rows).length).toBeGreaterThanOrEqual(PACK_ROWS);
				// A new pack starts at the first client boundary after PACK_ROWS rows.
				const lastClient = clientIds[clientIds.length - 1];
				expect(rowsOf(p.rows).filter((r) => r.clientId !== lastClient).length).toBeLessThan(
					PACK_ROWS
				);
				// The summary: key, range, counts and latest per client.
				expect(p.summary.id).toBe(clientIds[0]);
				expect(p.rows.id).toBe(clientIds[0]);
				expect(p.summary.last).toBe(lastClient);
				expect(p.summary.clients).toEqual(expectedClients(rowsOf(p.rows)));
				expect(p.summary.demo).toBe(false);
				// Ranges follow each other without overlap.
				if (n > 0) expect(p.summary.id > packs[n - 1].summary.last).toBe(true);
			});
			expect(seen.size).toBe(sizes.length);
		}
	});

	it('cuts at the first client boundary at PACK_ROWS rows: a pack of exactly PACK_ROWS is finished', () => {
		// 16 clients of 16 rows fill the first pack exactly; then 16 of 20, 13 of them 260 rows.
		const sizes = [
			...Array.from({ length: 16 }, () => 16),
			...Array.from({ length: 16 }, () => 20)
		];
		const { packs } = packAll(groupedRows(sizes), 50);
		expect(PACK_ROWS).toBe(256);
		expect(packs.map((p) => p.summary.clients.length)).toEqual([16, 13, 3]);
		expect(packs.map((p) => rowsOf(p.rows).length)).toEqual([256, 260, 60]);
	});

	it('refuses a file with one measurement id twice for a client (one would be lost)', () => {
		const rows = groupedRows([3, 2]);
		const packer = new MeasurementPacker();
		packer.push(rows.slice(0, 4));
		expect(() => packer.push([{ ...rows[4], id: rows[3].id }])).toThrow(ExchangeError);
		// The same id in another pack is another client's: packs are checked one by one.
		const again = new MeasurementPacker();
		expect(again.push(rows).loose).toEqual([]);
	});

	it('hands back a row out of client order, or without client id or date, as loose', () => {
		const rows = groupedRows([5, 5, 5]);
		const early = fakeRow('c000', 500);
		const noClient = { ...fakeRow('c001', 501), clientId: undefined };
		const noDate = { ...fakeRow('c002', 502), takenOn: undefined };
		const packer = new MeasurementPacker();
		const first = packer.push(rows.slice(0, 7));
		expect(first).toEqual({ packs: [], loose: [] });
		const second = packer.push([early, noClient, ...rows.slice(7, 12), noDate]);
		expect(second.packs).toEqual([]);
		expect(second.loose).toEqual([early, noClient, noDate]);
		// The same client again, right after itself, is not out of order.
		const third = packer.push([...rows.slice(12), fakeRow('c002', 503)]);
		expect(third.loose).toEqual([]);
		const pack = packer.flush()!;
		expect(rowsOf(pack.rows)).toEqual([...rows, fakeRow('c002', 503)]);
		expect(pack.summary.clients).toEqual(expectedClients(rowsOf(pack.rows)));
	});

	it('pushPack stores a file pack as it comes when it keeps the order, after the pack under way', () => {
		const rows = groupedRows([3, 4, 2, 5]);
		const columns = (list: MeasurementRow[]) => packOf(list).rows;
		const packer = new MeasurementPacker();
		expect(packer.push(rows.slice(0, 3))).toEqual({ packs: [], loose: [] });
		const file = columns(rows.slice(3, 9));
		const taken = packer.pushPack(file);
		// The rows under way become their own pack first; the file's pack is kept whole.
		expect(taken.loose).toEqual([]);
		expect(taken.packs.map((p) => rowsOf(p.rows))).toEqual([rows.slice(0, 3), rows.slice(3, 9)]);
		expect(taken.packs[1].rows.enc).toBe(file.enc);
		expect(taken.packs[1].rows.id).toBe('c001');
		expect(taken.packs[1].summary.clients).toEqual(expectedClients(rows.slice(3, 9)));
		// The pack's last client is closed: more of it comes loose, later clients pack.
		const more = packer.push([fakeRow('c002', 900), ...rows.slice(9)]);
		expect(more.loose).toEqual([fakeRow('c002', 900)]);
		expect(rowsOf(packer.flush()!.rows)).toEqual(rows.slice(9));
	});

	it('pushPack takes a file pack out of order, or with an id twice, row by row', () => {
		const rows = groupedRows([3, 3, 3, 3]);
		const late = packOf(rows.slice(0, 3)).rows;
		const packer = new MeasurementPacker();
		packer.push(rows.slice(3, 6));
		// Clients before the ones under way: every row loose, each with bytes of its own.
		const back = packer.pushPack(late);
		expect(back.packs).toEqual([]);
		expect(back.loose).toEqual(rows.slice(0, 3));
		for (const row of back.loose as MeasurementRow[])
			expect(row.enc.buffer.byteLength).toBe(row.enc.byteLength);
		// Clients out of order within the pack: through push, which packs what it can.
		const mixed = packOf([rows[9], rows[6]]).rows;
		const out = packer.pushPack(mixed);
		expect(out.packs).toEqual([]);
		expect(out.loose).toEqual([rows[6]]);
		expect(rowsOf(packer.flush()!.rows)).toEqual([...rows.slice(3, 6), rows[9]]);
		// One id twice in a pack: the file is not what the app writes.
		const twice = packOf([rows[0], { ...rows[1], id: rows[0].id }]).rows;
		expect(() => new MeasurementPacker().pushPack(twice)).toThrow(ExchangeError);
	});

	it('packOf: counts, the latest date (not the last row) and demo', () => {
		const rows = [
			fakeRow('a', 1, { takenOn: '2025-03-01' }),
			fakeRow('a', 2, { takenOn: '2025-05-01' }),
			fakeRow('a', 3, { takenOn: '2025-04-01' }),
			fakeRow('b', 4, { takenOn: '2024-01-01' }),
			fakeRow('c', 5, { takenOn: '2025-01-01' }),
			fakeRow('c', 6, { takenOn: '2026-01-01' })
		];
		const plain = packOf(rows);
		expect(plain.summary).toEqual({
			id: 'a',
			last: 'c',
			clients: [
				['a', 3, '2025-05-01'],
				['b', 1, '2024-01-01'],
				['c', 2, '2026-01-01']
			],
			demo: false
		});
		expect(plain.rows.id).toBe('a');
		expect(rowsOf(plain.rows)).toEqual(rows);
		const withDemo = [...rows.slice(0, 4), { ...rows[4], isDemo: true }, rows[5]];
		expect(packOf(withDemo).summary.demo).toBe(true);
		expect(packOf(withDemo.slice(0, 4)).summary.demo).toBe(false);
	});
});

describe('measurement packs: the directory (pure)', () => {
	/** Packs of clients with ids in a few buckets, as a restore would make them. */
	const rows = groupedRows([100, 120, 50, 90, 10, 60, 30]).map((r, n): MeasurementRow => ({
		...r,
		clientId:
			`${['aa', 'aa', 'ab', 'b7', 'b7', 'c0', 'c0'][Number(r.clientId.slice(1))]}-${r.clientId}` as ClientId,
		id: `${n}-5f0c-4a1e-${n * 7919}` as MeasurementId
	}));
	const packs = packAll(rows, 1000).packs;
	const directory = () => {
		const builder = new PackDirectoryBuilder();
		for (const pack of packs) builder.add(pack.rows);
		return builder.rows();
	};

	it('has a row per bucket of client ids: its packed clients, their packs and sorted prints', () => {
		expect(packs.length).toBeGreaterThan(1);
		const found = directory();
		expect(found.map((r) => r.id).sort()).toEqual(['aa', 'ab', 'b7', 'c0']);
		for (const row of found) {
			const own = rows.filter((r) => bucketOf(r.clientId) === row.id);
			expect(row.clients.split('\n')).toEqual([...new Set(own.map((r) => r.clientId))]);
			expect([...row.prints]).toEqual(own.map((r) => idPrint(r.id)).sort((a, b) => a - b));
			expect(row.packs).toHaveLength(row.clients.split('\n').length);
			for (const [n, clientId] of row.clients.split('\n').entries()) {
				const pack = packs.find((p) => p.rows.clientIds.includes(clientId))!;
				expect(row.keys[row.packs[n]]).toBe(pack.rows.id);
			}
			expect(new Set(row.keys).size).toBe(row.keys.length);
		}
	});

	it('names the pack of every packed measurement, and of no client it does not hold', () => {
		const found = new Map(directory().map((r) => [r.id, r]));
		const row = (clientId: string) => found.get(bucketOf(clientId));
		for (const r of rows) {
			const pack = packs.find((p) => p.rows.ids.includes(r.id))!;
			expect(packThatMayHold(row(r.clientId), r.clientId, r.id)).toBe(pack.rows.id);
		}
		// A client of the bucket that is not packed, and a bucket with no row.
		expect(packThatMayHold(row('aa-new'), 'aa-new', rows[0].id)).toBeUndefined();
		expect(packThatMayHold(row('zz-new'), 'zz-new', rows[0].id)).toBeUndefined();
		expect(packThatMayHold({ ...row('aa')!, prints: [1] as never }, 'aa', 'x')).toBeUndefined();
		// Only a whole line is a client: not a part of one, at the start, middle or end.
		const aa = row('aa')!;
		const packedIds = aa.clients.split('\n');
		const first = rows.find((r) => r.clientId === packedIds[0])!;
		const lastOne = rows.find((r) => r.clientId === packedIds[packedIds.length - 1])!;
		for (const part of [
			first.clientId.slice(0, -1),
			first.clientId.slice(1),
			lastOne.clientId.slice(0, -1),
			lastOne.clientId.slice(1),
			`${first.clientId}\n${packedIds[1]}`,
			''
		])
			expect(packThatMayHold(aa, part, first.id)).toBeUndefined();
		expect(packThatMayHold(aa, lastOne.clientId, lastOne.id)).toBeDefined();
	});

	it('says no to most new ids, and maybe exactly when the print is there', () => {
		const aa = directory().find((r) => r.id === 'aa')!;
		const clientId = aa.clients.split('\n')[0];
		const prints = new Set(aa.prints);
		const others = Array.from({ length: 5000 }, (_, n) => `other-${n}`);
		for (const id of others)
			expect(packThatMayHold(aa, clientId, id) !== undefined).toBe(prints.has(idPrint(id)));
		const maybe = others.filter((id) => packThatMayHold(aa, clientId, id) !== undefined);
		// 220 prints of 65,536: about 17 of 5,000 other ids look like they may be there.
		expect(maybe.length).toBeLessThan(50);
	});

	it('prints are 16-bit, the same for the same id, and rarely shared', () => {
		const ids = Array.from({ length: PACK_ROWS }, (_, n) => `${n}-5f0c-4a1e-8b2d-${n * 7919}`);
		for (const id of ids) {
			expect(idPrint(id)).toBe(idPrint(`${id}`));
			expect(idPrint(id)).toBeGreaterThanOrEqual(0);
			expect(idPrint(id)).toBeLessThan(0x10000);
		}
		expect(new Set(ids.map(idPrint)).size).toBeGreaterThan(PACK_ROWS * 0.99);
	});
});

// ---------------------------------------------------------------- after a restore

describe('measurement packs: readers after a restore', () => {
	it('listForClient, datesByClient, countAll and register.details are as before', async () => {
		const { before } = await packedDevice();
		// Every client of the device, whichever pack it sits in (and the deleted one: none).
		expect(await listsOf(before.ids)).toEqual(before.lists);
		expect([...before.lists.values()].every((l) => l.length > 0)).toBe(true);
		expect(await measurements.datesByClient()).toEqual(before.dates);
		expect(await measurements.countAll(db())).toBe(before.count);
		expect(await register.details(before.ids)).toEqual(before.details);
		// A page of the register: a few clients from different packs.
		const page = (await packSummaries()).map((s) => s.clients[1][0]);
		expect(await register.details(page)).toEqual(pick(before.details, page));
		// Packed clients are found only where they are.
		const unknown = 'ffffffff-ffff-4fff-8fff-ffffffffffff' as ClientId;
		expect(await measurements.listForClient(unknown)).toEqual([]);
		expect((await register.details([unknown])).get(unknown)).toMatchObject({
			measurementCount: 0,
			latest: undefined
		});
	}, 60_000);

	it('get finds a packed measurement, with its client or by id alone', async () => {
		const { before } = await packedDevice();
		const { key, middle, last } = await aPack();
		for (const clientId of [key, middle, last]) {
			const list = before.lists.get(clientId)!;
			for (const m of [list[0], list[list.length - 1]]) {
				expect(await measurements.get(m.id, clientId)).toEqual(m);
				expect(await measurements.get(m.id)).toEqual(m);
			}
			// With the wrong client: not found (only that client's pack is read).
			const other = clientId === middle ? key : middle;
			expect(await measurements.get(list[0].id, other)).toBeUndefined();
		}
		expect(await measurements.get('00000000-0000-4000-8000-000000000000' as MeasurementId)).toBe(
			undefined
		);
	}, 60_000);

	it('a measurement saved after the restore shows beside the packed ones', async () => {
		const { before } = await packedDevice();
		const { middle, last } = await aPack();
		const saved = await measurements.saveFromDraft(finishedDraft(middle, 71), { now: fixedClock });
		expect(await db().measurements.count()).toBe(1);
		const list = await measurements.listForClient(middle);
		expect(byId(list)).toEqual(byId([...before.lists.get(middle)!, saved]));
		expect(list[0].takenOn >= list[list.length - 1].takenOn).toBe(true); // newest first
		// An older one stored as it is (an import): the latest date stays the packed one.
		const old = makeMeasurement({ seed: 4242, clientId: last, takenOn: '2001-02-03' });
		await measurements.putMany([old]);
		expect(byId(await measurements.listForClient(last))).toEqual(
			byId([...before.lists.get(last)!, old])
		);

		const dates = await measurements.datesByClient();
		const was = (id: string) => before.dates.get(id)!;
		expect(dates.get(middle)).toEqual({
			count: was(middle).count + 1,
			latest: saved.takenOn > was(middle).latest ? saved.takenOn : was(middle).latest
		});
		expect(dates.get(last)).toEqual({ count: was(last).count + 1, latest: was(last).latest });
		const details = await register.details([middle, last]);
		expect(details.get(middle)).toMatchObject({
			measurementCount: was(middle).count + 1,
			latest: dates.get(middle)!.latest
		});
		expect(details.get(last)).toMatchObject({
			measurementCount: was(last).count + 1,
			latest: was(last).latest
		});
		// Everyone else as before.
		const others = before.ids.filter((id) => id !== middle && id !== last);
		expect(pick(dates, others)).toEqual(pick(before.dates, others));
		expect(await measurements.countAll(db())).toBe(before.count + 2);
		expect(await measurements.get(saved.id, middle)).toEqual(saved);
	}, 60_000);

	it('saving a conversation again whose measurement is packed now gives that one, or a conflict', async () => {
		await storeStandInKeyring(db());
		const { first } = await seed();
		const other = (await clients.list()).find((c) => c.id !== first.id && !c.isDemo)!;
		const draft = finishedDraft(other.id, 73);
		const saved = await measurements.saveFromDraft(draft, { now: fixedClock });
		const count = await measurements.countAll(db());
		await backupAndRestore();
		// A retry after the restore (the draft outlived its save): the same measurement, once.
		expect(await measurements.saveFromDraft(draft, { now: fixedClock })).toEqual(saved);
		expect(await measurements.countAll(db())).toBe(count);
		expect(await db().measurements.count()).toBe(0);
		// The same conversation carried on elsewhere with other answers: a conflict, nothing written.
		const changed = {
			...draft,
			clientAnswers: answersFor('client', [6, 6, 6, 6, 6, 6, 6, 6, 6, 6])
		};
		const refused = await measurements.saveFromDraft(changed, { now: fixedClock }).then(
			() => undefined,
			(e: unknown) => e
		);
		expect(refused).toMatchObject({ fault: 'conflict' });
		expect(await measurements.countAll(db())).toBe(count);
	}, 60_000);

	it('a save reads one directory row, and a pack’s rows only when the id’s print is there', async () => {
		const { before } = await packedDevice();
		const { middle } = await aPack();
		const packed = before.lists.get(middle)![0];
		// The restore wrote the directory of every pack it stored.
		const builder = new PackDirectoryBuilder();
		for (const pack of await db().measurementPackRows.toArray()) builder.add(pack);
		const directory = await db().packDirectory.toArray();
		expect(byId(directory)).toEqual(byId(builder.rows()));
		const bucket = directory.find((r) => r.id === bucketOf(middle))!;
		/** What findInPack answers in a transaction like the save's, and which stores it read. */
		const look = (clientId: string, id: string) =>
			new Promise<{ row: MeasurementRow | undefined; read: string[] }>((resolve, reject) => {
				const tx = db()
					.backendDB()
					.transaction(['packDirectory', 'measurementPackRows'], 'readonly');
				const read: string[] = [];
				const objectStore = tx.objectStore.bind(tx);
				tx.objectStore = (name: string) => {
					read.push(name);
					return objectStore(name);
				};
				tx.onerror = () => reject(tx.error);
				findInPack(tx, clientId, id, (row) => resolve({ row, read }));
			});
		// Every packed measurement of a few clients: found, from its pack's rows.
		for (const clientId of bucket.clients.split('\n').slice(0, 3))
			for (const m of before.lists.get(clientId)!) {
				const found = await look(clientId, m.id);
				expect(found.read).toEqual(['packDirectory', 'measurementPackRows']);
				expect(found.row?.id).toBe(m.id);
			}
		expect(await measurements.get((await look(middle, packed.id)).row!.id, middle)).toEqual(packed);
		// A new id whose print the bucket lacks: the directory row alone answers.
		const prints = new Set(bucket.prints);
		const fresh = Array.from({ length: 50 }, (_, n) => `new-${n}`).find(
			(id) => !prints.has(idPrint(id))
		)!;
		expect(await look(middle, fresh)).toEqual({ row: undefined, read: ['packDirectory'] });
		// One whose print is there (by chance): the rows are read, and it is not there.
		const lookalike = Array.from({ length: 100_000 }, (_, n) => `new-${n}`).find((id) =>
			prints.has(idPrint(id))
		)!;
		expect(await look(middle, lookalike)).toEqual({
			row: undefined,
			read: ['packDirectory', 'measurementPackRows']
		});
		// A client in no pack, in a bucket with packed clients and in one without.
		for (const clientId of [`${middle}0`, 'zzzz'])
			expect(await look(clientId, packed.id)).toEqual({ row: undefined, read: ['packDirectory'] });
		// After the measurement left its pack, the directory still names it: the rows say no.
		await measurements.remove(packed.id, { clientId: middle, now: fixedClock });
		expect(await look(middle, packed.id)).toEqual({
			row: undefined,
			read: ['packDirectory', 'measurementPackRows']
		});
	}, 60_000);

	it('measurements.remove takes a packed measurement out of its pack, with a tombstone', async () => {
		const { before } = await packedDevice();
		const { middle, last } = await aPack();
		const storedBefore = byId(await everyMeasurementRow(db()));
		const [gone, kept] = before.lists.get(middle)!;
		const alsoGone = before.lists.get(last)![0];
		await measurements.remove(gone.id, { clientId: middle, now: fixedClock });
		await measurements.remove(alsoGone.id, { now: fixedClock }); // client not given: every pack
		expect(await measurements.get(gone.id)).toBeUndefined();
		expect(await measurements.get(alsoGone.id, last)).toBeUndefined();
		expect(await measurements.get(kept.id, middle)).toEqual(kept);
		expect(await measurements.listForClient(middle)).toEqual(
			before.lists.get(middle)!.filter((m) => m.id !== gone.id)
		);
		expect(await measurements.listForClient(last)).toEqual(
			before.lists.get(last)!.filter((m) => m.id !== alsoGone.id)
		);
		for (const id of [gone.id, alsoGone.id])
			expect(await db().tombstones.get(id)).toMatchObject({ id, table: 'measurements' });
		// Out of the pack rows and the summaries alike; the rest verbatim.
		expect(byId(await everyMeasurementRow(db()))).toEqual(
			storedBefore.filter((r) => r.id !== gone.id && r.id !== alsoGone.id)
		);
		expect(await db().measurements.count()).toBe(0);
		expect(await measurements.countAll(db())).toBe(before.count - 2);
		const dates = await measurements.datesByClient();
		expect(dates.get(middle)!.count).toBe(before.dates.get(middle)!.count - 1);
		expect(dates.get(last)!.count).toBe(before.dates.get(last)!.count - 1);
		const latestOf = (list: Measurement[]) =>
			list
				.map((m) => m.takenOn)
				.sort()
				.at(-1);
		expect(dates.get(middle)!.latest).toBe(latestOf(await measurements.listForClient(middle)));
		expect(dates.get(last)!.latest).toBe(latestOf(await measurements.listForClient(last)));
	}, 60_000);
});

describe('measurement packs: rows the index does not hold', () => {
	it('a stored measurement without a date still goes into a backup, and comes back as it was', async () => {
		await storeStandInKeyring(db());
		await seed();
		const [row] = await db().measurements.limit(1).toArray();
		const noDate = { ...row } as Partial<MeasurementRow>;
		delete noDate.takenOn;
		await db().measurements.put(noDate as MeasurementRow);
		const count = await db().measurements.count();
		const file = await backup.exportBackup({ now: fixedClock });
		const scanned = await backup.scanBackup(file);
		expect(scanned.end.counts.measurements).toBe(count);
		await backup.restoreSealedBackup(scanned);
		// Stored on its own (packs hold dated rows only), as it was.
		expect(await db().measurements.count()).toBe(1);
		expect(await db().measurements.get(row.id)).toEqual(noDate);
		expect(await measurements.countAll(db())).toBe(count);
	}, 60_000);
});

describe('measurement packs: deleting', () => {
	it('clients.remove of a packed client leaves the rest of its pack as it was', async () => {
		const { before } = await packedDevice();
		const { pack, key, middle } = await aPack();
		const storedBefore = byId(await everyMeasurementRow(db()));
		const packsBefore = await db().measurementPacks.count();

		// A client in the middle of a pack, then the client whose id is the pack's key.
		for (const removed of [middle, key]) {
			const ids = before.lists.get(removed)!.map((m) => m.id as string);
			expect(ids.length).toBeGreaterThan(0);
			await clients.remove(removed, { now: fixedClock });
			expect(await measurements.listForClient(removed)).toEqual([]);
			const stored = await everyMeasurementRow(db());
			expect(stored.filter((r) => r.clientId === removed)).toEqual([]);
			expect(stored.filter((r) => ids.includes(r.id))).toEqual([]);
			const tombstones = await db().tombstones.bulkGet(ids);
			expect(tombstones.map((t) => t?.table)).toEqual(ids.map(() => 'measurements'));
			expect(await db().tombstones.get(removed)).toMatchObject({ table: 'clients' });
			expect((await measurements.datesByClient()).has(removed)).toBe(false);
			expect((await register.details([removed])).get(removed)?.measurementCount).toBe(0);
		}
		const left = before.ids.filter((id) => id !== middle && id !== key);
		// The pack stays (under its key), without them; everyone else exactly as before.
		const summary = (await db().measurementPacks.get(pack.id))!;
		expect(summary.clients).toEqual(pack.clients.filter(([id]) => id !== middle && id !== key));
		expect(await db().measurementPacks.count()).toBe(packsBefore);
		expect(await listsOf(left)).toEqual(pick(before.lists, left));
		expect(await measurements.datesByClient()).toEqual(pick(before.dates, left));
		expect(byId(await everyMeasurementRow(db()))).toEqual(
			storedBefore.filter((r) => r.clientId !== middle && r.clientId !== key)
		);
		expect(await measurements.countAll(db())).toBe(
			before.count - before.dates.get(middle)!.count - before.dates.get(key)!.count
		);

		// The rest of the pack's clients at once: the pack is gone.
		const rest = summary.clients.map(([id]) => id as ClientId);
		expect(await clients.removeMany(rest, { now: fixedClock })).toBe(rest.length);
		expect(await db().measurementPacks.get(pack.id)).toBeUndefined();
		expect(await db().measurementPackRows.get(pack.id)).toBeUndefined();
		expect(await db().measurementPacks.count()).toBe(packsBefore - 1);
		const still = left.filter((id) => !rest.includes(id as ClientId));
		expect(await listsOf(still)).toEqual(pick(before.lists, still));
		const restIds = rest.flatMap((id) => before.lists.get(id)!.map((m) => m.id as string));
		expect((await db().tombstones.bulkGet(restIds)).every((t) => t?.table === 'measurements')).toBe(
			true
		);
	}, 60_000);

	it('demo.remove takes packed demo measurements out of their pack', async () => {
		const { before } = await packedDevice();
		const demoIds = before.research.clients.filter((c) => c.isDemo).map((c) => c.id as string);
		expect(demoIds.length).toBe(1);
		const demoMeasurements = before.lists.get(demoIds[0])!;
		expect(demoMeasurements.length).toBeGreaterThan(0);
		// Packed, and marked so in the summaries.
		const stored = await everyMeasurementRow(db());
		expect(
			stored
				.filter((r) => r.isDemo)
				.map((r) => r.id)
				.sort()
		).toEqual(demoMeasurements.map((m) => m.id).sort());
		expect((await packSummaries()).some((s) => s.demo)).toBe(true);

		await demo.remove();
		expect(await demo.isLoaded()).toBe(false);
		expect(await measurements.listForClient(demoIds[0] as ClientId)).toEqual([]);
		const after = await everyMeasurementRow(db());
		expect(after.filter((r) => r.isDemo || demoIds.includes(r.clientId))).toEqual([]);
		expect((await packSummaries()).some((s) => s.demo)).toBe(false);
		expect(byId(after)).toEqual(byId(stored.filter((r) => !r.isDemo)));
		const real = before.ids.filter((id) => !demoIds.includes(id));
		expect(await listsOf(real)).toEqual(pick(before.lists, real));
		expect(await measurements.datesByClient()).toEqual(pick(before.dates, real));
		expect(await measurements.countAll(db())).toBe(before.count - demoMeasurements.length);
	}, 60_000);
});

describe('measurement packs: drafts', () => {
	it('a draft whose id is a packed measurement’s counts as saved', async () => {
		const { before, first } = await packedDevice();
		// The draft of the seed is still in progress, after the restore as before.
		expect(await drafts.clientIdsWithDrafts()).toEqual(before.drafted);
		expect(before.drafted).toEqual(new Set([first.id]));
		expect(await drafts.getForClient(first.id)).toMatchObject({ status: 'ok' });

		const { middle, key } = await aPack();
		const savedOne = before.lists.get(middle)![1];
		const draftId = savedOne.id as string as DraftId;
		// The draft of a measurement that is packed now, left behind by its save (as if
		// the tab had closed between the save and the draft's removal).
		const leftOver = { ...finishedDraft(middle, 81), id: draftId };
		await drafts.save(leftOver);
		const open = finishedDraft(key, 82);
		await drafts.save(open);
		expect(await db().drafts.count()).toBe(3);
		const gone = () =>
			vi.waitFor(async () => expect(await db().drafts.get(draftId)).toBe(undefined));

		// Each read on its own (each removes the left-over draft, later).
		expect(await drafts.clientIdsWithDrafts()).toEqual(new Set([first.id, key]));
		await gone();
		await drafts.save(leftOver);
		expect(await drafts.getForClient(middle)).toBeUndefined();
		await gone();
		expect(await drafts.getForClient(key)).toMatchObject({ status: 'ok', id: open.id });
		expect(await db().drafts.count()).toBe(2);
		expect((await register.details([middle])).get(middle)?.hasDraft).toBe(false);
	}, 60_000);
});

describe('measurement packs: hand-over', () => {
	it('exportClient holds every packed measurement; the import preview sees them all as here', async () => {
		const { before } = await packedDevice();
		const { middle, key } = await aPack();
		const file = await exchange.exportClient(middle, { now: fixedClock });
		expect(file.client.id).toBe(middle);
		expect(byId(file.measurements)).toEqual(byId(before.lists.get(middle)!));

		const plan = await exchange.previewClientImport(file);
		expect(plan).toMatchObject({
			clientAction: 'existing',
			clientDiffers: false,
			toAdd: [],
			conflicts: [],
			deleted: [],
			measurementCount: file.measurements.length
		});
		expect([...plan.identical].sort()).toEqual(file.measurements.map((m) => m.id).sort());
		// Nothing to add: nothing written.
		expect(await exchange.applyClientImport(plan)).toEqual({ added: 0 });
		expect(await db().measurements.count()).toBe(0);

		// The same file with one measurement changed, one deleted here and one new.
		const [changed, removed] = file.measurements;
		await measurements.remove(removed.id, { clientId: middle, now: fixedClock });
		const fresh = makeMeasurement({ seed: 5151, clientId: middle, takenOn: '2026-01-15' });
		const other = {
			...file,
			measurements: [
				{ ...changed, note: 'Ändrad på den andra enheten' },
				...file.measurements.slice(1),
				fresh
			]
		};
		const plan2 = await exchange.previewClientImport(other);
		expect(plan2.conflicts).toEqual([{ id: changed.id, takenOn: changed.takenOn }]);
		expect(plan2.deleted).toEqual([removed.id]);
		expect(plan2.toAdd).toEqual([fresh]);
		expect(plan2.identical.length).toBe(file.measurements.length - 2);
		expect(await exchange.applyClientImport(plan2)).toEqual({ added: 1 });
		expect(byId(await measurements.listForClient(middle))).toEqual(
			byId([...before.lists.get(middle)!.filter((m) => m.id !== removed.id), fresh])
		);
		// Applying again: the new one is here now (loose), so the plan is stale.
		await expect(exchange.applyClientImport(plan2)).rejects.toEqual(
			new ExchangeError('changed-since-preview')
		);
		// A plan to add a measurement that is packed here is stale too.
		const packedOne = before.lists.get(key)![0];
		const keyFile = await exchange.exportClient(key, { now: fixedClock });
		const stale = await exchange.previewClientImport({
			...keyFile,
			measurements: keyFile.measurements.filter((m) => m.id !== packedOne.id)
		});
		await expect(exchange.applyClientImport({ ...stale, toAdd: [packedOne] })).rejects.toEqual(
			new ExchangeError('changed-since-preview')
		);
		expect(await measurements.listForClient(key)).toEqual(before.lists.get(key));
	}, 60_000);

	it('researchData holds the packed measurements, as before', async () => {
		const { before } = await packedDevice();
		const research = await exchange.researchData();
		expect(byId(research.clients)).toEqual(before.research.clients);
		expect(byId(research.measurements)).toEqual(before.research.measurements);
		expect(research.measurements.length).toBe(before.count);
	}, 60_000);
});

describe('measurement packs: statistics', () => {
	it('deviceRecords gives the same records before and after the restore', async () => {
		const { before } = await packedDevice();
		expect(before.stats.length).toBeGreaterThan(CLIENTS / 2);
		expect(await statistics.deviceRecords({ newKey: idSource(STATS_KEYS) })).toEqual(before.stats);
		// A measurement saved after the restore is counted beside the packed ones.
		const { middle } = await aPack();
		await measurements.saveFromDraft(finishedDraft(middle, 91), { now: fixedClock });
		const total = (records: typeof before.stats) =>
			records.reduce(
				(n, r) => n + Object.values(r.measurementsByQuarter).reduce((a, b) => a + b, 0),
				0
			);
		const after = await statistics.deviceRecords({ newKey: idSource(STATS_KEYS) });
		expect(after.length).toBe(before.stats.length);
		expect(total(after)).toBe(total(before.stats) + 1);
	}, 60_000);
});

describe('measurement packs: a backup of a packed device', () => {
	it('packed and saved measurements together restore to the same content', async () => {
		const { before } = await packedDevice();
		expect(await content()).toEqual(before.content);
		const { middle, last, key } = await aPack();
		// Loose rows beside the packs: a save for a packed client, an import for another,
		// and a packed measurement removed.
		await measurements.saveFromDraft(finishedDraft(middle, 101), { now: fixedClock });
		await measurements.putMany([
			makeMeasurement({ seed: 6161, clientId: last, takenOn: '2003-04-05' })
		]);
		await measurements.remove(before.lists.get(key)![0].id, { clientId: key, now: fixedClock });
		expect(await db().measurements.count()).toBe(2);
		const now = await content();
		const lists = await listsOf(before.ids);
		const dates = await measurements.datesByClient();

		const file = await backup.exportBackup({ now: fixedClock });
		const header = JSON.parse((await file.text()).split('\n', 1)[0]) as {
			measurementsByClient?: boolean;
			counts: { measurements: number };
		};
		expect(header.measurementsByClient).toBe(true);
		expect(header.counts.measurements).toBe(before.count + 2 - 1);
		// Changes after the backup, undone by the restore.
		await clients.remove(middle, { now: fixedClock });
		await demo.remove();
		expect(await content()).not.toEqual(now);

		await restoreThroughFlow(file);
		// All packed again (the file has each client's measurements together).
		expect(await db().measurements.count()).toBe(0);
		expect(await db().measurementPacks.count()).toBeGreaterThan(1);
		expect(await content()).toEqual(now);
		expect(await listsOf(before.ids)).toEqual(lists);
		expect(await measurements.datesByClient()).toEqual(dates);
		expect(await measurements.countAll(db())).toBe(before.count + 1);
	}, 90_000);
});
