/**
 * The benchmark harness page: the real storage module and chart component, driven
 * by tests/bench/run.mjs through `window.bench`. Built by tests/bench/vite.config.ts
 * into a bench-only copy of the app (same origin, same IndexedDB), never into build/.
 */
import { flushSync, mount } from 'svelte';
import { z } from 'zod';
import {
	BACKUP_TABLES,
	CURRENT_CATALOGUE,
	computeTeamStatistics,
	localIsoDate,
	randomId,
	startDraft,
	type ClientId,
	type Measurement,
	type RadarData
} from '$lib/core';
import {
	backup,
	keyring,
	clients,
	DATABASE_NAME,
	measurements,
	openDatabase,
	profile,
	register,
	statistics,
	useDatabase
} from '$lib/storage';
import {
	generateLargeDataset,
	largeDatasetProfile,
	type LargeDatasetOptions
} from '../../fixtures/large-dataset';
import { NOW } from '../../fixtures/factories';
import RadarBench from './RadarBench.svelte';
import { initI18n } from '$lib/i18n/i18n';

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
		request.onblocked = () => resolve();
	});
}

/**
 * Every step that makes storage ready for the benchmark, in one place: a fresh
 * database and the caseworker profile. (When encryption at rest arrives, the
 * keyring is created and unlocked here, before anything is read or written.)
 */
/** The passphrase of the bench device (the app page unlocks with it too). */
export const BENCH_PASSPHRASE = 'bänkens lösenfras 2026';

async function prepareStorage(o: { fresh: boolean }): Promise<void> {
	useDatabase(undefined);
	if (o.fresh) await deleteDatabase(DATABASE_NAME);
	const me = largeDatasetProfile();
	// Storage is encrypted at rest: a fresh device gets a keyring, a used one is unlocked.
	if ((await keyring.state()) === 'none') await keyring.create(BENCH_PASSPHRASE);
	else if ((await keyring.state()) === 'locked') await keyring.unlock(BENCH_PASSPHRASE);
	if (o.fresh) await profile.save({ name: me.name, unit: me.unit }, { now: () => NOW });
}

/** The large data set, stored through the storage module's public functions. */
async function seed(o: LargeDatasetOptions = {}) {
	const t0 = now();
	let clientCount = 0;
	let measurementCount = 0;
	for (const slice of generateLargeDataset(o)) {
		await clients.putMany(slice.clients);
		await measurements.putMany(slice.measurements);
		clientCount += slice.clients.length;
		measurementCount += slice.measurements.length;
	}
	return { clients: clientCount, measurements: measurementCount, ms: now() - t0 };
}

/** A raw IndexedDB connection to the app's database, for the baselines. */
function rawOpen(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DATABASE_NAME);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/** One raw put, with the same durability the app asks for ('strict'). */
function rawPut(db: IDBDatabase, record: unknown): Promise<void> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction('measurements', 'readwrite', { durability: 'strict' });
		tx.objectStore('measurements').put(record);
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error);
	});
}

function rawDelete(db: IDBDatabase, ids: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction('measurements', 'readwrite');
		const store = tx.objectStore('measurements');
		for (const id of ids) store.delete(id);
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
	});
}

/**
 * Resolves once every write to drafts and measurements issued so far has finished: an
 * empty read-write transaction over them waits its turn behind them (on any connection).
 */
async function settled(db: IDBDatabase): Promise<void> {
	// A task first: work the last one left for later (a save removes its draft in a task
	// of its own) starts its transaction, so the empty one below waits for it too.
	await sleep(0);
	return new Promise((resolve, reject) => {
		const tx = db.transaction(['drafts', 'measurements'], 'readwrite');
		tx.oncomplete = () => resolve();
		tx.onabort = () => reject(tx.error);
	});
}

/** One raw cursor pass over the whole measurements store, touching every value. */
function rawCursorPass(db: IDBDatabase): Promise<number> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction('measurements', 'readonly');
		const request = tx.objectStore('measurements').openCursor();
		let n = 0;
		request.onsuccess = () => {
			const cursor = request.result;
			if (!cursor) return resolve(n);
			if ((cursor.value as { clientId?: string }).clientId) n++;
			cursor.continue();
		};
		request.onerror = () => reject(request.error);
	});
}

/** A client of the data set (by position in the id order) with its latest measurement. */
async function someClient(n: number): Promise<{ id: ClientId; latest: Measurement }> {
	const db = await rawOpen();
	const ids = await new Promise<IDBValidKey[]>((resolve) => {
		const r = db.transaction('clients').objectStore('clients').getAllKeys();
		r.onsuccess = () => resolve(r.result);
	});
	db.close();
	if (ids.length === 0) throw new Error('no clients');
	// Wraps round, so a small data set (--clients) still has an n-th client.
	const id = ids[n % ids.length] as ClientId;
	const history = await measurements.listForClient(id);
	return { id, latest: history[0] };
}

