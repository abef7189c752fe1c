import { z } from 'zod';
import { keyringSchema } from '../security/keys';
import { decryptJson, encryptJson } from '../security/record-cipher';
import { isoDateSchema, timestampSchema } from '../time';
import { isDay, isRowId } from '../quick-check';
import { clientStatusSchema } from '../client/client';
import { BackupChain, CHAIN_ROOM } from './backup-chain';
import { PACK_IDS_OPENING, isPackPlain, readPackColumns, type FilePack } from './backup-packs';

export { BackupChain, CHAIN_ROOM } from './backup-chain';
import { base64Into, base64Length, fromBase64, toBase64 } from './crypto';
import {
	BACKUP_FILE_MAX_BYTES,
	MAX_BACKUP_CLIENTS,
	MAX_BACKUP_DRAFTS,
	MAX_BACKUP_MEASUREMENTS,
	MAX_TOMBSTONES
} from './envelope';
import { ExchangeError, wrongKindError } from './errors';
import { parseJsonSafely } from './safe-json';

/**
 * The sealed backup (file format 4; this app reads 3 too). Every stored row is already sealed with the
 * device's data key (DK), so a backup copies rows VERBATIM: no per-row crypto, and
 * a file that opens only with that key.
 *
 * The file is UTF-8 text, one JSON document per line (NDJSON):
 *
 * 1. header `{app, kind:'backup', formatVersion:4, exportedAt, schemaVersion,
 *    backupId, keyring, counts}`; `keyring` is the device's keyring as stored
 *    (DK wrapped under the passphrase and under the recovery key), so the file
 *    opens elsewhere with either secret as it was when the backup was made;
 *    `counts` are the rows per store when the backup began (no page may bring
 *    more; a stored row the file cannot carry is left out, so the trailer holds
 *    the exact counts);
 * 2. pages `{t:<table>, rows:[{…plain fields, enc:<base64>}]}`, at most
 *    `BACKUP_PAGE_MAX_ROWS` rows and about `BACKUP_PAGE_TARGET_BYTES` each, tables in
 *    `BACKUP_TABLES` order; from format 4 a measurements page holds packs, each a
 *    run of whole clients' measurements by column (backup-packs.ts), and a row of
 *    its own only for a measurement that fits no pack;
 * 3. trailer `{end:true, pages, counts, seal}`: `seal` is AES-GCM under DK (AAD
 *    `framsteg|backup|<backupId>`) of `{hash, pages, counts}`, where `hash` chains
 *    SHA-256 over the exact bytes of every line before the trailer:
 *    h0 = SHA-256(line 1), h_i = SHA-256(h_{i-1} ‖ line i+1).
 *
 * The seal therefore authenticates the header, every page, their order, the
 * counts and the end of the file with the data key: a file that was cut short,
 * edited, reordered or stitched together is refused as damaged. Each line ends
 * with a line feed (0x0A); the hash covers the line without it.
 *
 * Reading treats the file as hostile: size caps per file and per line, safe JSON,
 * strict zod schemas for every line and every row's plain fields, known tables
 * only, in order, counts never above what the header announced.
 */
export const SEALED_BACKUP_FORMAT = 4;
/** The oldest sealed format this app reads (3: one row per measurement; 4 adds packs, see backup-packs.ts). */
export const OLDEST_SEALED_BACKUP_FORMAT = 3;

/** The stores a backup holds, in file order. The audit log stays on the device. */
export const BACKUP_TABLES = [
	'profile',
	'clients',
	'measurements',
	'drafts',
	'tombstones',
	'plans',
	'interventions',
	'caseworkerChanges'
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];
export type BackupCounts = Record<BackupTable, number>;

/** The stores a restore counts and replaces row by row (the profile is one record, shown by name). */
export const RESTORED_TABLES = BACKUP_TABLES.filter(
	(t): t is Exclude<BackupTable, 'profile'> => t !== 'profile'
);
export type RestoredTable = (typeof RESTORED_TABLES)[number];
export type RestoreCounts = Record<RestoredTable, number>;

/** Rows per restored table, from anything keyed by table (counts, arrays' lengths). */
export function restoreCountsOf(count: (table: RestoredTable) => number): RestoreCounts {
	return Object.fromEntries(RESTORED_TABLES.map((t) => [t, count(t)])) as RestoreCounts;
}

/** Rows per page at most (the reader refuses more). */
export const BACKUP_PAGE_MAX_ROWS = 2000;
/** The writer starts a new page once a page's text reaches this size. */
export const BACKUP_PAGE_TARGET_BYTES = 3 * 1024 * 1024;
/** No line may be longer (a full page plus one row of the largest size fits well within). */
export const BACKUP_LINE_MAX_BYTES = 8 * 1024 * 1024;
/** The header (keyring and counts) is small. */
export const BACKUP_HEADER_MAX_BYTES = 64 * 1024;
/** A row's sealed record, base64 (the largest record, a full plan, is about 40 KB). */
export const BACKUP_ENC_MAX_CHARS = 256 * 1024;
/** How much of the file is read at once. */
export const BACKUP_READ_CHUNK_BYTES = 4 * 1024 * 1024;

/** Most rows a table may have in a backup. */
export const BACKUP_MAX_ROWS: BackupCounts = {
	profile: 1,
	clients: MAX_BACKUP_CLIENTS,
	measurements: MAX_BACKUP_MEASUREMENTS,
	drafts: MAX_BACKUP_DRAFTS,
	tombstones: MAX_TOMBSTONES,
	plans: MAX_BACKUP_CLIENTS * 10,
	interventions: MAX_BACKUP_CLIENTS * 20,
	caseworkerChanges: MAX_BACKUP_CLIENTS * 10
};

export function emptyBackupCounts(): BackupCounts {
	return {
		profile: 0,
		clients: 0,
		measurements: 0,
		drafts: 0,
		tombstones: 0,
		plans: 0,
		interventions: 0,
		caseworkerChanges: 0
	};
}

