import { describe, expect, it } from 'vitest';
import {
	isMeasurementPlain,
	plainRowSchemas,
	BACKUP_LINE_MAX_BYTES,
	BACKUP_PAGE_MAX_ROWS,
	BACKUP_PAGE_TARGET_BYTES,
	BackupChain,
	BackupLineReader,
	BackupPageWriter,
	CHAIN_ROOM,
	backupHeaderLine,
	backupTrailerLine,
	emptyBackupCounts,
	decodeFile,
	ExchangeError,
	importDataKey,
	isSealedBackupHead,
	matchesSeal,
	newDataKeyBytes,
	openBackupSeal,
	parseJsonSafely,
	sealBackup,
	SealedBackupReader,
	toBase64,
	type BackupCounts,
	type ByteSource
} from '$lib/core';
import { standInKeyring } from '../../../fixtures/keyring';

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);

/** Bytes as a source that hands out at most `piece` bytes a read (as a stream may). */
function source(bytes: Uint8Array, piece = Infinity): ByteSource {
	return {
		size: bytes.length,
		chunks() {
			let offset = 0;
			return {
				read: async (into) => {
					if (offset >= bytes.length) return undefined;
					const part = bytes.subarray(offset, offset + Math.min(into.length, piece));
					offset += part.length;
					into.set(part);
					return into.subarray(0, part.length);
				}
			};
		}
	};
}

const fixedKeyring = () => standInKeyring((n) => new Uint8Array(n).fill(7));

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function measurementRows(count: number, encBytes = 40): Record<string, unknown>[] {
	return Array.from({ length: count }, (_, n) => ({
		id: uuid(n),
		clientId: uuid(1_000_000 + (n % 7)),
		takenOn: '2026-01-02',
		isDemo: false,
		enc: new Uint8Array(encBytes).fill((n * 31) & 255)
	}));
}

/** A whole sealed file made with the core functions alone, as the storage module makes it. */
async function makeFile(key: CryptoKey, rows: Record<string, unknown>[]) {
	const backupId = 'b0000000-0000-4000-8000-000000000001';
	const counts: BackupCounts = { ...emptyBackupCounts(), measurements: rows.length };
	const chain = new BackupChain();
	const lines: Uint8Array[] = [];
	const header = bytesOf(
		backupHeaderLine({
			app: 'framsteg',
			kind: 'backup',
			formatVersion: 3,
			exportedAt: '2026-11-27T10:00:00.000Z',
			schemaVersion: 4,
			backupId,
			keyring: fixedKeyring(),
			counts
		})
	);
	lines.push(header);
	await chain.add(header);
	const pages = new BackupPageWriter().pages('measurements', rows);
	for (const page of pages) {
		lines.push(page);
		await chain.add(page);
	}
	const hash = toBase64(chain.bytes());
	const seal = await sealBackup(key, backupId, { hash, pages: pages.length, counts });
	lines.push(bytesOf(backupTrailerLine({ end: true, pages: pages.length, counts, seal })));
	const size = lines.reduce((n, l) => n + l.length + 1, 0);
	const file = new Uint8Array(size);
	let at = 0;
	for (const line of lines) {
		file.set(line, at);
		at += line.length;
		file[at++] = 0x0a;
	}
	return { file, pages, backupId };
}

