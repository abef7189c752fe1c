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
import { openAll, openClient, openMeasurement, type MeasurementRow } from './records';

/** Measurements read per page: the statistics never hold every measurement at once. */
const PAGE_SIZE = 2000;

/**
 * Every client and, page by page in key order, every measurement, folded into
 * per-client statistics as they pass. Each page is read in its own short
 * transaction and opened outside it; the next page is read while this one is
 * opened, so the database and the validation work side by side.
 */
async function readFolded(): Promise<(newKey: IdSource) => StatClient[]> {
	return guard(async () => {
		const db = database();
		const fold: StatFold = new Map();
		const readPage = (after: string | undefined) =>
			(after === undefined
				? db.measurements.orderBy(':id')
				: db.measurements.where(':id').above(after)
			)
				.limit(PAGE_SIZE)
				.toArray();
		const clientRows = db.clients.toArray();
		let next: Promise<MeasurementRow[]> = readPage(undefined);
		for (;;) {
			const rows = await next;
			if (rows.length === 0) break;
			next = rows.length < PAGE_SIZE ? Promise.resolve([]) : readPage(rows[rows.length - 1].id);
			foldStatMeasurements(fold, (await openAll(rows, openMeasurement)).records);
		}
		const { records: clients } = await openAll(await clientRows, openClient);
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
