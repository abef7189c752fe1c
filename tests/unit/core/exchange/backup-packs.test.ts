import { describe, expect, it } from 'vitest';
import {
	BACKUP_ENC_MAX_CHARS,
	BACKUP_PACK_MAX_BYTES,
	BACKUP_PACK_MAX_ROWS,
	BackupPackWriter,
	base64Length,
	readPackColumns,
	type FilePack
} from '$lib/core';

/** A stored measurement row as the backup reads it: the plain fields and sealed bytes. */
function storedRow(client: number, n: number, size = 40, o: Record<string, unknown> = {}) {
	const clientId = `c${String(client).padStart(4, '0')}-0000`;
	return {
		id: `${clientId}-m${String(n).padStart(3, '0')}`,
		clientId,
		takenOn: `2025-0${(n % 9) + 1}-1${n % 10}`,
		isDemo: n % 3 === 0 ? true : n % 3 === 1 ? false : undefined,
		enc: new Uint8Array(size).fill((client * 31 + n) & 0xff),
		...o
	} as Record<string, unknown> & { clientId: string; enc: Uint8Array };
}

/** Rows of clients in order, `sizes[k]` rows for client k. */
const rowsOf = (sizes: number[], bytes = 40) =>
	sizes.flatMap((size, client) =>
		Array.from({ length: size }, (_, n) => storedRow(client, n, bytes))
	);

/** Everything a writer gives for these rows, in order. */
function write(rows: Record<string, unknown>[]) {
	const writer = new BackupPackWriter();
	return [...rows.flatMap((row) => writer.push(row)), ...writer.flush()];
}

/** A pack row read back as the reader does: its plain part and its bytes. */
function read(packRow: Record<string, unknown>): FilePack | undefined {
	const { enc, ...plain } = packRow as { enc: Uint8Array<ArrayBuffer> };
	return readPackColumns(JSON.parse(JSON.stringify(plain)), enc, enc.length);
}

const isPack = (row: Record<string, unknown>) => 'ids' in row;

describe('BackupPackWriter', () => {
	it('packs rows by column, clients whole, and they read back as they were', () => {
		const rows = rowsOf([3, 50, 60, 20, 7]);
		const out = write(rows);
		expect(out.every(isPack)).toBe(true);
		const packs = out.map((row) => read(row)!);
		// 140 rows: the first three clients fill a pack up to 113; the rest follow.
		expect(packs.map((p) => p.ids.length)).toEqual([113, 27]);
		const back = packs.flatMap((p) =>
			p.ids.map((id, n) => ({
				id,
				clientId: p.clientIds[n],
				takenOn: p.takenOns[n],
				isDemo: p.demo[n] ?? undefined,
				enc: p.enc.slice(n ? p.ends[n - 1] : 0, p.ends[n])
			}))
		);
		expect(back).toEqual(rows);
	});

	it('ends a pack before a client that would pass BACKUP_PACK_MAX_ROWS or the byte cap', () => {
		const counts = (sizes: number[], bytes?: number) =>
			write(rowsOf(sizes, bytes)).map((row) => read(row)!.ids.length);
		expect(counts([100, 28])).toEqual([128]);
		expect(counts([100, 29])).toEqual([100, 29]);
		// Bytes: 4 KiB values, 48 to the cap.
		const big = BACKUP_PACK_MAX_BYTES / 4096;
		expect(counts([40, 8], 4096)).toEqual([big]);
		expect(counts([40, 9], 4096)).toEqual([40, 9]);
		expect(base64Length(BACKUP_PACK_MAX_BYTES)).toBeLessThanOrEqual(BACKUP_ENC_MAX_CHARS);
	});

	it('splits only a client too big for one pack', () => {
		const counts = write(rowsOf([5, 300, 2])).map((row) => read(row)!.ids.length);
		// Its tail shares a pack with the next client.
		expect(counts).toEqual([5, 128, 128, 44 + 2]);
	});

	it('writes a row it cannot pack as a row of its own, in its place', () => {
		const rows = rowsOf([2, 2, 2]);
		const odd = [
			storedRow(0, 9), // out of client order
			storedRow(2, 10, 40, { code: 'x' }), // a field packs do not carry
			storedRow(2, 11, 40, { takenOn: undefined }),
			storedRow(2, 12, 40, { isDemo: 'yes' }),
			storedRow(2, 13, 40, { takenOn: '2025-02-30' }),
			storedRow(2, 14, 10) // too short to be sealed
		];
		const out = write([...rows.slice(0, 4), ...odd, ...rows.slice(4)]);
		expect(out.filter((r) => !isPack(r))).toEqual(odd);
		expect(out.filter(isPack).flatMap((r) => read(r)!.ids)).toEqual(rows.map((r) => r.id));
	});
});