describe('BackupLineReader', () => {
	it('splits on line feeds exactly as the text splits, whatever the chunk size', async () => {
		const text = ['{"a":1}', '', 'åäö ✓', 'x'.repeat(100), '{}', 'last without feed'].join('\n');
		const expected = text.split('\n');
		for (const [chunkBytes, piece] of [
			[1, 1],
			[2, 1],
			[3, 3],
			[7, 5],
			[64, 64],
			[4096, 100]
		]) {
			const reader = new BackupLineReader(source(bytesOf(text), piece), { chunkBytes });
			const got: string[] = [];
			for (let line = await reader.next(1000); line; line = await reader.next(1000))
				got.push(new TextDecoder().decode(line));
			expect(got, `chunk ${chunkBytes}`).toEqual(expected);
			expect(reader.line).toBe(expected.length);
		}
	});

	it('hands out lines in place with free room before them, as the chain needs', async () => {
		const reader = new BackupLineReader(source(bytesOf('first\nsecond line\nthird')), {
			chunkBytes: 8
		});
		for (let line = await reader.next(100); line; line = await reader.next(100))
			expect(line.byteOffset).toBeGreaterThanOrEqual(CHAIN_ROOM);
	});

	it('ends cleanly after a final line feed, and refuses a line over the cap as it passes it', async () => {
		const reader = new BackupLineReader(source(bytesOf('ab\ncd\n')), { chunkBytes: 1 });
		expect(new TextDecoder().decode((await reader.next(10))!)).toBe('ab');
		expect(new TextDecoder().decode((await reader.next(10))!)).toBe('cd');
		expect(await reader.next(10)).toBeUndefined();
		const long = new BackupLineReader(source(bytesOf('x'.repeat(50) + '\n')), { chunkBytes: 8 });
		await expect(long.next(20)).rejects.toThrow(new ExchangeError('schema', 'line 1'));
	});
});

describe('BackupPageWriter', () => {
	it('writes pages that are plain JSON: plain fields, enc as base64', () => {
		const rows = measurementRows(5);
		const [page] = new BackupPageWriter().pages('measurements', rows);
		const value = JSON.parse(new TextDecoder().decode(page));
		expect(value.t).toBe('measurements');
		expect(value.rows).toEqual(rows.map((r) => ({ ...r, enc: toBase64(r.enc as Uint8Array) })));
		const tombstone = { id: 'x1', table: 'clients', deletedAt: '2026-11-27T10:00:00.000Z' };
		const [plain] = new BackupPageWriter().pages('tombstones', [tombstone]);
		expect(JSON.parse(new TextDecoder().decode(plain))).toEqual({
			t: 'tombstones',
			rows: [tombstone]
		});
	});

	it('cuts pages at the row cap and near the byte target', () => {
		const writer = new BackupPageWriter();
		const byCount = writer.pages('measurements', measurementRows(BACKUP_PAGE_MAX_ROWS * 2 + 1));
		expect(byCount.map((p) => JSON.parse(new TextDecoder().decode(p)).rows.length)).toEqual([
			BACKUP_PAGE_MAX_ROWS,
			BACKUP_PAGE_MAX_ROWS,
			1
		]);
		const big = writer.pages('measurements', measurementRows(60, 150_000));
		expect(big.length).toBeGreaterThan(1);
		for (const page of big) {
			expect(page.length).toBeLessThanOrEqual(BACKUP_PAGE_TARGET_BYTES);
			expect(page.length).toBeLessThan(BACKUP_LINE_MAX_BYTES);
		}
		const total = big.reduce((n, p) => n + JSON.parse(new TextDecoder().decode(p)).rows.length, 0);
		expect(total).toBe(60);
	});
});