const countsSchema = z
	.object(
		Object.fromEntries(
			BACKUP_TABLES.map((t) => [t, z.number().int().min(0).max(BACKUP_MAX_ROWS[t])])
		) as Record<BackupTable, z.ZodNumber>
	)
	.strict();

const base64 = (max: number) =>
	z
		.string()
		.max(max)
		.regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const sealedBackupHeaderSchema = z
	.object({
		app: z.literal('framsteg'),
		kind: z.literal('backup'),
		formatVersion: z.union([
			z.literal(OLDEST_SEALED_BACKUP_FORMAT),
			z.literal(SEALED_BACKUP_FORMAT)
		]),
		exportedAt: timestampSchema,
		/** The database schema version the rows were written by. */
		schemaVersion: z.number().int().min(1).max(1000),
		backupId: z
			.string()
			.min(8)
			.max(64)
			.regex(/^[A-Za-z0-9-]+$/),
		keyring: keyringSchema,
		counts: countsSchema,
		/**
		 * The measurement pages hold each client's measurements together, clients in
		 * id order (written since schema 6), so a restore can store them in packs.
		 * Without it, rows come in any order and are stored one by one.
		 */
		measurementsByClient: z.literal(true).optional()
	})
	.strict();
export type SealedBackupHeader = z.infer<typeof sealedBackupHeaderSchema>;

export const sealedBackupTrailerSchema = z
	.object({
		end: z.literal(true),
		pages: z.number().int().min(0).max(1_000_000),
		counts: countsSchema,
		seal: base64(4096)
	})
	.strict();
export type SealedBackupTrailer = z.infer<typeof sealedBackupTrailerSchema>;

/** What the seal holds: the chain's last hash and what the file must contain. */
const sealPayloadSchema = z
	.object({
		hash: base64(64),
		pages: z.number().int().min(0),
		counts: countsSchema
	})
	.strict();
export type BackupSeal = z.infer<typeof sealPayloadSchema>;

// Row shapes: the plain fields each store keeps beside `enc` (storage/records.ts
// PLAIN_FIELDS; a unit test keeps the two in step), typed and capped. Only the id
// (and `enc`) must be there: a backup copies what is stored, so a restore must take
// every row a backup can hold. The seal vouches for the rows; the sealed record is
// checked against its plain fields when it is opened.
const rowId = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9-]+$/);
const enc = z.string().min(1).max(BACKUP_ENC_MAX_CHARS);

export const sealedRowSchemas = {
	profile: z.object({ id: rowId, enc }).strict(),
	clients: z
		.object({
			id: rowId,
			status: clientStatusSchema.optional(),
			caseworkerId: rowId.optional(),
			updatedAt: timestampSchema.optional(),
			isDemo: z.boolean().optional(),
			enc
		})
		.strict(),
	measurements: z
		.object({
			id: rowId,
			clientId: rowId.optional(),
			takenOn: isoDateSchema.optional(),
			isDemo: z.boolean().optional(),
			enc
		})
		.strict(),
	drafts: z
		.object({
			id: rowId,
			clientId: rowId.optional(),
			updatedAt: timestampSchema.optional(),
			enc
		})
		.strict(),
	tombstones: z
		.object({
			id: rowId,
			table: z.enum([
				'clients',
				'measurements',
				'drafts',
				'plans',
				'interventions',
				'caseworkerChanges'
			]),
			deletedAt: timestampSchema
		})
		.strict(),
	plans: z
		.object({
			id: rowId,
			clientId: rowId.optional(),
			reviewOn: isoDateSchema.optional(),
			updatedAt: timestampSchema.optional(),
			isDemo: z.boolean().optional(),
			enc
		})
		.strict(),
	interventions: z
		.object({
			id: rowId,
			clientId: rowId.optional(),
			startOn: isoDateSchema.optional(),
			isDemo: z.boolean().optional(),
			enc
		})
		.strict(),
	caseworkerChanges: z
		.object({
			id: rowId,
			clientId: rowId.optional(),
			changedOn: isoDateSchema.optional(),
			isDemo: z.boolean().optional(),
			enc
		})
		.strict()
} as const satisfies Record<BackupTable, z.ZodType>;

/** The same shapes without `enc`: a row's plain fields, checked apart from its sealed bytes. */
export const plainRowSchemas = Object.fromEntries(
	BACKUP_TABLES.map((t) => {
		const schema = sealedRowSchemas[t];
		const object = schema as unknown as z.ZodObject;
		return [t, 'enc' in object.shape ? object.omit({ enc: true } as never) : object];
	})
) as unknown as Record<BackupTable, z.ZodType>;

const MEASUREMENT_PLAIN_KEYS = new Set(['id', 'clientId', 'takenOn', 'isDemo']);

/**
 * The measurements' plain-field check (`plainRowSchemas.measurements`) written
 * out: a restore checks 100,000 of them, and zod's general machinery costs several
 * times more. A unit test holds the two to the same answers.
 */
export function isMeasurementPlain(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const row = value as Record<string, unknown>;
	for (const key of Object.keys(row)) if (!MEASUREMENT_PLAIN_KEYS.has(key)) return false;
	return (
		isRowId(row.id) &&
		(row.clientId === undefined || isRowId(row.clientId)) &&
		(row.takenOn === undefined || isDay(row.takenOn)) &&
		(row.isDemo === undefined || typeof row.isDemo === 'boolean')
	);
}

/** Whether a row's plain fields fit its store (`plainRowSchemas`). */
export function fitsPlainFields(table: BackupTable, value: unknown): boolean {
	return table === 'measurements'
		? isMeasurementPlain(value)
		: plainRowSchemas[table].safeParse(value).success;
}

/** A row as the file carries it: plain fields and (except tombstones) `enc` as base64. */
/**
 * A row as read from a file: its plain fields and, when asked for (rows to
 * write, the profile for the preview), `enc` as bytes.
 */
export type BackupFileRow = { id: string; enc?: Uint8Array<ArrayBuffer> } & Record<string, unknown>;