describe('readPackColumns', () => {
	const [good] = write(rowsOf([2, 3]));
	const { enc, ...plain } = good as Record<string, string> & { enc: Uint8Array<ArrayBuffer> };
	const readWith = (change: Partial<Record<string, unknown>>, bytes = enc) =>
		readPackColumns({ ...plain, ...change }, bytes, bytes.length);

	it('reads a pack the writer made, and its length alone when the bytes are not decoded', () => {
		expect(readWith({})?.ids).toHaveLength(5);
		const unread = readPackColumns(plain, undefined, enc.length);
		expect(unread?.enc).toHaveLength(0);
		expect(unread?.clientIds).toEqual(readWith({})?.clientIds);
	});

	it.each<[string, Partial<Record<string, unknown>>]>([
		['an id fewer', { ids: plain.ids.split(',').slice(1).join(',') }],
		['an id that is not one', { ids: plain.ids.replace(/^[^,]+/, 'a b') }],
		['an empty id', { ids: `,${plain.ids.split(',').slice(1).join(',')}` }],
		['a client fewer', { clientIds: plain.clientIds.split(',').slice(1).join(',') }],
		['a day that does not exist', { takenOns: plain.takenOns.replace(/^[^,]+/, '2025-02-30') }],
		['a date of another shape', { takenOns: plain.takenOns.replace(/^[^,]+/, '2025-2-3') }],
		['an unknown demo mark', { demo: `x${plain.demo.slice(1)}` }],
		['a demo mark more', { demo: `${plain.demo}t` }],
		['ends out of order', { ends: plain.ends.split(',').reverse().join(',') }],
		['an end that is not a number', { ends: plain.ends.replace(/^\d+/, '4e1') }],
		['a value too short to be sealed', { ends: plain.ends.replace(/^\d+/, '3') }],
		['ends past the bytes', { ends: plain.ends.replace(/\d+$/, '999999') }],
		['a field more', { code: 'x' }],
		['a column that is not text', { ids: plain.ids.split(',') }],
		['a column missing', { demo: undefined }]
	])('refuses %s', (_, change) => {
		const value = { ...plain, ...change };
		for (const key of Object.keys(value))
			if (value[key as keyof typeof value] === undefined) delete value[key as keyof typeof value];
		expect(readPackColumns(value, enc, enc.length)).toBeUndefined();
	});

	it('refuses more than BACKUP_PACK_MAX_ROWS measurements and bytes the ends do not reach', () => {
		const n = BACKUP_PACK_MAX_ROWS + 1;
		const many = {
			ids: Array.from({ length: n }, (_, k) => `m-${k}-00000`).join(','),
			clientIds: Array(n).fill('c-0000000').join(','),
			takenOns: Array(n).fill('2025-01-01').join(','),
			demo: '-'.repeat(n),
			ends: Array.from({ length: n }, (_, k) => (k + 1) * 30).join(',')
		};
		expect(readPackColumns(many, undefined, n * 30)).toBeUndefined();
		expect(
			readWith({}, enc.subarray(0, enc.length - 1) as Uint8Array<ArrayBuffer>)
		).toBeUndefined();
	});
});