describe('SealedBackupReader', () => {
	it('reads back what was written, with a seal that opens with the key and matches', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const rows = measurementRows(4500, 120);
		const { file, pages, backupId } = await makeFile(key, rows);
		for (const [chunkBytes, piece] of [
			[997, 500],
			[1 << 20, Infinity]
		]) {
			const reader = new SealedBackupReader(source(file, piece), {
				currentSchemaVersion: 4,
				chunkBytes
			});
			expect((await reader.header()).backupId).toBe(backupId);
			const read: Record<string, unknown>[] = [];
			for (;;) {
				const item = await reader.next();
				if ('trailer' in item) {
					expect(item.pages).toBe(pages.length);
					const seal = await openBackupSeal(key, backupId, item.trailer.seal);
					expect(seal && matchesSeal(item, seal)).toBe(true);
					const other = await importDataKey(newDataKeyBytes());
					expect(await openBackupSeal(other, backupId, item.trailer.seal)).toBeUndefined();
					break;
				}
				read.push(...item.rows);
			}
			expect(read).toEqual(rows);
		}
	});

	it('decodes every length of sealed bytes, and takes rows in another key order too', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const rows = Array.from({ length: 40 }, (_, n) => ({
			...measurementRows(1)[0],
			id: uuid(n),
			enc: crypto.getRandomValues(new Uint8Array(n + 1))
		}));
		const { file } = await makeFile(key, rows);
		const reader = new SealedBackupReader(source(file), { currentSchemaVersion: 4 });
		const page = await reader.next();
		expect('rows' in page && page.rows).toEqual(rows);
		// A page not as the writer makes it (enc first, spaces): parsed whole, same rows.
		const text = new TextDecoder().decode(file).split('\n');
		const odd = JSON.parse(text[1]) as { rows: Record<string, unknown>[] };
		text[1] = JSON.stringify(
			{ t: 'measurements', rows: odd.rows.map(({ enc, ...rest }) => ({ enc, ...rest })) },
			null,
			1
		).replace(/\n/g, ' ');
		const reread = new SealedBackupReader(source(bytesOf(text.join('\n'))), {
			currentSchemaVersion: 4
		});
		const again = await reread.next();
		expect('rows' in again && again.rows).toEqual(rows);
	});

	it('refuses a sealed value that is not base64', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const { file } = await makeFile(key, measurementRows(3));
		const text = new TextDecoder().decode(file).replace(/"enc":"[A-Za-z0-9+/]{4}/, '"enc":"A*B=');
		const reader = new SealedBackupReader(source(bytesOf(text)), { currentSchemaVersion: 4 });
		await expect(reader.next()).rejects.toThrow(
			new ExchangeError('schema', 'line 2: measurements.0')
		);
	});

	it('splits rows correctly around quotes, backslashes and braces inside strings', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const odd = { ...measurementRows(1)[0], clientId: 'a\\"}{[],"rows":[{' };
		const { file } = await makeFile(key, [...measurementRows(2), odd]);
		const reader = new SealedBackupReader(source(file), { currentSchemaVersion: 4 });
		// The odd value is read as one string (then refused by the row schema), not split apart.
		await expect(reader.next()).rejects.toThrow(
			new ExchangeError('schema', 'line 2: measurements.2')
		);
	});
});

describe('safe JSON nesting check', () => {
	it('skips strings (escaped quotes included) and still catches deep nesting', () => {
		expect(parseJsonSafely('{"a":"[[[[\\"{{{{","b":"\\\\"}', 1000)).toEqual({
			a: '[[[["{{{{',
			b: '\\'
		});
		const deep = `{"a":"\\\\","b":${'['.repeat(100)}${']'.repeat(100)}}`;
		expect(() => parseJsonSafely(deep, 10_000)).toThrow(new ExchangeError('not-json'));
	});
});

describe('BackupChain', () => {
	it('hashes in place exactly as with copies, and leaves the lines as they were', async () => {
		const lines = ['{"h":1}', 'page one', 'page two, longer'].map(bytesOf);
		const copied = new BackupChain();
		for (const line of lines) await copied.add(line);
		const inPlace = new BackupChain();
		for (const line of lines) {
			const buffer = new Uint8Array(CHAIN_ROOM + line.length);
			buffer.set(line, CHAIN_ROOM);
			const view = buffer.subarray(CHAIN_ROOM);
			await inPlace.addInPlace(view);
			expect(view).toEqual(line);
		}
		expect(toBase64(inPlace.bytes())).toBe(toBase64(copied.bytes()));
		// h0 = SHA-256(line 1), h1 = SHA-256(h0 ‖ line 2): the chain as the format defines it.
		const h0 = new Uint8Array(await crypto.subtle.digest('SHA-256', lines[0]));
		const h1 = new Uint8Array(
			await crypto.subtle.digest('SHA-256', new Uint8Array([...h0, ...lines[1]]))
		);
		const h2 = new Uint8Array(
			await crypto.subtle.digest('SHA-256', new Uint8Array([...h1, ...lines[2]]))
		);
		expect(toBase64(copied.bytes())).toBe(toBase64(h2));
	});
});

describe('base64 without the native methods', () => {
	it('encodes as btoa does, every length and byte', () => {
		for (let length = 0; length < 70; length++) {
			const bytes = crypto.getRandomValues(new Uint8Array(length));
			const binary = String.fromCharCode(...bytes);
			expect(toBase64(bytes)).toBe(btoa(binary));
		}
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		expect(toBase64(all)).toBe(btoa(String.fromCharCode(...all)));
	});
});

