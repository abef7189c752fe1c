import { Dexie, type Table } from 'dexie';
import {
	BACKUP_HEADER_MAX_BYTES,
	BACKUP_LINE_MAX_BYTES,
	BACKUP_TABLES,
	BACKUP_TAIL_BYTES,
	BackupLineReader,
	pageIds,
	BackupPackWriter,
	readTrailerFromTail,
	RESTORED_TABLES,
	restoreCountsOf,
	type RestoreCounts,
	BackupChain,
	backupHeaderLine,
	BackupPageWriter,
	backupTrailerLine,
	draftSchema,
	emptyBackupCounts,
	ExchangeError,
	FORMAT_VERSION,
	importDataKey,
	isExchangeError,
	isSecurityError,
	keyringSchema,
	matchesSeal,
	normaliseRecoveryKey,
	openBackupSeal,
	randomId,
	sealBackup,
	SEALED_BACKUP_FORMAT,
	toBase64,
	SealedBackupReader,
	SecurityError,
	systemClock,
	tombstoneSchema,
	unwrapDataKey,
	detectBackupFormat,
	type BackupCounts,
	type BackupEnd,
	type BackupFile,
	type BackupFileRow,
	type BackupTable,
	type Clock,
	type Draft,
	type Measurement,
	type Profile,
	type SealedBackupHeader,
	type Tombstone,
	type WrapKind
} from '$lib/core';
import { database, writeStream } from './database';
import { classifyStorageError, StorageError } from './errors';
import { KEYRING } from './keyring';
import { forEachPage, openPage } from './pages';
import {
	forEachPack,
	PackDirectoryBuilder,
	PACK_STORES,
	packedCount,
	rowsOf,
	type PackRowsRow,
	type PackSummaryRow
} from './measurement-packs';
import {
	openCaseworkerChange,
	openIntervention,
	openPlan,
	openWith,
	sealCaseworkerChange,
	sealIntervention,
	sealPlan,
	openClient,
	openDraftRaw,
	openMeasurement,
	openProfile,
	sealClient,
	sealDraft,
	sealMeasurement,
	sealProfile
} from './records';
import { requireKey } from './session';
import { CURRENT_SCHEMA_VERSION } from './versions';
import { blobSource, checkSchemaPath, pagesHere, type PageSourceInput } from './restore-pages';

/**
 * Backup and restore of the whole device.
 *
 * The app writes sealed backups (file format 3, see core `sealed-backup.ts`): the
 * stored rows, already sealed with the device's data key, copied verbatim page by
 * page, with a hash chain sealed by the same key. Nothing is decrypted, and each
 * page becomes a Blob at once, so neither time nor memory grows with more than
 * the reading itself. Measurements are written each client's together, clients
 * in id order, so a restore can store them in packs (measurement-packs.ts). A
 * restore previews the file from its header, first page and sealed trailer
 * (`scanBackup`), then streams it once, in one transaction that clears the data
 * stores and writes the pages as they are read, checking every row and the hash
 * chain; a file that does not match its seal aborts it, and nothing changes. Older backups
 * (format 1, one JSON document, plain or encrypted with a file passphrase) still
 * restore through `previewRestore`/`restoreBackup`.
 *
 * The audit log is not part of a backup: it is this device's own record of who did
 * what here, chained to a head kept in `meta`, and a restore is itself logged.
 * Device settings in `meta` (keyring, unlock attempts, reminders) stay as they are.
 */

async function run<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isExchangeError(error)) throw error;
		throw classifyStorageError(error);
	}
}

/** Rows done of all rows, for a progress bar. */
export type BackupProgress = { done: number; total: number };
type Progress = (p: BackupProgress) => void;

/**
 * One restore at a time across tabs (Web Locks, where the browser has them): a
 * second restore started meanwhile is refused, not queued behind the first.
 */
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (!locks) return work();
	return locks.request('framsteg-restore', { ifAvailable: true }, async (lock) => {
		if (!lock) throw new ExchangeError('restore-busy');
		return work();
	});
}

