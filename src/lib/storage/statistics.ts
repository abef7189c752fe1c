import {
	foldStatMeasurements,
	localIsoDate,
	mergeStatFolds,
	SecurityError,
	randomId,
	statClientsFromFold,
	systemClock,
	teamFileOf,
	type Clock,
	type IdSource,
	type StatClient,
	type StatFold,
	type TeamFile
} from '$lib/core';
import { database, type FramstegDb } from './database';
import { guard, StorageError } from './errors';
import type { Table } from 'dexie';
import { forEachPage, openPage, type KeyStretch } from './pages';
import { countAll, forEachPack } from './measurement-packs';
import { openClient, openMeasurement } from './records';
import { onSessionChange, requireKey } from './session';
import type { FoldReply, FoldRequest } from './statistics.worker';

/** How many workers fold the measurements side by side (cheap tablets have 2–4 cores). */
const WORKERS = 2;

/**
 * Every measurement folded into per-client statistics. In a browser, WORKERS
 * workers each fold one stretch of the measurement ids, so decrypting and validating 100,000 records runs on more than one core
 * and the page stays responsive; the folds are then merged in key order, which
 * gives exactly the sequential result (mergeStatFolds). Without workers (tests,
 * old browsers) the fold runs here, page by page.
 */
async function foldMeasurements(db: FramstegDb): Promise<StatFold> {
	const table = db.measurements as unknown as Table<{ id: string }, string>;
	if (typeof Worker === 'undefined' || (await countAll(db)) === 0) {
		const fold: StatFold = new Map();
		await forEachPage(table, openMeasurement, (records) => foldStatMeasurements(fold, records));
		await forEachPack(db, async (rows) =>
			foldStatMeasurements(fold, (await openPage(rows, openMeasurement)).records)
		);
		return fold;
	}
	// Ids are random UUIDs (lowercase hex, see randomId and seededIds), so cutting
	// the key space at hex digits gives stretches of about equal size without
	// reading a key. The same cuts share out the packs (keyed by client ids). (Another id shape would only make them unequal, never wrong.)
	const bounds = Array.from({ length: WORKERS - 1 }, (_, n) =>
		Math.floor((16 * (n + 1)) / WORKERS).toString(16)
	);
	const stretches: KeyStretch[] = [...bounds, undefined].map((to, n) => ({
		from: n === 0 ? undefined : bounds[n - 1],
		to
	}));
	const folds = await Promise.all(stretches.map(foldInWorker));
	return folds.reduce(mergeStatFolds);
}

/** One stretch folded by a worker of its own; a lock meanwhile stops it. */
function foldInWorker(stretch: KeyStretch): Promise<StatFold> {
	return new Promise((resolve, reject) => {
		const key = requireKey();
		const worker = new Worker(new URL('./statistics.worker.ts', import.meta.url), {
			type: 'module'
		});
		const finish = () => {
			stopWatching();
			worker.terminate();
		};
		const stopWatching = onSessionChange((state) => {
			if (state !== 'locked') return;
			finish();
			reject(new SecurityError('locked'));
		});
		worker.onmessage = (event: MessageEvent<FoldReply>) => {
			finish();
			if (event.data.ok) resolve(event.data.fold);
			else reject(new StorageError(event.data.fault));
		};
		worker.onerror = (event) => {
			finish();
			reject(new StorageError('unknown', { detail: event.message }));
		};
		worker.postMessage({ key, stretch } satisfies FoldRequest);
	});
}

/**
 * Every client and every measurement, folded into per-client statistics as they
 * pass: the measurements are never held all at once. The clients are opened here
 * while the workers fold the measurements.
 */
async function readFolded(): Promise<(newKey: IdSource) => StatClient[]> {
	return guard(async () => {
		const db = database();
		const folded = foldMeasurements(db);
		const { records: clients } = await openPage(await db.clients.toArray(), openClient);
		const fold = await folded;
		return (newKey: IdSource) => statClientsFromFold(fold, clients, { newKey });
	});
}

/** This device's data as anonymised statistics records (random keys, demo data left out). */
export async function deviceRecords(o: { newKey?: IdSource } = {}): Promise<StatClient[]> {
	const make = await readFolded();
	return make(o.newKey ?? randomId);
}

/** The anonymised team file of this device, with fresh random keys. */
export async function exportTeamFile(
	o: { now?: Clock; newKey?: IdSource } = {}
): Promise<TeamFile> {
	const make = await readFolded();
	const newKey = o.newKey ?? randomId;
	return teamFileOf(make(newKey), { newKey, today: localIsoDate((o.now ?? systemClock)()) });
}