/** Saving one measurement (a finished conversation), against a raw put of the same record. */
async function saveMeasurement(o: { runs: number }) {
	const { id: clientId, latest } = await someClient(3);
	const me = (await profile.get())!;
	const db = await rawOpen();
	const app: number[] = [];
	const raw: number[] = [];
	const made: string[] = [];
	for (let n = 0; n < o.runs + 3; n++) {
		const draft = {
			...startDraft({
				clientId,
				caseworkerId: me.id,
				catalogue: CURRENT_CATALOGUE,
				takenOn: localIsoDate(new Date()),
				language: 'sv',
				register: 'standard',
				isFollowUp: true,
				now: new Date(),
				newId: randomId
			}),
			clientAnswers: latest.clientAnswers,
			caseworkerAnswers: latest.caseworkerAnswers,
			focusIndicators: latest.focusIndicators,
			step: 'result' as const
		};
		// Alternate which goes first, so neither always gets a warm cache, and let the work
		// of the one before settle (the save removes its draft afterwards, unawaited), so
		// neither is timed while the other's last transaction still runs.
		const runApp = async () => {
			await settled(db);
			const t0 = now();
			const saved = await measurements.saveFromDraft(draft);
			const ms = now() - t0;
			made.push(saved.id);
			return { ms, saved };
		};
		const runRaw = async (record: Measurement) => {
			const copy = { ...record, id: randomId() };
			await settled(db);
			const t0 = now();
			await rawPut(db, copy);
			const ms = now() - t0;
			made.push(copy.id);
			return ms;
		};
		let a: { ms: number; saved: Measurement };
		let r: number;
		if (n % 2 === 0) {
			a = await runApp();
			r = await runRaw(a.saved);
		} else {
			r = await runRaw(latest);
			a = await runApp();
		}
		// The first runs warm up the JIT and the connections.
		if (n >= 3) {
			app.push(a.ms);
			raw.push(r);
		}
	}
	await rawDelete(db, made);
	db.close();
	return { app, raw };
}

/** The register's first page (50 clients of 10,000) straight from storage, without the UI. */
async function registerPage(o: { runs: number }) {
	const times: number[] = [];
	for (let n = 0; n < o.runs; n++) {
		const t0 = now();
		const p = await register.page({ status: 'active', limit: 50 });
		times.push(now() - t0);
		if (p.clients.length !== 50) throw new Error('short register page');
	}
	return { times };
}

/** Loading one client's history (all their measurements, opened), for several clients. */
async function loadHistory(o: { runs: number }) {
	const times: number[] = [];
	// Clients spread over the id order; one without measurements is passed over
	// (the generator gives a few), so only loading a real history is timed.
	for (let n = 0, tries = 0; times.length < o.runs; n++) {
		if (++tries > o.runs * 10) throw new Error('too few clients with a history');
		const { id } = await someClient(100 + n * 37);
		const t0 = now();
		const list = await measurements.listForClient(id);
		if (list.length > 0) times.push(now() - t0);
	}
	return { times };
}

/** Team statistics over every measurement, against one raw cursor pass over the same store. */
async function teamStatistics(o: { runs: number }) {
	const app: number[] = [];
	const raw: number[] = [];
	const compute: number[] = [];
	const db = await rawOpen();
	let measurementsSeen = 0;
	// Each timed pass starts after a full collection, so neither pays for the garbage of
	// the pass before it (a caseworker opens the team page once, not five times in a row).
	const collect = async () => {
		(globalThis as { gc?: () => void }).gc?.();
		await sleep(50);
	};
	for (let n = 0; n < o.runs; n++) {
		await collect();
		let t0 = now();
		measurementsSeen = await rawCursorPass(db);
		raw.push(now() - t0);
		await collect();
		t0 = now();
		const records = await statistics.deviceRecords();
		const t1 = now();
		computeTeamStatistics(records);
		app.push(now() - t0);
		compute.push(now() - t1);
		await sleep(50);
	}
	db.close();
	return { app, raw, compute, measurements: measurementsSeen };
}