/** Resolves in a new task (not a microtask): the browser may paint and collect garbage first. */
function nextTask(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
	if (typeof scheduler?.yield === 'function') return scheduler.yield();
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

const sum = (counts: BackupCounts) => BACKUP_TABLES.reduce((n, t) => n + counts[t], 0);

// ---------------------------------------------------------------- sealed backup: writing

type StoredRow = { id: string; enc?: unknown } & Record<string, unknown>;

/** Rows one read asks for. */
const READ_ROWS = 1000;
/** Reads under way at once, ahead of the page being written. */
const READS_AHEAD = 3;

/**
 * Splits the id space into contiguous ranges, in key order, about `READ_ROWS`
 * rows each for random ids (UUIDs: the ranges cut at two-hex-digit prefixes).
 * Ids of another shape still fall into some range; a range with more rows is
 * read in several steps.
 */
function idBounds(count: number): (string | undefined)[] {
	const ranges = Math.min(128, Math.max(1, Math.ceil(count / (READ_ROWS * 0.8))));
	const hex = '0123456789abcdef';
	const bounds: (string | undefined)[] = [undefined];
	for (let j = 1; j < ranges; j++) {
		const at = Math.floor((j * 256) / ranges);
		bounds.push(hex[at >> 4] + hex[at & 15]);
	}
	bounds.push(undefined);
	return bounds;
}

/**
 * Every row of a store in primary-key order, as stored (nothing is opened), read
 * by id ranges with several reads under way at once: IndexedDB answers a read
 * faster than it turns one around, so a single read at a time would leave it
 * idle. Runs inside the caller's transaction and hands each read's rows to
 * `each` in key order while the next reads are on their way.
 */
async function forEachStoredPage(
	table: Table<StoredRow, string>,
	count: number,
	each: (rows: StoredRow[]) => void
): Promise<void> {
	const bounds = idBounds(count);
	const ranges = bounds.length - 1;
	const read = (k: number, after?: string) => {
		const upper = bounds[k + 1];
		return table
			.where(':id')
			.between(
				after ?? bounds[k] ?? Dexie.minKey,
				upper ?? Dexie.maxKey,
				after === undefined,
				upper === undefined
			)
			.limit(READ_ROWS)
			.toArray();
	};
	const ahead: Promise<StoredRow[]>[] = [];
	let issued = 0;
	const fill = () => {
		while (ahead.length < READS_AHEAD && issued < ranges) ahead.push(read(issued++));
	};
	fill();
	for (let k = 0; k < ranges; k++) {
		let rows = await ahead.shift()!;
		fill();
		for (;;) {
			// More in this range: ask before writing these.
			const more = rows.length === READ_ROWS ? read(k, rows[rows.length - 1].id) : undefined;
			each(rows);
			if (!more) break;
			rows = await more;
		}
	}
}

/** Clients per window when the measurements are read client by client. */
const WINDOW_CLIENTS = 100;

const byClientThenId = (a: StoredRow, b: StoredRow) =>
	a.clientId === b.clientId
		? a.id < b.id
			? -1
			: a.id > b.id
				? 1
				: 0
		: String(a.clientId) < String(b.clientId)
			? -1
			: 1;

/**
 * Every measurement row, saved or packed, as stored, each client's together and
 * clients in id order (what lets a restore store them in packs): read in windows
 * of `WINDOW_CLIENTS` clients, a window's saved rows through the
 * `[clientId+takenOn]` index and its packed rows from the packs whose client
 * ranges meet it, with several windows under way at once. The windows cut the
 * whole key space at client ids, so a row whose client is gone is read too; a
 * row the index does not hold (no client id or date) is read last.
 * Runs inside the caller's transaction (which names the pack stores).
 */
async function forEachMeasurementByClient(
	db: ReturnType<typeof database>,
	each: (rows: StoredRow[]) => void
): Promise<void> {
	const [clientIds, packs] = await Promise.all([
		db.clients.toCollection().primaryKeys() as Promise<string[]>,
		db.measurementPacks.toArray() as Promise<PackSummaryRow[]>
	]);
	const bounds: (string | undefined)[] = [undefined];
	for (let k = WINDOW_CLIENTS; k < clientIds.length; k += WINDOW_CLIENTS) bounds.push(clientIds[k]);
	bounds.push(undefined);
	const inWindow = (clientId: unknown, lo: string | undefined, hi: string | undefined) =>
		typeof clientId === 'string' &&
		(lo === undefined || clientId >= lo) &&
		(hi === undefined || clientId < hi);
	// Dexie's own promises only (no async function, no native promise): the
	// transaction must stay active between the reads.
	const read = (k: number): Promise<StoredRow[]> => {
		const lo = bounds[k];
		const hi = bounds[k + 1];
		const keys = packs
			.filter((p) => (hi === undefined || p.id < hi) && (lo === undefined || p.last >= lo))
			.map((p) => p.id);
		const bodies = keys.length > 0 ? db.measurementPackRows.bulkGet(keys) : undefined;
		const merge = (rows: StoredRow[], packed: (PackRowsRow | undefined)[]) => {
			if (packed.length > 0) {
				const saved = new Set(rows.map((r) => r.id));
				for (const body of packed)
					for (const row of rowsOf(body))
						if (inWindow(row.clientId, lo, hi) && !saved.has(row.id))
							rows.push(row as unknown as StoredRow);
			}
			return rows.sort(byClientThenId);
		};
		return db.measurements
			.where('[clientId+takenOn]')
			.between(
				lo === undefined ? Dexie.minKey : [lo, Dexie.minKey],
				hi === undefined ? Dexie.maxKey : [hi, Dexie.minKey],
				true,
				false
			)
			.toArray()
			.then((loose) => {
				indexed += loose.length;
				const rows = loose as unknown as StoredRow[];
				return bodies ? bodies.then((packed) => merge(rows, packed)) : merge(rows, []);
			});
	};
	let indexed = 0;
	const windows = bounds.length - 1;
	const ahead: Promise<StoredRow[]>[] = [];
	let issued = 0;
	const fill = () => {
		while (ahead.length < READS_AHEAD && issued < windows) ahead.push(read(issued++));
	};
	fill();
	for (let k = 0; k < windows; k++) {
		const rows = await ahead.shift()!;
		fill();
		each(rows);
	}
	// A stored row without a client id or date is in no index entry, so in no window: such
	// rows (none the app writes) come last, by primary key, and a restore stores them as they are.
	if (indexed < (await db.measurements.count()))
		each(
			(await db.measurements
				.filter((row) => typeof row.clientId !== 'string' || typeof row.takenOn !== 'string')
				.toArray()) as unknown as StoredRow[]
		);
}

/**
 * A row the file can carry: sealed (tombstones hold no personal data and are
 * plain). A row stored before encryption that could not be sealed (an invalid
 * record, never shown) is left out: a backup never holds plaintext.
 */
function isBackupRow(table: BackupTable, row: StoredRow): boolean {
	return table === 'tombstones' || row.enc instanceof Uint8Array;
}

const NEWLINE = new Uint8Array([0x0a]);

/**
 * Where a backup's finished lines go: each is copied into a Blob and hashed into
 * the chain, in order, beside the reading. `release` gives a line's buffer back
 * once both are done; `finish` answers with the chain's hash and one Blob of all
 * the lines.
 */
type LineSink = {
	line(line: Uint8Array<ArrayBuffer>, release: (buffer: ArrayBuffer) => void): void;
	finish(): Promise<{ hash: Uint8Array; blob: Blob }>;
};

/** The sink could not run (its worker did not load or failed): the backup is made again without it. */
class SinkFailed extends Error {}

/**
 * The sink in a worker (`backup-pages.worker.ts`): in the browser both SHA-256 and
 * making a Blob run on the calling thread, so off the main thread they leave it
 * free to read and write pages. Lines go over by transfer (nothing is copied) and
 * their buffers come back the same way. Undefined where there are no workers.
 */
function workerSink(): LineSink | undefined {
	if (typeof Worker === 'undefined') return undefined;
	let worker: Worker;
	try {
		worker = new Worker(new URL('./backup-pages.worker.ts', import.meta.url), { type: 'module' });
	} catch {
		return undefined;
	}
	const releases: ((buffer: ArrayBuffer) => void)[] = [];
	let resolve: (done: { hash: Uint8Array; blob: Blob }) => void = () => undefined;
	let reject: (error: Error) => void = () => undefined;
	const done = new Promise<{ hash: Uint8Array; blob: Blob }>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	// A failure before `finish` is awaited must not be an unhandled rejection.
	done.catch(() => undefined);
	const fail = (message: string) => {
		worker.terminate();
		reject(new SinkFailed(message));
	};
	worker.onmessage = (
		event: MessageEvent<
			| { kind: 'free'; buffer: ArrayBuffer }
			| { kind: 'done'; hash: Uint8Array; blob: Blob }
			| { kind: 'error'; message: string }
		>
	) => {
		const m = event.data;
		if (m.kind === 'free') releases.shift()?.(m.buffer);
		else if (m.kind === 'done') {
			worker.terminate();
			resolve({ hash: m.hash, blob: m.blob });
		} else fail(m.message);
	};
	worker.onerror = (event) => {
		event.preventDefault();
		fail('backup worker failed');
	};
	return {
		line(line, release) {
			releases.push(release);
			const buffer = line.buffer;
			worker.postMessage(
				{ kind: 'line', buffer, start: line.byteOffset, end: line.byteOffset + line.length },
				[buffer]
			);
		},
		finish() {
			worker.postMessage({ kind: 'end' });
			return done;
		}
	};
}

/**
 * The sink on this thread: Blobs made at once, digests chained in the root zone
 * (the transaction never awaits them). For tests and browsers without workers.
 */
function inThreadSink(): LineSink {
	const chain = new BackupChain();
	const parts: Blob[] = [];
	let hashing: Promise<void> = Promise.resolve();
	return {
		line(line, release) {
			parts.push(new Blob([line, NEWLINE]));
			Dexie.ignoreTransaction(() => {
				hashing = hashing.then(() => chain.addInPlace(line)).then(() => release(line.buffer));
			});
		},
		async finish() {
			await hashing;
			return { hash: chain.bytes(), blob: new Blob(parts) };
		}
	};
}

/**
 * The whole device as a sealed backup (format 3), returned as a Blob. Reads every
 * data store in ONE readonly transaction (a consistent snapshot) with paged
 * reads, the next page always on its way while this one is written. Rows go into
 * page lines as bytes in buffers that are used again and again; each finished
 * page goes to the sink (a worker where there is one), which copies it into a
 * Blob and hashes it beside the reading; the transaction never awaits either. So
 * the memory used stays the same whatever the size of the data. The trailer's
 * seal is made after the transaction, with the session's data key.
 */
export async function exportBackup(o: { now?: Clock; onProgress?: Progress } = {}): Promise<Blob> {
	const sink = workerSink();
	if (sink) {
		try {
			return await exportThrough(sink, o);
		} catch (error) {
			if (!(error instanceof SinkFailed)) throw error;
		}
	}
	return exportThrough(inThreadSink(), o);
}

async function exportThrough(
	sink: LineSink,
	o: { now?: Clock; onProgress?: Progress }
): Promise<Blob> {
	const key = requireKey();
	const backupId = randomId();
	const exportedAt = (o.now ?? systemClock)().toISOString();
	const counts = emptyBackupCounts();
	let pages = 0;
	const writer = new BackupPageWriter();
	const release = (buffer: ArrayBuffer) => writer.release(buffer);
	const emitPage = (page: Uint8Array<ArrayBuffer>) => {
		sink.line(page, release);
		pages++;
	};
	await run(async () => {
		const db = database();
		const stores = BACKUP_TABLES.map((t) => db.table(t) as Table<StoredRow, string>);
		await db.transaction('r', [db.meta, ...stores, ...PACK_STORES], async () => {
			const keyring = keyringSchema.safeParse((await db.meta.get(KEYRING))?.value);
			if (!keyring.success) throw new SecurityError('damaged-keyring');
			const announced = emptyBackupCounts();
			const [sizes, packed] = await Promise.all([
				Promise.all(stores.map((s) => s.count())),
				packedCount(db)
			]);
			BACKUP_TABLES.forEach((t, n) => (announced[t] = sizes[n]));
			announced.measurements += packed;
			const header = new TextEncoder().encode(
				backupHeaderLine({
					app: 'framsteg',
					kind: 'backup',
					formatVersion: SEALED_BACKUP_FORMAT,
					exportedAt,
					schemaVersion: CURRENT_SCHEMA_VERSION,
					backupId,
					keyring: keyring.data,
					counts: announced,
					measurementsByClient: true
				})
			);
			sink.line(header, () => undefined);
			const total = sum(announced);
			let done = 0;
			for (const [n, table] of BACKUP_TABLES.entries()) {
				const put = (row: Record<string, unknown>) => {
					const page = writer.push(table, row);
					if (page) emitPage(page);
				};
				// Measurements go in packs of whole clients (format 4, see core backup-packs.ts).
				const packs = table === 'measurements' ? new BackupPackWriter() : undefined;
				const take = (rows: StoredRow[]) => {
					for (const row of rows) {
						if (!isBackupRow(table, row)) continue;
						if (packs) for (const out of packs.push(row)) put(out);
						else put(row);
						counts[table]++;
					}
					done += rows.length;
					o.onProgress?.({ done, total });
				};
				if (table === 'measurements') await forEachMeasurementByClient(db, take);
				else await forEachStoredPage(stores[n], sizes[n], take);
				if (packs) for (const out of packs.flush()) put(out);
				const last = writer.flush();
				if (last) emitPage(last);
			}
		});
	});
	const { hash, blob } = await sink.finish();
	const seal = await sealBackup(key, backupId, { hash: toBase64(hash), pages, counts });
	return new Blob([blob, backupTrailerLine({ end: true, pages, counts, seal }), NEWLINE], {
		type: 'application/x-ndjson'
	});
}

// ---------------------------------------------------------------- sealed backup: restoring

/**
 * Whether a chosen file is a sealed backup or an older one, from its first bytes
 * (the sealed format's first line is its header).
 */
export async function backupFormatOf(file: Blob): Promise<'sealed' | 'legacy'> {
	const head = await file.slice(0, BACKUP_HEADER_MAX_BYTES).arrayBuffer();
	return detectBackupFormat(new Uint8Array(head));
}

/**
 * A sealed backup after its preview (`scanBackup`): header, first page and trailer
 * checked, the trailer vouched for by the seal once a key opens it; the rest is
 * checked as the restore writes it. Nothing written.
 */
export type SealedBackup = {
	file: Blob;
	header: SealedBackupHeader;
	/** The trailer, and (once a key opened the seal) the hash the restore's chain must come to. */
	end: BackupEnd;
	/** The profile row as the file holds it (opened for the preview once the key is known). */
	profileRow: BackupFileRow | undefined;
	/** Records deleted on this device that the restore would bring back. */
	comingBack: number;
	/**
	 * The data key the rows are sealed with, once known: the session's when the
	 * backup was made with this device's key, else unwrapped from the file's keyring.
	 */
	key: CryptoKey | undefined;
	sameKey: boolean;
};

function reader(file: Blob): SealedBackupReader {
	return new SealedBackupReader(blobSource(file), { currentSchemaVersion: CURRENT_SCHEMA_VERSION });
}

/**
 * The preview of a sealed backup, without reading the file through: the header,
 * the first page (the profile, for its name) and the trailer, from the file's
 * last bytes; then the seal is opened with the session's key. When that key opens
 * it, the backup was made with this device's key (`key` is set) and the seal
 * vouches for the trailer's counts, shown in the preview; when it does not, `key`
 * stays undefined and `unlockBackup` asks for the backup's passphrase or recovery
 * key. A trailer that does not agree with its seal is `damaged`. Writes nothing.
 *
 * The rows themselves are checked by the restore, as it writes them in its one
 * transaction: it computes the hash chain over every line and compares it with
 * the sealed one before committing, so a file that was edited, cut or stitched
 * together aborts the restore and changes nothing. Reading the whole file twice
 * (once here, once there) would double the wait for a large backup.
 *
 * Only when this device has deleted records does the preview read the file
 * through, and then only for ids (`pageIds`), to say how many would come back.
 */
export async function scanBackup(
	file: Blob,
	o: { onProgress?: Progress } = {}
): Promise<SealedBackup> {
	const session = requireKey();
	return run(async () => {
		const read = reader(file);
		const header = await read.header();
		checkSchemaPath(header.schemaVersion);
		const first = await read.next({ decode: (table) => table === 'profile' });
		const profileRow = 'table' in first && first.table === 'profile' ? first.rows[0] : undefined;
		const tail = new Uint8Array(
			await file.slice(Math.max(0, file.size - BACKUP_TAIL_BYTES)).arrayBuffer()
		);
		const trailer = 'trailer' in first ? first.trailer : readTrailerFromTail(tail);
		const seal = await openBackupSeal(session, header.backupId, trailer.seal);
		const end: BackupEnd = {
			trailer,
			// What the restore's chain must come to: known once a key opens the seal.
			hash: seal?.hash ?? '',
			pages: trailer.pages,
			counts: trailer.counts
		};
		if (seal && !matchesSeal(end, seal)) throw new ExchangeError('damaged');
		const comingBack = await countComingBack(file, header, o.onProgress);
		return {
			file,
			header,
			end,
			profileRow,
			comingBack,
			key: seal ? session : undefined,
			sameKey: seal !== undefined
		};
	});
}

/**
 * How many of the file's records this device has deleted (its tombstones), by
 * the ids on the file's pages. Reads nothing when there are no tombstones.
 */
async function countComingBack(
	file: Blob,
	header: SealedBackupHeader,
	onProgress: Progress | undefined
): Promise<number> {
	const tombstones = new Set(
		(await database().tombstones.toCollection().primaryKeys()) as string[]
	);
	if (tombstones.size === 0) return 0;
	const lines = new BackupLineReader(blobSource(file));
	const total = sum(header.counts);
	let done = 0;
	let comingBack = 0;
	for (;;) {
		const line = await lines.next(BACKUP_LINE_MAX_BYTES);
		if (!line) break;
		const page = pageIds(line);
		if (!page) continue;
		done += page.ids.length;
		if (page.table !== 'tombstones')
			for (const id of page.ids) if (tombstones.has(id)) comingBack++;
		onProgress?.({ done, total });
		// Let the page paint its progress between pages.
		await nextTask();
	}
	return comingBack;
}

/** Whether what was typed has the shape of a recovery key (32 characters of its alphabet). */
function looksLikeRecoveryKey(secret: string): boolean {
	return /^[0-9A-HJKMNP-TV-Z]{32}$/.test(normaliseRecoveryKey(secret));
}

/**
 * A backup made with another data key: unwraps that key from the file's keyring
 * with the passphrase or the recovery key in use when the backup was made (as a
 * non-extractable key), and opens the seal with it. A secret that fits neither
 * wrap is `wrong-backup-secret`; a key that fits but a seal that does not open
 * or match is `damaged`. Nothing is written, and the device's own unlock
 * attempts are not counted (the file is not the device).
 */
export async function unlockBackup(backup: SealedBackup, secret: string): Promise<SealedBackup> {
	const kinds: WrapKind[] = looksLikeRecoveryKey(secret)
		? ['recovery', 'passphrase']
		: ['passphrase'];
	for (const kind of kinds) {
		const wrap = backup.header.keyring.wraps.find((w) => w.kind === kind);
		if (!wrap) continue;
		let raw: Uint8Array<ArrayBuffer>;
		try {
			raw = await unwrapDataKey(wrap, secret);
		} catch (error) {
			if (isSecurityError(error) && error.fault === 'wrong-secret') continue;
			throw new ExchangeError('damaged');
		}
		const key = await importDataKey(raw);
		raw.fill(0);
		const seal = await openBackupSeal(key, backup.header.backupId, backup.end.trailer.seal);
		// The seal vouches for the trailer, and says what the restore's chain must come to.
		const end = seal ? { ...backup.end, hash: seal.hash } : undefined;
		if (!seal || !end || !matchesSeal(end, seal)) throw new ExchangeError('damaged');
		return { ...backup, end, key, sameKey: false };
	}
	throw new ExchangeError('wrong-backup-secret');
}

export type { RestoreCounts };

export type RestorePreview = {
	/** 1: an older backup (one JSON document); 3: a sealed backup. */
	format: number;
	/** Sealed backups: made with this device's data key (else re-sealed on restore). */
	sameKey: boolean;
	exportedAt: string;
	profileName: string | undefined;
	incoming: RestoreCounts;
	/** The same tables on this device now: every row the restore replaces. */
	current: RestoreCounts;
	/** Records deleted on this device since the backup was made that the restore brings back. */
	comingBack: number;
};

/** How many rows of each table the restore would replace on this device (the profile aside). */
async function currentCounts(): Promise<RestoreCounts> {
	const db = database();
	const tables = RESTORED_TABLES.map((t) => db.table(t));
	const [counts, packed] = await db.transaction('r', [...tables, ...PACK_STORES], () =>
		Promise.all([Promise.all(tables.map((t) => t.count())), packedCount(db)])
	);
	return restoreCountsOf(
		(t) => counts[RESTORED_TABLES.indexOf(t)] + (t === 'measurements' ? packed : 0)
	);
}

/** What restoring this (scanned, unlocked) sealed backup would replace. Reads only. */
export async function previewSealedRestore(backup: SealedBackup): Promise<RestorePreview> {
	const key = backup.key;
	if (!key) throw new ExchangeError('needs-backup-secret');
	let profileName: string | undefined;
	if (backup.profileRow) {
		try {
			profileName = ((await openWith('profile', backup.profileRow, key)) as Profile).name;
		} catch {
			// A profile that does not open is shown as "no profile"; the restore checks rows itself.
			profileName = undefined;
		}
	}
	const incoming = restoreCountsOf((t) => backup.end.counts[t]);
	return run(async () => ({
		format: SEALED_BACKUP_FORMAT,
		sameKey: backup.sameKey,
		exportedAt: backup.header.exportedAt,
		profileName,
		incoming,
		current: await currentCounts(),
		comingBack: backup.comingBack
	}));
}

export type RestoreResult = {
	clients: number;
	/** Rows that did not open or were invalid under the backup's key, left out (another key only). */
	skipped: number;
};

/** Pages a restore has written or writing at once (see `restoreSealedBackup`). */
const PAGES_IN_FLIGHT = 2;

/** Longest wait for one page (read, checked, re-sealed) inside the restore transaction. */
const PAGE_TIMEOUT_MS = 120_000;

/**
 * Replaces every data store with the sealed backup, in ONE transaction: either
 * the device holds exactly the backup afterwards, or nothing changed (a failure,
 * a throw from `onProgress` or a closed tab aborts it). The file is read again a
 * page at a time while the transaction is kept alive (`writeStream`: raw
 * IndexedDB, so no per-row bookkeeping grows with the data), each page written
 * as soon as it is ready while the next one is read, and the chain is computed
 * again: a file that changed since its preview aborts the restore. Rows of the
 * same key go in verbatim; rows of another key are opened with it, validated and
 * sealed with this device's key (the crypto, too, runs within `waitFor`).
 */
export async function restoreSealedBackup(
	backup: SealedBackup,
	o: { onProgress?: Progress } = {}
): Promise<RestoreResult> {
	const from = backup.key;
	if (!from) throw new ExchangeError('needs-backup-secret');
	const to = requireKey();
	const total = sum(backup.end.counts);
	const input: PageSourceInput = {
		source: backup.file,
		end: backup.end,
		backupId: backup.header.backupId,
		keys: backup.sameKey ? undefined : { from, to }
	};

	return exclusive(() =>
		run(async () => {
			const pages = pagesHere(input);
			const stores = [...BACKUP_TABLES, ...PACK_STORES];
			await writeStream(database(), stores, async (writer) => {
				for (const store of stores) writer.store(store).clear();
				// Pages being written: the next one is read (and re-sealed) meanwhile, and
				// its rows queue behind theirs, so IndexedDB is never left waiting; at most
				// PAGES_IN_FLIGHT, so memory does not grow when reading outruns writing.
				const writing: Promise<unknown>[] = [];
				const directory = new PackDirectoryBuilder();
				let done = 0;
				for (;;) {
					const page = await writer.hold(withTimeout(pages.next(), PAGE_TIMEOUT_MS));
					while (writing.length >= PAGES_IN_FLIGHT) await writing.shift();
					if (!page) break;
					const adds: Promise<void>[] = [];
					for (const pack of page.packs) directory.add(pack.rows);
					if (page.packs.length > 0)
						adds.push(
							writer.add(
								'measurementPacks',
								page.packs.map((p) => p.summary)
							),
							writer.add(
								'measurementPackRows',
								page.packs.map((p) => p.rows)
							)
						);
					if (page.rows.length > 0) adds.push(writer.add(page.table, page.rows));
					const written = Promise.all(adds);
					// After an abort nobody may wait for this any more: not an unhandled rejection.
					written.catch(() => undefined);
					writing.push(written);
					done += page.count;
					o.onProgress?.({ done, total });
				}
				writing.push(writer.add('packDirectory', directory.rows()));
				await Promise.all(writing);
			});
			return { clients: backup.end.counts.clients, skipped: pages.skipped() };
		})
	);
}

/** `work`, or a timeout error after `ms`. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new StorageError('unknown', { detail: 'a page took too long' })),
			ms
		);
		work.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}

// ---------------------------------------------------------------- older backups (format 1)

async function openDraft(row: unknown): Promise<Draft> {
	return draftSchema.parse(await openDraftRaw(row));
}
async function openTombstone(row: unknown): Promise<Tombstone> {
	return tombstoneSchema.parse(row);
}

/** Every row of a table in id order (so the file needs no sort), opened page by page. */
async function readOpened<T>(
	table: Table<{ id: string }, string>,
	open: (row: unknown) => Promise<T>
): Promise<T[]> {
	const out: T[] = [];
	await forEachPage(table, open, (records) => {
		for (const record of records) out.push(record);
	});
	return out;
}

/** Every packed measurement, opened (valid ones only). */
async function readPackedOpened() {
	const out: Measurement[] = [];
	await forEachPack(database(), async (rows) => {
		out.push(...(await openPage(rows, openMeasurement)).records);
	});
	return out;
}

/**
 * The whole device as an older (format 1) backup: every record opened, in id
 * order. The app no longer writes this format (see `exportBackup`); it stays for
 * the tests that make old files and compare content.
 */
export async function exportLegacyBackup(o: { now?: Clock } = {}): Promise<BackupFile> {
	return run(async () => {
		const db = database();
		const t = <R>(table: unknown) => table as Table<{ id: string }, string> & Table<R>;
		const profiles = await db.profile.toArray();
		return {
			app: 'framsteg',
			kind: 'backup',
			formatVersion: FORMAT_VERSION,
			exportedAt: (o.now ?? systemClock)().toISOString(),
			schemaVersion: CURRENT_SCHEMA_VERSION,
			profile: profiles[0] ? await openProfile(profiles[0]) : null,
			clients: await readOpened(t(db.clients), openClient),
			measurements: [
				...(await readOpened(t(db.measurements), openMeasurement)),
				...(await readPackedOpened())
			].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
			drafts: await readOpened(t(db.drafts), openDraft),
			tombstones: await readOpened(t(db.tombstones), openTombstone),
			plans: await readOpened(t(db.plans), openPlan),
			interventions: await readOpened(t(db.interventions), openIntervention),
			caseworkerChanges: await readOpened(t(db.caseworkerChanges), openCaseworkerChange)
		};
	});
}

/** What a restore of this (validated) older backup would replace. Reads only. */
export async function previewRestore(file: BackupFile): Promise<RestorePreview> {
	return run(async () => {
		const db = database();
		// Walk this device's tombstones (few) against the file's ids (many), not the other way.
		const ids = new Set<string>([
			...file.clients.map((c) => c.id),
			...file.measurements.map((m) => m.id)
		]);
		const tombstoneIds = (await db.tombstones.toCollection().primaryKeys()) as string[];
		const comingBack = tombstoneIds.filter((id) => ids.has(id)).length;
		return {
			format: file.formatVersion,
			sameKey: false,
			exportedAt: file.exportedAt,
			profileName: file.profile?.name,
			incoming: restoreCountsOf((t) => file[t].length),
			current: await currentCounts(),
			comingBack
		};
	});
}

/**
 * Replaces everything on the device with an older backup, in ONE transaction:
 * either the device holds exactly the backup afterwards, or nothing changed.
 */
export async function restoreBackup(file: BackupFile): Promise<RestoreResult> {
	const profile = file.profile ? await sealProfile(file.profile) : undefined;
	const clients = await Promise.all(file.clients.map(sealClient));
	const measurements = await Promise.all(file.measurements.map(sealMeasurement));
	const drafts = await Promise.all(file.drafts.map(sealDraft));
	const tombstones = file.tombstones.map((t) => tombstoneSchema.parse(t));
	const plans = await Promise.all(file.plans.map(sealPlan));
	const interventions = await Promise.all(file.interventions.map(sealIntervention));
	const changes = await Promise.all(file.caseworkerChanges.map(sealCaseworkerChange));
	return exclusive(() =>
		run(async () => {
			const db = database();
			await db.transaction(
				'rw',
				[
					db.profile,
					db.clients,
					db.measurements,
					db.drafts,
					db.tombstones,
					db.plans,
					db.interventions,
					db.caseworkerChanges,
					...PACK_STORES
				],
				async () => {
					await Promise.all([
						db.measurementPacks.clear(),
						db.measurementPackRows.clear(),
						db.packDirectory.clear(),
						db.profile.clear(),
						db.clients.clear(),
						db.measurements.clear(),
						db.drafts.clear(),
						db.tombstones.clear(),
						db.plans.clear(),
						db.interventions.clear(),
						db.caseworkerChanges.clear()
					]);
					if (profile) await db.profile.add(profile);
					await db.clients.bulkAdd(clients);
					await db.measurements.bulkAdd(measurements);
					await db.drafts.bulkAdd(drafts);
					await db.tombstones.bulkAdd(tombstones);
					await db.plans.bulkAdd(plans);
					await db.interventions.bulkAdd(interventions);
					await db.caseworkerChanges.bulkAdd(changes);
				}
			);
			return { clients: clients.length, skipped: 0 };
		})
	);
}
