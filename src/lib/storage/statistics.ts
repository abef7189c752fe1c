import {
	foldStatMeasurements,
	localIsoDate,
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
import { database } from './database';
import { guard } from './errors';
import type { Table } from 'dexie';
import { forEachPage, openPage } from './pages';
import { openClient, openMeasurement } from './records';

/**
 * Every client and, page by page in key order, every measurement, folded into
 * per-client statistics as they pass: the measurements are never held all at once.
 */
async function readFolded(): Promise<(newKey: IdSource) => StatClient[]> {
	return guard(async () => {
		const db = database();
		const fold: StatFold = new Map();
		const clientRows = db.clients.toArray();
		await forEachPage(
			db.measurements as unknown as Table<{ id: string }, string>,
			openMeasurement,
			(records) => foldStatMeasurements(fold, records)
		);
		const { records: clients } = await openPage(await clientRows, openClient);
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