const pageSchema = z
	.object({
		t: z.enum(BACKUP_TABLES),
		rows: z.array(z.unknown()).min(1).max(BACKUP_PAGE_MAX_ROWS)
	})
	.strict();

// ---------------------------------------------------------------- writing

const encoder = new TextEncoder();
const QUOTE = 0x22;

/**
 * Builds page lines as bytes, straight from stored rows, without a string per
 * page or per sealed value: each row's plain fields become a small JSON text and
 * its `enc` bytes go into the page as base64 digits directly, into a buffer
 * that is used again and again. Rows come one at a time (`push`); a page ends
 * after `BACKUP_PAGE_MAX_ROWS` rows, once it reaches `BACKUP_PAGE_TARGET_BYTES`,
 * when the store changes, or at `flush`.
 *
 * A finished page is handed out in place, with `CHAIN_ROOM` free bytes before it,
 * and its buffer stays the caller's until `release(page)`: the caller copies it
 * (into a Blob) and hashes it in place meanwhile, while the writer goes on in
 * another buffer. Two buffers take turns as long as each page is released
 * before the next one is finished; a third is made only if not.
 */
export class BackupPageWriter {
	#free: Uint8Array<ArrayBuffer>[] = [];
	#buffer: Uint8Array<ArrayBuffer> = this.#take();
	#at = CHAIN_ROOM;
	#rows = 0;
	#table: BackupTable | undefined;

	/** Adds one stored row of a store; returns the page this finished, if any. */
	push(table: BackupTable, row: Record<string, unknown>): Uint8Array<ArrayBuffer> | undefined {
		const need = rowBytes(row);
		let finished: Uint8Array<ArrayBuffer> | undefined;
		if (
			this.#rows > 0 &&
			(table !== this.#table ||
				this.#rows >= BACKUP_PAGE_MAX_ROWS ||
				this.#at + need > CHAIN_ROOM + BACKUP_PAGE_TARGET_BYTES)
		)
			finished = this.flush();
		if (this.#rows === 0) {
			const prefix = pagePrefix(table);
			this.#at = CHAIN_ROOM;
			this.#reserve(this.#at + prefix.length + need);
			this.#buffer.set(prefix, this.#at);
			this.#at += prefix.length;
			this.#table = table;
		} else {
			this.#reserve(this.#at + need);
			this.#buffer[this.#at++] = 0x2c; // ,
		}
		this.#at = writeRow(row, this.#buffer, this.#at);
		this.#rows++;
		return finished;
	}

	/** The page under way, finished (handed out in place); undefined when there is none. */
	flush(): Uint8Array<ArrayBuffer> | undefined {
		if (this.#rows === 0) return undefined;
		this.#reserve(this.#at + 2);
		this.#buffer[this.#at++] = 0x5d; // ]
		this.#buffer[this.#at++] = 0x7d; // }
		const page = this.#buffer.subarray(CHAIN_ROOM, this.#at);
		this.#rows = 0;
		this.#buffer = this.#take();
		return page;
	}

	/** Gives a finished page's buffer back, once it has been copied and hashed. */
	release(buffer: ArrayBuffer): void {
		if (this.#free.length < 2) this.#free.push(new Uint8Array(buffer));
	}

	/** Every page of a store's rows at once, as copies (tests, small stores). */
	pages(table: BackupTable, rows: readonly Record<string, unknown>[]): Uint8Array<ArrayBuffer>[] {
		const out: Uint8Array<ArrayBuffer>[] = [];
		const keep = (page: Uint8Array<ArrayBuffer> | undefined) => {
			if (!page) return;
			out.push(page.slice());
			this.release(page.buffer);
		};
		for (const row of rows) keep(this.push(table, row));
		keep(this.flush());
		return out;
	}

	#take(): Uint8Array<ArrayBuffer> {
		return this.#free.pop() ?? new Uint8Array(CHAIN_ROOM + BACKUP_PAGE_TARGET_BYTES + 64 * 1024);
	}

	#reserve(size: number): void {
		if (size <= this.#buffer.length) return;
		const bigger = new Uint8Array(size + 64 * 1024);
		bigger.set(this.#buffer.subarray(0, this.#at));
		this.#buffer = bigger;
	}
}

const PAGE_PREFIXES = new Map(
	BACKUP_TABLES.map((table) => [table, encoder.encode(`{"t":${JSON.stringify(table)},"rows":[`)])
);
function pagePrefix(table: BackupTable): Uint8Array {
	return PAGE_PREFIXES.get(table)!;
}

/**
 * Most bytes a stored row can take in a page: every plain text at 6 bytes a unit
 * (a JSON escape), `enc` as base64, punctuation.
 */
function rowBytes(row: Record<string, unknown>): number {
	let n = 2;
	for (const key in row) {
		const value = row[key];
		n += key.length * 6 + 4;
		if (value instanceof Uint8Array) n += base64Length(value.length) + 2;
		else if (typeof value === 'string') n += value.length * 6 + 2;
		else n += 24;
	}
	return n;
}

/**
 * Writes one stored row as JSON into `out` at `at`: plain fields as they are
 * (strings of plain printable ASCII byte by byte, anything else through
 * `JSON.stringify`), `enc` last, as base64 digits straight from its bytes.
 * Returns where the row ends. `out` must hold `rowBytes(row)` more bytes.
 */
function writeRow(row: Record<string, unknown>, out: Uint8Array, at: number): number {
	let o = at;
	out[o++] = 0x7b; // {
	let first = true;
	let enc: Uint8Array | undefined;
	for (const key in row) {
		const value = row[key];
		if (value === undefined) continue;
		if (key === 'enc' && value instanceof Uint8Array) {
			enc = value;
			continue;
		}
		if (!first) out[o++] = 0x2c; // ,
		first = false;
		o = writeString(key, out, o);
		out[o++] = 0x3a; // :
		if (typeof value === 'string') o = writeString(value, out, o);
		else o += encoder.encodeInto(JSON.stringify(value) ?? 'null', out.subarray(o)).written;
	}
	if (enc) {
		if (!first) out[o++] = 0x2c;
		out.set(ENC_KEY, o);
		o = base64Into(enc, out, o + ENC_KEY.length);
		out[o++] = QUOTE;
	}
	out[o++] = 0x7d; // }
	return o;
}

const ENC_KEY = encoder.encode('"enc":"');

/** A JSON string: plain printable ASCII (ids, dates) byte by byte, anything else escaped by JSON. */
function writeString(text: string, out: Uint8Array, at: number): number {
	let o = at + 1;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x20 || c > 0x7e || c === QUOTE || c === 0x5c)
			return at + encoder.encodeInto(JSON.stringify(text), out.subarray(at)).written;
		out[o++] = c;
	}
	out[at] = QUOTE;
	out[o++] = QUOTE;
	return o;
}

export function backupHeaderLine(header: SealedBackupHeader): string {
	return JSON.stringify(sealedBackupHeaderSchema.parse(header));
}

export function backupTrailerLine(trailer: SealedBackupTrailer): string {
	return JSON.stringify(trailer);
}

function sealAad(backupId: string): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(`framsteg|backup|${backupId}`);
}

