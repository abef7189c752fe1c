import {
	buildTeamFile,
	localIsoDate,
	randomId,
	systemClock,
	toStatClients,
	type Clock,
	type IdSource,
	type StatClient,
	type TeamFile
} from '$lib/core';
import { database } from './database';
import { guard } from './errors';
import { openAll, openClient, openMeasurement } from './records';

async function readAll() {
	return guard(async () => {
		const db = database();
		const [clientRows, measurementRows] = await Promise.all([
			db.clients.toArray(),
			db.measurements.toArray()
		]);
		const { records: clients } = await openAll(clientRows, openClient);
		const { records: measurements } = await openAll(measurementRows, openMeasurement);
		return { clients, measurements };
	});
}

/** This device's data as anonymised statistics records (random keys, demo data left out). */
export async function deviceRecords(o: { newKey?: IdSource } = {}): Promise<StatClient[]> {
	const { clients, measurements } = await readAll();
	return toStatClients(clients, measurements, { newKey: o.newKey ?? randomId });
}

/** The anonymised team file of this device, with fresh random keys. */
export async function exportTeamFile(
	o: { now?: Clock; newKey?: IdSource } = {}
): Promise<TeamFile> {
	const { clients, measurements } = await readAll();
	return buildTeamFile(clients, measurements, {
		newKey: o.newKey ?? randomId,
		today: localIsoDate((o.now ?? systemClock)())
	});
}