describe('a sealed backup where a hand-over file belongs', () => {
	it('is recognised by its first line, whatever follows', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const { file } = await makeFile(key, measurementRows(3));
		expect(isSealedBackupHead(file)).toBe(true);
		expect(isSealedBackupHead(file.subarray(0, file.indexOf(0x0a) + 1))).toBe(true);
		expect(isSealedBackupHead(new Uint8Array([0xef, 0xbb, 0xbf, ...file]))).toBe(true);
		// Not a backup header: no line end, another kind or app, an older format, not JSON, hostile.
		const header = JSON.parse(new TextDecoder().decode(file.subarray(0, file.indexOf(0x0a))));
		const head = (value: unknown) => bytesOf(`${JSON.stringify(value)}\n{}\n`);
		expect(isSealedBackupHead(file.subarray(0, file.indexOf(0x0a)))).toBe(false);
		expect(isSealedBackupHead(head({ ...header, kind: 'client' }))).toBe(false);
		expect(isSealedBackupHead(head({ ...header, app: 'other' }))).toBe(false);
		expect(isSealedBackupHead(head({ ...header, formatVersion: 1 }))).toBe(false);
		expect(isSealedBackupHead(head([header]))).toBe(false);
		expect(isSealedBackupHead(bytesOf('{"app":"framsteg",\n'))).toBe(false);
		expect(
			isSealedBackupHead(
				bytesOf('{"__proto__":{},"app":"framsteg","kind":"backup","formatVersion":3}\n')
			)
		).toBe(false);
		expect(isSealedBackupHead(new Uint8Array([0xff, 0xfe, 0x0a]))).toBe(false);
	});

	it('is refused on the import page as a backup (wrong kind), not as an unreadable file', async () => {
		const key = await importDataKey(newDataKeyBytes());
		const { file } = await makeFile(key, measurementRows(3));
		const text = new TextDecoder().decode(file);
		const error = await decodeFile(text, 'client', undefined).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ExchangeError);
		expect(error).toMatchObject({
			fault: 'wrong-kind',
			messageKey: 'exchange:errors.wrong-kind-backup'
		});
		// Cut after its header it is still a backup; a damaged first line is not recognised.
		const first = text.slice(0, text.indexOf('\n') + 1);
		expect(
			await decodeFile(first + 'x', 'client', undefined).catch((e: unknown) => e)
		).toMatchObject({
			messageKey: 'exchange:errors.wrong-kind-backup'
		});
		expect(
			await decodeFile(first.slice(5), 'client', undefined).catch((e: unknown) => e)
		).toMatchObject({ fault: 'not-json', messageKey: 'exchange:errors.not-json' });
	});
});

describe('the measurements’ plain-field check written out', () => {
	it('gives zod’s answer for valid and invalid rows', () => {
		const good = {
			id: 'a1b2c3d4-0000-4000-8000-000000000001',
			clientId: 'c0ffee00-0000-4000-8000-000000000002',
			takenOn: '2024-02-29',
			isDemo: false
		};
		const cases: unknown[] = [
			good,
			{ id: good.id },
			{ id: good.id, isDemo: true },
			{ ...good, takenOn: '2023-02-29' },
			{ ...good, takenOn: '2024-04-31' },
			{ ...good, takenOn: '2024-13-01' },
			{ ...good, takenOn: '2024-1-01' },
			{ ...good, takenOn: '２０２４-01-01' },
			{ ...good, takenOn: 20240101 },
			{ ...good, id: '' },
			{ ...good, id: 'x'.repeat(64) },
			{ ...good, id: 'x'.repeat(65) },
			{ ...good, id: 'has space' },
			{ ...good, id: 'ä' },
			{ ...good, clientId: 7 },
			{ ...good, clientId: null },
			{ ...good, isDemo: 'false' },
			{ ...good, code: 'X' },
			{ clientId: good.clientId },
			[],
			null,
			'row',
			{}
		];
		for (const value of cases)
			expect([value, isMeasurementPlain(value)]).toEqual([
				value,
				plainRowSchemas.measurements.safeParse(value).success
			]);
		expect(isMeasurementPlain(good)).toBe(true);
		expect(isMeasurementPlain({ ...good, code: 'X' })).toBe(false);
	});
});