/** Seals what the file must contain with the data key (base64 of IV ‖ ciphertext). */
export async function sealBackup(
	key: CryptoKey,
	backupId: string,
	payload: BackupSeal
): Promise<string> {
	return toBase64(await encryptJson(key, sealAad(backupId), sealPayloadSchema.parse(payload)));
}

/** Opens the seal; undefined when this key does not open it (another key, or a damaged seal). */
export async function openBackupSeal(
	key: CryptoKey,
	backupId: string,
	seal: string
): Promise<BackupSeal | undefined> {
	let bytes: Uint8Array<ArrayBuffer>;
	try {
		bytes = fromBase64(seal);
	} catch {
		throw new ExchangeError('damaged');
	}
	let value: unknown;
	try {
		value = await decryptJson(key, sealAad(backupId), bytes);
	} catch {
		return undefined;
	}
	const parsed = sealPayloadSchema.safeParse(value);
	if (!parsed.success) throw new ExchangeError('damaged');
	return parsed.data;
}

// ---------------------------------------------------------------- reading

/**
 * Reads a file front to back into buffers it is given: each `read` fills part of
 * `into` and returns the bytes read (a view on the same memory, which may come
 * back as a new ArrayBuffer object, as a BYOB stream read does), or undefined at
 * the end. No buffer is allocated per read.
 */
