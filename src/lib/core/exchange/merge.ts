import type { Client } from '../client/client';
import type { Measurement } from '../measurement/measurement';
import type { ClientId, MeasurementId } from '../ids';
import { ExchangeError } from './errors';
import type { ClientFile } from './envelope';
import { sameRecord } from '../canonical';

/** What is already on this device that a hand-over file touches. */
export type ExistingForImport = {
	client: Client | undefined;
	/** Stored measurements with the ids found in the file (possibly of another client). */
	measurements: ReadonlyMap<string, Measurement>;
	/** Ids deleted on this device (tombstones): they must not come back. */
	deletedIds: ReadonlySet<string>;
	/** Another client on this device with the same code, if any. */
	codeTakenBy: ClientId | undefined;
};

export type MeasurementConflict = { id: MeasurementId; takenOn: string };

/** The preview of a hand-over import: what will be written, and what will not. */
export type ClientImportPlan = {
	client: Client;
	/** `create`: a new client; `existing`: the client is already here and is kept as it is. */
	clientAction: 'create' | 'existing';
	/** The stored client differs from the file's (kept as stored; listed for the user). */
	clientDiffers: boolean;
	codeTakenBy: ClientId | undefined;
	toAdd: Measurement[];
	identical: MeasurementId[];
	conflicts: MeasurementConflict[];
	/** Measurements deleted on this device: not brought back. */
	deleted: MeasurementId[];
	measurementCount: number;
	catalogueVersions: { catalogueId: string; catalogueVersion: number }[];
	dateRange: { first: string; last: string } | undefined;
};

/**
 * Merges by id, never overwriting: new measurements are added, identical ones
 * skipped, different ones with the same id listed as conflicts (the stored one
 * stays). A client or measurement deleted here stays deleted.
 */
export function planClientImport(file: ClientFile, existing: ExistingForImport): ClientImportPlan {
	if (existing.deletedIds.has(file.client.id)) throw new ExchangeError('deleted-client');
	const plan: ClientImportPlan = {
		client: file.client,
		clientAction: existing.client ? 'existing' : 'create',
		clientDiffers: !!existing.client && !sameRecord(existing.client, file.client),
		codeTakenBy: existing.codeTakenBy,
		toAdd: [],
		identical: [],
		conflicts: [],
		deleted: [],
		measurementCount: file.measurements.length,
		catalogueVersions: [],
		dateRange: undefined
	};
	for (const m of file.measurements) {
		const stored = existing.measurements.get(m.id);
		if (existing.deletedIds.has(m.id)) plan.deleted.push(m.id);
		else if (!stored) plan.toAdd.push(m);
		else if (sameRecord(stored, m)) plan.identical.push(m.id);
		else plan.conflicts.push({ id: m.id, takenOn: m.takenOn });
	}
	const versions = new Map<string, { catalogueId: string; catalogueVersion: number }>();
	for (const m of file.measurements)
		versions.set(`${m.catalogueId}@${m.catalogueVersion}`, {
			catalogueId: m.catalogueId,
			catalogueVersion: m.catalogueVersion
		});
	plan.catalogueVersions = [...versions.values()];
	const dates = file.measurements.map((m) => m.takenOn).sort();
	if (dates.length > 0) plan.dateRange = { first: dates[0], last: dates[dates.length - 1] };
	return plan;
}