function heapUsed(): number {
	return (
		(performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0
	);
}

/** Samples the JS heap while work runs (between tasks), keeping the peak. */
async function withPeakHeap<T>(work: () => Promise<T>) {
	(globalThis as { gc?: () => void }).gc?.();
	await sleep(100);
	const base = heapUsed();
	let peak = base;
	// Sampled now and then: reading the heap's size is not free, and the timed work
	// should not pay for more than a few dozen reads.
	const timer = setInterval(() => (peak = Math.max(peak, heapUsed())), 100);
	const sample = () => (peak = Math.max(peak, heapUsed()));
	const t0 = now();
	const result = await work();
	const ms = now() - t0;
	sample();
	clearInterval(timer);
	// What stays after full collections while the result is still held: streamed work keeps
	// nothing. (Array buffers handed back by a worker are freed a moment later: collect twice.)
	(globalThis as { gc?: () => void }).gc?.();
	await sleep(500);
	(globalThis as { gc?: () => void }).gc?.();
	await sleep(200);
	return { result, ms, peakHeapGrowth: peak - base, retainedHeapGrowth: heapUsed() - base };
}

/**
 * The heap the work actually holds while it runs: every so many progress steps a
 * full collection runs (synchronously, inside the work) and the heap left is
 * sampled. Garbage waiting for the collector is not counted, so this is what
 * grows when a backup or restore keeps rows instead of streaming them. Slower
 * than the work alone, so it is a separate, untimed run.
 */
async function withLiveHeap<T>(work: (onProgress: () => void) => Promise<T>) {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('no gc(): run Chromium with --js-flags=--expose-gc');
	gc();
	await sleep(100);
	gc();
	const base = heapUsed();
	let peak = base;
	let steps = 0;
	let samples = 0;
	const result = await work(() => {
		if (++steps % 5 !== 0) return;
		gc();
		samples++;
		peak = Math.max(peak, heapUsed());
	});
	gc();
	samples++;
	peak = Math.max(peak, heapUsed());
	return { result, liveHeapGrowth: peak - base, samples };
}

/** A scratch database for the raw write floor (same origin, never the app's). */
const FLOOR_DATABASE = 'framsteg-bench-write-floor';

function request<T>(r: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
}

/**
 * What IndexedDB itself needs to write the rows a restore writes: the app's data
 * stores are copied (untimed) into memory, then written with raw `add` calls into
 * a scratch database with the same stores, keys and indexes, in ONE readwrite
 * transaction with the app's durability ('strict'), timed to its `complete`.
 * Same rows, same sizes, same index upkeep: the floor under any restore.
 */
async function rawWriteFloor(): Promise<{ ms: number; rows: number }> {
	const app = await rawOpen();
	// The stores a restore writes: the backup's, and the measurement packs it makes.
	const restored: readonly string[] = [...BACKUP_TABLES, 'measurementPacks', 'measurementPackRows'];
	const names = [...app.objectStoreNames].filter((n) => restored.includes(n));
	const shapes = names.map((name) => {
		const store = app.transaction(name).objectStore(name);
		const indexes = [...store.indexNames].map((i) => {
			const index = store.index(i);
			return {
				name: i,
				keyPath: index.keyPath,
				unique: index.unique,
				multiEntry: index.multiEntry
			};
		});
		return { name, keyPath: store.keyPath, indexes };
	});
	const rows = new Map<string, unknown[]>();
	for (const name of names)
		rows.set(name, await request(app.transaction(name).objectStore(name).getAll()));
	app.close();
	await deleteDatabase(FLOOR_DATABASE);
	const open = indexedDB.open(FLOOR_DATABASE, 1);
	open.onupgradeneeded = () => {
		for (const shape of shapes) {
			const store = open.result.createObjectStore(shape.name, { keyPath: shape.keyPath });
			for (const i of shape.indexes)
				store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
		}
	};
	const scratch = await request(open);
	let count = 0;
	await sleep(100);
	const t0 = now();
	await new Promise<void>((resolve, reject) => {
		const tx = scratch.transaction(names, 'readwrite', { durability: 'strict' });
		for (const name of names) {
			const store = tx.objectStore(name);
			for (const row of rows.get(name)!) {
				store.add(row);
				count++;
			}
		}
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error);
	});
	const ms = now() - t0;
	rows.clear();
	scratch.close();
	await deleteDatabase(FLOOR_DATABASE);
	return { ms, rows: count };
}

/**
 * A full backup and restore, through the same functions the settings page uses:
 * backup → Blob → File → format check → preview (scan: header, profile, trailer) → preview → restore.
 * Then the raw write floor of the same rows, for comparison.
 */