export type ChunkReader = {
	read(into: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer> | undefined>;
};
export type ByteSource = { readonly size: number; chunks(): ChunkReader };

/**
 * Splits a file into lines on byte 0x0A as it reads it, a chunk at a time into
 * two buffers that take turns (the next chunk is read while this one is used), so
 * the raw bytes of each line can be hashed and nothing but two chunks and one
 * line buffer is ever held, whatever the file's size. A line that lies within a
 * chunk is returned in place; one that spans chunks is gathered into the line
 * buffer. Either way a returned line is valid until the next call, and has
 * `CHAIN_ROOM` free bytes before it. A line longer than `max` is refused as soon
 * as it passes the cap.
 */
export class BackupLineReader {
	#reader: ChunkReader;
	#chunkBytes: number;
	#current: Uint8Array<ArrayBuffer> = new Uint8Array(0);
	#pos = 0;
	#ahead: Promise<Uint8Array<ArrayBuffer> | undefined> | undefined;
	#line = new Uint8Array(CHAIN_ROOM + 64 * 1024);
	#done = false;
	/** 1-based number of the last line returned. */
	line = 0;

	constructor(source: ByteSource, o: { chunkBytes?: number } = {}) {
		this.#reader = source.chunks();
		this.#chunkBytes = o.chunkBytes ?? BACKUP_READ_CHUNK_BYTES;
		this.#ahead = this.#readInto(new ArrayBuffer(CHAIN_ROOM + this.#chunkBytes));
	}

	#readInto(buffer: ArrayBuffer): Promise<Uint8Array<ArrayBuffer> | undefined> {
		return this.#reader.read(new Uint8Array(buffer, CHAIN_ROOM, this.#chunkBytes));
	}

	/** Moves on to the chunk read ahead, and reads the one after into the buffer just used. */
	async #advance(): Promise<boolean> {
		if (!this.#ahead) return false;
		const next = await this.#ahead;
		if (!next || next.length === 0) {
			this.#ahead = undefined;
			return false;
		}
		const free =
			this.#current.buffer.byteLength > 0
				? this.#current.buffer
				: new ArrayBuffer(CHAIN_ROOM + this.#chunkBytes);
		this.#current = next;
		this.#pos = 0;
		this.#ahead = this.#readInto(free);
		return true;
	}

	#gather(piece: Uint8Array, length: number, max: number): void {
		const need = CHAIN_ROOM + length + piece.length;
		if (need > this.#line.length) {
			const bigger = new Uint8Array(
				Math.min(CHAIN_ROOM + max, Math.max(need, this.#line.length * 2))
			);
			bigger.set(this.#line.subarray(0, CHAIN_ROOM + length));
			this.#line = bigger;
		}
		this.#line.set(piece, CHAIN_ROOM + length);
	}

	/** The next line without its line feed; undefined at the end of the file. */
	async next(max: number): Promise<Uint8Array | undefined> {
		if (this.#done) return undefined;
		let length = 0;
		let gathered = false;
		for (;;) {
			const at = this.#current.indexOf(0x0a, this.#pos);
			const end = at === -1 ? this.#current.length : at;
			if (length + end - this.#pos > max)
				throw new ExchangeError('schema', `line ${this.line + 1}`);
			if (at !== -1 && !gathered) {
				const line = this.#current.subarray(this.#pos, at);
				this.#pos = at + 1;
				this.line++;
				return line;
			}
			if (end > this.#pos) {
				this.#gather(this.#current.subarray(this.#pos, end), length, max);
				length += end - this.#pos;
			}
			gathered = true;
			if (at !== -1) {
				this.#pos = at + 1;
				break;
			}
			this.#pos = this.#current.length;
			if (!(await this.#advance())) {
				this.#done = true;
				if (length === 0) return undefined;
				break;
			}
		}
		this.line++;
		return this.#line.subarray(CHAIN_ROOM, CHAIN_ROOM + length);
	}
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseLine(bytes: Uint8Array, max: number): unknown {
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		throw new ExchangeError('not-json');
	}
	return parseJsonSafely(text, max);
}

/**
 * Which kind of backup a file is, from its first bytes. An older backup is one
 * JSON document (plain, or encrypted with a file passphrase) on one line; a sealed
 * backup is a JSON header line followed by more lines. A first line that says
 * format 3 or later, or any JSON object line with more lines after it, goes to the
 * sealed reader, which then says precisely what is wrong with it.
 */
export function detectBackupFormat(head: Uint8Array): 'sealed' | 'legacy' {
	const at = head.indexOf(0x0a);
	if (at === -1) return 'legacy';
	let value: unknown;
	try {
		value = parseLine(stripBom(head.subarray(0, at)), BACKUP_HEADER_MAX_BYTES);
	} catch {
		return 'legacy';
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return 'legacy';
	const { formatVersion } = value as Record<string, unknown>;
	if (typeof formatVersion === 'number' && formatVersion >= OLDEST_SEALED_BACKUP_FORMAT)
		return 'sealed';
	const rest = head.subarray(at + 1);
	return rest.some((b) => b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09)
		? 'sealed'
		: 'legacy';
}

/**
 * Whether a file begins like a sealed backup: a first line that is a Framsteg
 * backup header of format 3 or later. Lets a page that takes other files say
 * "this is a backup" instead of "not a Framsteg file" (a sealed backup is many
 * JSON lines, not one document). Only the first line is read, as safe JSON; the
 * rest of the header is not checked here (the restore does that).
 */
export function isSealedBackupHead(head: Uint8Array): boolean {
	const at = head.indexOf(0x0a);
	if (at === -1) return false;
	let value: unknown;
	try {
		value = parseLine(stripBom(head.subarray(0, at)), BACKUP_HEADER_MAX_BYTES);
	} catch {
		return false;
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const { app, kind, formatVersion } = value as Record<string, unknown>;
	return (
		app === 'framsteg' &&
		kind === 'backup' &&
		typeof formatVersion === 'number' &&
		formatVersion >= OLDEST_SEALED_BACKUP_FORMAT
	);
}

/** Checks a header: Framsteg, a backup, not newer than this build (format and schema). */
export function readSealedHeader(value: unknown, currentSchemaVersion: number): SealedBackupHeader {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new ExchangeError('not-framsteg');
	const v = value as Record<string, unknown>;
	if (v.app !== 'framsteg') throw new ExchangeError('not-framsteg');
	if (v.kind !== 'backup') throw wrongKindError(v.kind);
	if (typeof v.formatVersion === 'number' && v.formatVersion > SEALED_BACKUP_FORMAT)
		throw new ExchangeError('newer-version');
	if (typeof v.schemaVersion === 'number' && v.schemaVersion > currentSchemaVersion)
		throw new ExchangeError('newer-version');
	const parsed = sealedBackupHeaderSchema.safeParse(value);
	if (!parsed.success)
		throw new ExchangeError('schema', `line 1: ${parsed.error.issues[0].path.join('.')}`);
	return parsed.data;
}

/** A page read: its store, its rows (unless not kept) and how many there were. */
export type BackupPage = {
	table: BackupTable;
	rows: BackupFileRow[];
	/** Measurement packs (format 4; see backup-packs.ts), kept as the rows are. */
	packs: FilePack[];
	/** Records on the page: its rows and every measurement in its packs. */
	count: number;
};
export type BackupEnd = {
	trailer: SealedBackupTrailer;
	/** The chain's hash over the header and every page, base64. */
	hash: string;
	pages: number;
	counts: BackupCounts;
};

function sameCounts(a: BackupCounts, b: BackupCounts): boolean {
	return BACKUP_TABLES.every((t) => a[t] === b[t]);
}

/**
 * Reads a sealed backup line by line: the header, then each page (validated,
 * hashed, counted, never beyond the header's counts), then the trailer, which
 * must end the file and agree with what was read. It does NOT open the seal (that needs a key):
 * compare `BackupEnd` with the opened seal using `matchesSeal`.
 */
export class SealedBackupReader {
	#lines: BackupLineReader;
	#chain = new BackupChain();
	#header: SealedBackupHeader | undefined;
	#counts = emptyBackupCounts();
	#pages = 0;
	#table = 0;
	#ended = false;

	constructor(
		source: ByteSource,
		private readonly o: { currentSchemaVersion: number; chunkBytes?: number }
	) {
		if (source.size > BACKUP_FILE_MAX_BYTES) throw new ExchangeError('too-large');
		if (source.size === 0) throw new ExchangeError('empty');
		this.#lines = new BackupLineReader(source, { chunkBytes: o.chunkBytes });
	}

	/** Rows read so far, over all tables. */
	get rowsRead(): number {
		return BACKUP_TABLES.reduce((sum, t) => sum + this.#counts[t], 0);
	}

	async header(): Promise<SealedBackupHeader> {
		if (this.#header) return this.#header;
		const bytes = await this.#lines.next(BACKUP_HEADER_MAX_BYTES);
		if (!bytes) throw new ExchangeError('empty');
		const header = readSealedHeader(
			parseLine(stripBom(bytes), BACKUP_HEADER_MAX_BYTES),
			this.o.currentSchemaVersion
		);
		await this.#chain.addInPlace(bytes);
		this.#header = header;
		return header;
	}

	/** The next page, or the end (trailer checked against the header and what was read). */
	async next(
		o: {
			/** Keep the page's rows (to write them); a preview only looks at each one. */
			keep?: boolean;
			/** Called with each row once it is checked. */
			each?: (table: BackupTable, row: BackupFileRow) => void;
			/** Which stores' rows get `enc` as bytes (default: all when kept, none otherwise). */
			decode?: (table: BackupTable) => boolean;
		} = {}
	): Promise<BackupPage | BackupEnd> {
		const keep = o.keep ?? true;
		const header = await this.header();
		if (this.#ended) throw new Error('read past the end');
		const bytes = await this.#lines.next(BACKUP_LINE_MAX_BYTES);
		// The file stops before its trailer: cut short.
		if (!bytes) throw new ExchangeError('damaged');
		const where = `line ${this.#lines.line}`;
		if (bytes.length === 0) throw new ExchangeError('schema', where);
		let page: { t: BackupTable; rows: unknown[] } | undefined = splitPage(bytes);
		if (!page) {
			// Not a page as the writer makes it: parse the whole line, for the trailer or a precise error.
			const value = parseLine(bytes, BACKUP_LINE_MAX_BYTES);
			if (value && typeof value === 'object' && 'end' in value) return this.#end(value, where);
			const parsed = pageSchema.safeParse(value);
			if (!parsed.success) throw new ExchangeError('schema', where);
			page = parsed.data;
		}
		if (page.rows.length > BACKUP_PAGE_MAX_ROWS) throw new ExchangeError('schema', where);
		const table = page.t;
		// Tables come in a fixed order, each in one run of pages.
		const order = BACKUP_TABLES.indexOf(table);
		if (order < this.#table) throw new ExchangeError('damaged');
		this.#table = order;
		const decode = o.decode?.(table) ?? keep;
		// Packs only in measurements pages of a file whose format has them.
		const packsHere = table === 'measurements' && header.formatVersion >= 4;
		const rows: BackupFileRow[] = [];
		const packs: FilePack[] = [];
		let count = 0;
		// Rows to decode are read from ONE text of the whole line, made at once: as
		// Latin-1, one character a byte, so a row's byte offsets are its text's too
		// (a page as the writer makes it is ASCII; anything else fails its row's check).
		const text = decode && page.rows[0] instanceof Uint8Array ? ascii.decode(bytes) : undefined;
		// One row at a time, so a preview holds none of them longer than it looks at it.
		for (let n = 0; n < page.rows.length; n++) {
			const raw = page.rows[n];
			if (
				packsHere &&
				(raw instanceof Uint8Array ? startsWith(raw, PACK_IDS_OPENING) : isPackPlain(raw))
			) {
				const pack =
					raw instanceof Uint8Array
						? readPackRow(raw, decode, text, raw.byteOffset - bytes.byteOffset)
						: checkPackRow(raw, decode);
				if (!pack) throw new ExchangeError('schema', `${where}: ${table}.${n}`);
				if (keep) packs.push(pack);
				count += pack.ids.length;
				continue;
			}
			const row =
				raw instanceof Uint8Array
					? readRow(table, raw, decode, text, raw.byteOffset - bytes.byteOffset)
					: checkRow(table, raw, decode);
			if (!row) throw new ExchangeError('schema', `${where}: ${table}.${n}`);
			o.each?.(table, row);
			if (keep) rows.push(row);
			count++;
		}
		this.#counts[table] += count;
		// More rows than the header announced: pages were added or repeated.
		if (this.#counts[table] > header.counts[table]) throw new ExchangeError('damaged');
		this.#pages++;
		await this.#chain.addInPlace(bytes);
		return { table, rows, packs, count };
	}

	/** The trailer: it must end the file and agree with what was read. */
	async #end(value: unknown, where: string): Promise<BackupEnd> {
		const trailer = sealedBackupTrailerSchema.safeParse(value);
		if (!trailer.success) throw new ExchangeError('schema', where);
		if ((await this.#lines.next(BACKUP_LINE_MAX_BYTES)) !== undefined)
			throw new ExchangeError('damaged');
		if (!sameCounts(trailer.data.counts, this.#counts) || trailer.data.pages !== this.#pages)
			throw new ExchangeError('damaged');
		this.#ended = true;
		return {
			trailer: trailer.data,
			hash: toBase64(this.#chain.bytes()),
			pages: this.#pages,
			counts: { ...this.#counts }
		};
	}
}

/** How much of a file's end to read for its trailer (a trailer is well under this). */
export const BACKUP_TAIL_BYTES = 16 * 1024;

/**
 * The trailer, from the last bytes of a file (`BACKUP_TAIL_BYTES` of them): its
 * last line, which must be a trailer, followed by the final line feed. A file cut
 * short ends in a page or in part of a line, and is refused as the full reading
 * would refuse it (`damaged`, or `not-json` for a line cut in two).
 */
export function readTrailerFromTail(tail: Uint8Array): SealedBackupTrailer {
	const end = tail[tail.length - 1] === 0x0a ? tail.length - 1 : tail.length;
	const start = tail.lastIndexOf(0x0a, end - 1) + 1;
	if (start === 0 && tail.length >= BACKUP_TAIL_BYTES) throw new ExchangeError('damaged');
	const value = parseLine(tail.subarray(start, end), BACKUP_TAIL_BYTES);
	if (!value || typeof value !== 'object' || !('end' in value)) throw new ExchangeError('damaged');
	const trailer = sealedBackupTrailerSchema.safeParse(value);
	if (!trailer.success) throw new ExchangeError('schema', 'trailer');
	return trailer.data;
}

/**
 * The ids in a page line as the writer makes it (`{"t":…,"rows":[{"id":"…",…},…]}`),
 * found by their bytes alone: each row starts with `{"id":"` (a pack row with
 * `{"ids":"`, its ids comma-separated), and the sealed
 * values (base64) hold no braces, so a native search hops from row to row. For
 * what a preview only counts (records that would come back); anything the
 * search does not understand is left out, and the restore itself checks every
 * row. Undefined for a line that is not a page.
 */
export function pageIds(line: Uint8Array): { table: BackupTable; ids: string[] } | undefined {
	const table = BACKUP_TABLES.find((t) => startsWith(line, pagePrefix(t)));
	if (!table) return undefined;
	const ids: string[] = [];
	let at = pagePrefix(table).length;
	for (;;) {
		at = line.indexOf(0x7b, at); // {
		if (at === -1) return { table, ids };
		if (startsWith(line.subarray(at, at + PACK_IDS_OPENING.length), PACK_IDS_OPENING)) {
			// A pack row: its ids are one text, comma-separated.
			const from = at + PACK_IDS_OPENING.length;
			const to = line.indexOf(QUOTE, from);
			if (to === -1) continue;
			for (const id of ascii.decode(line.subarray(from, to)).split(','))
				if (id.length > 0 && id.length <= 64) ids.push(id);
			at = to;
			continue;
		}
		at++;
		if (!startsWith(line.subarray(at, at + ID_OPENING.length), ID_OPENING)) continue;
		const from = at + ID_OPENING.length;
		const to = line.indexOf(QUOTE, from);
		if (to === -1 || to - from > 64) continue;
		ids.push(ascii.decode(line.subarray(from, to)));
		at = to;
	}
}
const ID_OPENING = encoder.encode('"id":"');

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
	if (bytes.length < prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
	return true;
}

/**
 * A page line as the writer makes it, `{"t":"<table>","rows":[{…},{…}]}` with flat
 * rows, split into its table and the bytes of each row, so rows are parsed one by
 * one and no page ever becomes one large string. Strings are skipped with
 * `indexOf` (quote to quote). Anything else (another shape, nesting, a trailer, a
 * broken line) gives undefined: the caller then parses the whole line.
 */
function splitPage(bytes: Uint8Array): { t: BackupTable; rows: Uint8Array[] } | undefined {
	const table = BACKUP_TABLES.find((t) => startsWith(bytes, pagePrefix(t)));
	if (!table) return undefined;
	const rows: Uint8Array[] = [];
	let i = pagePrefix(table).length;
	for (;;) {
		if (bytes[i] !== 0x7b) return undefined; // { opens a row
		const start = i;
		i++;
		for (;;) {
			if (i >= bytes.length) return undefined;
			const c = bytes[i];
			if (c === 0x22) {
				// To the closing quote: the next one not escaped by an odd run of backslashes.
				for (;;) {
					const q = bytes.indexOf(0x22, i + 1);
					if (q === -1) return undefined;
					let slashes = 0;
					while (bytes[q - 1 - slashes] === 0x5c) slashes++;
					i = q;
					if (slashes % 2 === 0) break;
				}
				i++;
			} else if (c === 0x7d)
				break; // } closes the row
			else if (c === 0x7b || c === 0x5b)
				return undefined; // nested: not a flat row
			else i++;
		}
		rows.push(bytes.subarray(start, i + 1));
		i++;
		if (bytes[i] === 0x2c) i++;
		else if (bytes[i] === 0x5d && bytes[i + 1] === 0x7d && i + 2 === bytes.length)
			return { t: table, rows };
		else return undefined;
	}
}

/** The value of each base64 digit by its byte (-1: not a digit); '=' only as padding. */
const BASE64_VALUES = (() => {
	const values = new Int16Array(256).fill(-1);
	const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	for (let i = 0; i < digits.length; i++) values[digits.charCodeAt(i)] = i;
	return values;
})();
const ENC_OPENING = encoder.encode('"enc":"');

/**
 * One row of a page, from its bytes. A row as the writer makes it ends with
 * `"enc":"<base64>"}`: the base64 is checked and, when asked for, decoded right
 * from the bytes, and only the short plain part becomes text and JSON, so no row
 * costs a string the size of its sealed record. Any other row is parsed whole.
 * Undefined when the row does not meet its store's shape.
 */
function readRow(
	table: BackupTable,
	bytes: Uint8Array,
	decode: boolean,
	/** The whole line as Latin-1 text, and where this row starts in it (see `next`). */
	text?: string,
	offset = 0
): BackupFileRow | undefined {
	const parts = sealedParts(bytes, decode, text, offset);
	if (parts === null) return checkRow(table, parseLine(bytes, BACKUP_LINE_MAX_BYTES), decode);
	if (!parts || !fitsPlainFields(table, parts.plain)) return undefined;
	const row = parts.plain as BackupFileRow;
	if (parts.enc) row.enc = parts.enc;
	return row;
}

/** A pack row from its bytes (see `readRow`); undefined when it is not a well-formed one. */
function readPackRow(
	bytes: Uint8Array,
	decode: boolean,
	text: string | undefined,
	offset: number
): FilePack | undefined {
	const parts = sealedParts(bytes, decode, text, offset);
	return parts ? readPackColumns(parts.plain, parts.enc, parts.encLength) : undefined;
}

/** A pack row from a page that was parsed whole. */
function checkPackRow(value: unknown, decode: boolean): FilePack | undefined {
	const { enc, ...plain } = value as Record<string, unknown>;
	if (typeof enc !== 'string' || enc.length === 0 || enc.length > BACKUP_ENC_MAX_CHARS)
		return undefined;
	let bytes: Uint8Array<ArrayBuffer>;
	try {
		bytes = fromBase64(enc);
	} catch {
		return undefined;
	}
	return readPackColumns(plain, decode ? bytes : undefined, bytes.length);
}

/**
 * A row's parts when it ends in `"enc":"<base64>"}` as the writer makes it: the
 * short plain part parsed (only it becomes text and JSON, so no row costs a
 * string the size of its sealed value), the base64 checked and, when asked for,
 * decoded right from the bytes, and the sealed value's length. Null when the row
 * does not end so (the caller parses it whole); undefined when its `enc` is not
 * base64 of a length a row may have.
 */
function sealedParts(
	bytes: Uint8Array,
	decode: boolean,
	text: string | undefined,
	offset: number
):
	| { plain: unknown; enc: Uint8Array<ArrayBuffer> | undefined; encLength: number }
	| null
	| undefined {
	const split = splitEnc(bytes);
	if (!split) return null;
	const { plainEnd, encStart, encEnd } = split;
	const digits = encEnd - encStart;
	if (digits === 0 || digits > BACKUP_ENC_MAX_CHARS || digits % 4 !== 0) return undefined;
	const plainText =
		plainEnd === 1
			? '{}'
			: text !== undefined
				? `${text.substring(offset, offset + plainEnd)}}`
				: `${utf8.decode(bytes.subarray(0, plainEnd))}}`;
	const plain = parseJsonSafely(plainText, BACKUP_LINE_MAX_BYTES);
	if (decode) {
		const enc =
			text !== undefined && nativeFromBase64
				? fromBase64Text(text.substring(offset + encStart, offset + encEnd))
				: decodeBase64(bytes, encStart, encEnd);
		return enc ? { plain, enc, encLength: enc.length } : undefined;
	}
	if (!isBase64(bytes, encStart, encEnd)) return undefined;
	let pad = 0;
	if (bytes[encEnd - 1] === 0x3d) pad++;
	if (bytes[encEnd - 2] === 0x3d) pad++;
	return { plain, enc: undefined, encLength: (digits / 4) * 3 - pad };
}

/** Whether these bytes are base64 digits, '=' padding (two at most) only at the end. */
function isBase64(bytes: Uint8Array, start: number, end: number): boolean {
	let i = end;
	while (i > end - 2 && i > start && bytes[i - 1] === 0x3d) i--;
	for (let k = start; k < i; k++) if (BASE64_VALUES[bytes[k]] < 0) return false;
	return true;
}

/** The browser's own base64 decoder, where there is one (Chromium 140+, Firefox 133+, Safari 18.2+). */
const nativeFromBase64 = (
	Uint8Array as unknown as {
		fromBase64?: (text: string, o?: { lastChunkHandling?: string }) => Uint8Array<ArrayBuffer>;
	}
).fromBase64;
const ascii = new TextDecoder('latin1');

/** Base64 text to bytes with the browser's decoder; undefined when it is not base64. */
function fromBase64Text(digits: string): Uint8Array<ArrayBuffer> | undefined {
	try {
		return nativeFromBase64!(digits, { lastChunkHandling: 'strict' });
	} catch {
		return undefined;
	}
}

/**
 * Where a row's `enc` lies, when the row ends in `"enc":"<base64 digits>"}` with
 * `{` or `,` before the key: the plain part ends at `plainEnd` (before that comma,
 * or just after the brace), the digits run from `encStart` to `encEnd`.
 */
function splitEnc(
	bytes: Uint8Array
): { plainEnd: number; encStart: number; encEnd: number } | undefined {
	const n = bytes.length;
	if (n < ENC_OPENING.length + 3 || bytes[n - 1] !== 0x7d || bytes[n - 2] !== QUOTE)
		return undefined;
	const encEnd = n - 2;
	// Back to the value's opening quote (a native search: base64 has no quotes). The
	// digits between are checked as they are decoded (`decodeBase64`), or by `isBase64`.
	const encStart = bytes.lastIndexOf(QUOTE, encEnd - 1) + 1;
	const key = encStart - ENC_OPENING.length;
	if (key < 1) return undefined;
	for (let k = 0; k < ENC_OPENING.length; k++)
		if (bytes[key + k] !== ENC_OPENING[k]) return undefined;
	if (bytes[key - 1] === 0x7b) return key === 1 ? { plainEnd: 1, encStart, encEnd } : undefined;
	if (bytes[key - 1] !== 0x2c) return undefined;
	return { plainEnd: key - 1, encStart, encEnd };
}

/**
 * Base64 digits (length a multiple of 4) straight to bytes; undefined when they are
 * not all digits (with '=' padding only at the end). Natively where the browser can.
 */
function decodeBase64(
	bytes: Uint8Array,
	start: number,
	end: number
): Uint8Array<ArrayBuffer> | undefined {
	if (nativeFromBase64) {
		try {
			return nativeFromBase64(ascii.decode(bytes.subarray(start, end)), {
				lastChunkHandling: 'strict'
			});
		} catch {
			return undefined;
		}
	}
	if (!isBase64(bytes, start, end)) return undefined;
	let pad = 0;
	if (bytes[end - 1] === 0x3d) pad++;
	if (bytes[end - 2] === 0x3d) pad++;
	const out = new Uint8Array(((end - start) / 4) * 3 - pad);
	const v = BASE64_VALUES;
	let o = 0;
	let i = start;
	const full = end - (pad > 0 ? 4 : 0);
	for (; i < full; i += 4) {
		const n =
			(v[bytes[i]] << 18) | (v[bytes[i + 1]] << 12) | (v[bytes[i + 2]] << 6) | v[bytes[i + 3]];
		out[o] = n >>> 16;
		out[o + 1] = (n >>> 8) & 255;
		out[o + 2] = n & 255;
		o += 3;
	}
	if (pad > 0) {
		const n =
			(v[bytes[i]] << 18) | (v[bytes[i + 1]] << 12) | (pad === 1 ? v[bytes[i + 2]] << 6 : 0);
		out[o++] = n >>> 16;
		if (pad === 1) out[o] = (n >>> 8) & 255;
	}
	return out;
}

/**
 * A row from a page that was parsed whole (not as the writer makes it): checked
 * with its store's full shape, `enc` turned into bytes when asked for.
 */
function checkRow(table: BackupTable, value: unknown, decode: boolean): BackupFileRow | undefined {
	if (!sealedRowSchemas[table].safeParse(value).success) return undefined;
	const row = { ...(value as Record<string, unknown>) } as BackupFileRow;
	const enc = (value as { enc?: string }).enc;
	if (enc === undefined) return row;
	let bytes: Uint8Array<ArrayBuffer>;
	try {
		bytes = fromBase64(enc);
	} catch {
		return undefined;
	}
	if (decode) row.enc = bytes;
	else delete row.enc;
	return row;
}

function stripBom(bytes: Uint8Array): Uint8Array {
	return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Whether an opened seal vouches for exactly what was read. */
export function matchesSeal(end: BackupEnd, seal: BackupSeal): boolean {
	return end.hash === seal.hash && end.pages === seal.pages && sameCounts(end.counts, seal.counts);
}
