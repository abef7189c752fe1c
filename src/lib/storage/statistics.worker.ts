/// <reference lib="webworker" />
/**
 * Folds one stretch of the device's measurements into team statistics, off the
 * main thread (see statistics.ts): reads its own pages, opens (decrypts and
 * validates) them with the data key it is handed, folds them, and posts the fold
 * back. It lives only for one job; it never writes.
 */
import { foldStatMeasurements, type StatFold } from '$lib/core';
import type { Table } from 'dexie';
import { database } from './database';
import { classifyStorageError, type StorageFault } from './errors';
import { forEachPage, openPage, type KeyStretch } from './pages';
import { forEachPack } from './measurement-packs';
import { openMeasurement } from './records';
import { setKey } from './session';

export type FoldRequest = { key: CryptoKey; stretch: KeyStretch };
export type FoldReply = { ok: true; fold: StatFold } | { ok: false; fault: StorageFault };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<FoldRequest>) => {
	let reply: FoldReply;
	try {
		setKey(event.data.key);
		const fold: StatFold = new Map();
		await forEachPage(
			database().measurements as unknown as Table<{ id: string }, string>,
			openMeasurement,
			(records) => foldStatMeasurements(fold, records),
			event.data.stretch
		);
		// The packs whose keys fall in the same stretch (see measurement-packs.ts).
		await forEachPack(
			database(),
			async (rows) => foldStatMeasurements(fold, (await openPage(rows, openMeasurement)).records),
			event.data.stretch
		);
		reply = { ok: true, fold };
	} catch (error) {
		reply = { ok: false, fault: classifyStorageError(error).fault };
	}
	database().close();
	scope.postMessage(reply);
};