async function backupAndRestore() {
	// The app runs zod without code generation (its CSP has no 'unsafe-eval'): so does this run.
	z.config({ jitless: true });
	try {
		const made = await withPeakHeap(() => backup.exportBackup());
		const file = new File([made.result], 'framsteg-backup.json', { type: made.result.type });
		let scanMs = 0;
		const restored = await withPeakHeap(async () => {
			const t0 = now();
			if ((await backup.backupFormatOf(file)) !== 'sealed') throw new Error('not a sealed backup');
			const scanned = await backup.scanBackup(file);
			if (!scanned.sameKey) throw new Error('backup not made with this device key');
			const preview = await backup.previewSealedRestore(scanned);
			scanMs = now() - t0;
			// `npm run bench -- --profile` prints where this call spends its time.
			console.profile('restore');
			const result = await backup.restoreSealedBackup(scanned);
			console.profileEnd('restore');
			if (result.skipped > 0) throw new Error(`${result.skipped} rows skipped`);
			return preview.incoming;
		});
		await sleep(200);
		const live = await liveBackupAndRestore();
		await sleep(200);
		const floor = await rawWriteFloor();
		return {
			backupMs: made.ms,
			backupPeakHeap: made.peakHeapGrowth,
			backupRetainedHeap: made.retainedHeapGrowth,
			restoreMs: restored.ms,
			scanMs,
			writeMs: restored.ms - scanMs,
			restorePeakHeap: restored.peakHeapGrowth,
			restoreRetainedHeap: restored.retainedHeapGrowth,
			...live,
			bytes: file.size,
			measurements: restored.result.measurements,
			clients: restored.result.clients,
			floorMs: floor.ms,
			floorRows: floor.rows
		};
	} finally {
		z.config({ jitless: false });
	}
}

/**
 * Memory, untimed: a backup and a restore of what is stored now, with the heap
 * sampled after full collections while they run.
 */
async function liveBackupAndRestore() {
	const made = await withLiveHeap((onProgress) => backup.exportBackup({ onProgress }));
	const file = new File([made.result], 'framsteg-backup.json', { type: made.result.type });
	const restored = await withLiveHeap(async (onProgress) => {
		const scanned = await backup.scanBackup(file, { onProgress });
		return backup.restoreSealedBackup(scanned, { onProgress });
	});
	if (restored.result.skipped > 0) throw new Error('rows skipped in the memory run');
	return {
		backupLiveHeap: made.liveHeapGrowth,
		backupLiveSamples: made.samples,
		restoreLiveHeap: restored.liveHeapGrowth,
		restoreLiveSamples: restored.samples,
		bytes: file.size
	};
}

/** A scratch database for the same measure at another data size (never the app's). */
const SMALL_DATABASE = 'framsteg-bench-smaller-set';

/**
 * `liveBackupAndRestore` on a smaller data set, in a database of its own with its
 * own keyring, so that the figures at two sizes can be compared: streamed work
 * holds the same window whatever the size. Leaves the app's database in place,
 * but the session then holds the scratch key: run it last.
 */
async function liveHeapAtSize(o: LargeDatasetOptions) {
	await deleteDatabase(SMALL_DATABASE);
	const smaller = openDatabase(SMALL_DATABASE);
	useDatabase(smaller);
	try {
		await keyring.create(BENCH_PASSPHRASE);
		await profile.save({ name: 'Bänk', unit: 'Bänk' }, { now: () => NOW });
		const seeded = await seed(o);
		return { ...(await liveBackupAndRestore()), ...seeded };
	} finally {
		smaller.close();
		useDatabase(undefined);
		await deleteDatabase(SMALL_DATABASE);
	}
}

let radar: { rate: (series: number, axis: number, value: number) => void } | undefined;

function radarData(): RadarData {
	const axes = CURRENT_CATALOGUE.indicators
		.filter((i) => i.onRadar)
		.map((i) => ({ indicatorId: i.id, labelKey: i.labelKey }));
	const values = (shift: number) => axes.map((_, n) => 1 + ((n + shift) % 6));
	return {
		axes,
		min: 1,
		max: 6,
		series: [
			{ kind: 'client-now', respondent: 'client', values: values(0) },
			{ kind: 'caseworker-now', respondent: 'caseworker', values: values(2) },
			{ kind: 'client-previous', respondent: 'client', values: values(4) }
		]
	};
}

/** The chart formats its numbers through the app's i18n, as in the app: set it up first. */
async function mountRadar(): Promise<void> {
	await initI18n('sv');
	const target = document.getElementById('chart')!;
	radar = mount(RadarBench, { target, props: { data: radarData() } }) as unknown as typeof radar;
	flushSync();
}

/** One rating change on the result radar, until the chart has redrawn (synchronously). */
async function radarRedraw(o: { runs: number }) {
	if (!radar) await mountRadar();
	(globalThis as { gc?: () => void }).gc?.();
	const times: number[] = [];
	for (let n = 0; n < o.runs + 5; n++) {
		await new Promise((r) => requestAnimationFrame(() => r(undefined)));
		const t0 = now();
		radar!.rate(n % 3, n % 10, 1 + (n % 6));
		flushSync();
		const ms = now() - t0;
		if (n >= 5) times.push(ms);
	}
	return { times };
}

const bench = {
	prepareStorage,
	seed,
	saveMeasurement,
	loadHistory,
	registerPage,
	teamStatistics,
	backupAndRestore,
	liveHeapAtSize,
	radarRedraw,
	mountRadar
};
(window as unknown as { bench: typeof bench }).bench = bench;
document.title = 'bench ready';
