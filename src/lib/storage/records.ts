import type { z } from '$lib/core/zod';
import {
	caseworkerChangeSchema,
	clientSchema,
	interventionSchema,
	planSchema,
	type CaseworkerChange,
	type Intervention,
	type Plan,
	draftSchema,
	measurementSchema,
	parseClient,
	parseMeasurement,
	profileSchema,
	type Client,
	type Draft,
	type Measurement,
	type Profile,
	decryptJson,
	encryptJson,
	recordAad,
	SecurityError
} from '$lib/core';
import { requireKey } from './session';

/**
 * Mapping between domain records and stored rows: the one place that knows which
 * fields are personal. A stored row holds its id, the fields its indexes need
 * (ids, dates, status, the demo flag) and `enc`: everything else, encrypted with
 * the session's data key (AES-256-GCM, fresh IV, table and id as AAD). With the
 * app locked, nothing readable is left in IndexedDB.
 *
 * `seal*` and `open*` are async and must run OUTSIDE any Dexie transaction:
 * WebCrypto must never be awaited inside one (it would commit early).
 *
 * Rows written before encryption existed (no `enc`) are still read; they are
 * encrypted in place when the keyring is created (see keyring.ts).
 *
 * Every row read is validated with zod: invalid rows never reach the UI.
 */
export type MetaRow = { key: string; value: unknown };
type Sealed = { enc: Uint8Array };
export type ProfileRow = Pick<Profile, 'id'> & Sealed;
export type ClientRow = Pick<Client, 'id' | 'status' | 'caseworkerId' | 'updatedAt' | 'isDemo'> &
	Sealed;
export type MeasurementRow = Pick<Measurement, 'id' | 'clientId' | 'takenOn' | 'isDemo'> & Sealed;
export type DraftRow = Pick<Draft, 'id' | 'clientId' | 'updatedAt'> & Sealed;
export type PlanRow = Pick<Plan, 'id' | 'clientId' | 'reviewOn' | 'updatedAt' | 'isDemo'> & Sealed;
export type InterventionRow = Pick<Intervention, 'id' | 'clientId' | 'startOn' | 'isDemo'> & Sealed;
export type CaseworkerChangeRow = Pick<
	CaseworkerChange,
	'id' | 'clientId' | 'changedOn' | 'isDemo'
> &
	Sealed;
export type TombstoneRow = {
	id: string;
	table: 'clients' | 'measurements' | 'drafts' | 'plans' | 'interventions' | 'caseworkerChanges';
	deletedAt: string;
};
export type AuditRow = { seq: number; at: string; enc: Uint8Array };

export type SealedTable =
	| 'profile'
	| 'clients'
	| 'measurements'
	| 'drafts'
	| 'plans'
	| 'interventions'
	| 'caseworkerChanges'
	| 'audit'
	| 'meta';

/** The plain fields each table keeps beside `enc` (what its indexes need). */
export const PLAIN_FIELDS: Record<Exclude<SealedTable, 'audit' | 'meta'>, readonly string[]> = {
	profile: ['id'],
	clients: ['id', 'status', 'caseworkerId', 'updatedAt', 'isDemo'],
	measurements: ['id', 'clientId', 'takenOn', 'isDemo'],
	drafts: ['id', 'clientId', 'updatedAt'],
	plans: ['id', 'clientId', 'reviewOn', 'updatedAt', 'isDemo'],
	interventions: ['id', 'clientId', 'startOn', 'isDemo'],
	caseworkerChanges: ['id', 'clientId', 'changedOn', 'isDemo']
};

/**
 * Encrypts a value for a table and record id, with the session key unless another
 * key is given (a restore re-seals rows from a backup made with another key).
 */
export function sealValue(
	table: SealedTable,
	id: string,
	value: unknown,
	key: CryptoKey = requireKey()
): Promise<Uint8Array> {
	return encryptJson(key, recordAad(table, id), value);
}

/** Decrypts what `sealValue` wrote (with the session key unless another is given). */
export function openValue(
	table: SealedTable,
	id: string,
	sealed: Uint8Array,
	key: CryptoKey = requireKey()
): Promise<unknown> {
	return decryptJson(key, recordAad(table, id), sealed);
}

export type RecordTable = Exclude<SealedTable, 'audit' | 'meta'>;

async function seal<T extends { id: string }>(
	table: RecordTable,
	record: T,
	key?: CryptoKey
): Promise<Record<string, unknown> & Sealed> {
	const row: Record<string, unknown> = {};
	for (const field of PLAIN_FIELDS[table]) {
		const value = (record as Record<string, unknown>)[field];
		if (value !== undefined) row[field] = value;
	}
	row.enc = await sealValue(table, record.id, record, key);
	return row as Record<string, unknown> & Sealed;
}

function isSealed(row: unknown): row is { id: string } & Sealed {
	return typeof row === 'object' && row !== null && 'enc' in row;
}

/** Whether a stored row predates encryption (plaintext). */
export function isPlainRow(row: unknown): boolean {
	return typeof row === 'object' && row !== null && !('enc' in row);
}

/**
 * Opens a row: decrypts `enc` and checks that the plain index fields agree with
 * the sealed record (a row whose clientId was edited on disk is refused).
 */
async function open(table: RecordTable, row: unknown, key?: CryptoKey): Promise<unknown> {
	if (!isSealed(row)) return row;
	const value = await openValue(table, String(row.id), row.enc, key);
	if (typeof value !== 'object' || value === null) throw new SecurityError('damaged-record');
	for (const field of PLAIN_FIELDS[table]) {
		const plain = (row as Record<string, unknown>)[field];
		if (plain !== undefined && plain !== (value as Record<string, unknown>)[field])
			throw new SecurityError('damaged-record');
	}
	return value;
}

export async function sealProfile(profile: Profile): Promise<ProfileRow> {
	return (await seal('profile', profileSchema.parse(profile))) as ProfileRow;
}
export async function openProfile(row: unknown): Promise<Profile> {
	return profileSchema.parse(await open('profile', row));
}

export async function sealClient(client: Client): Promise<ClientRow> {
	return (await seal('clients', clientSchema.parse(client))) as ClientRow;
}
export async function openClient(row: unknown): Promise<Client> {
	return parseClient(await open('clients', row));
}

export async function sealMeasurement(measurement: Measurement): Promise<MeasurementRow> {
	// Checked again as it is sealed; the quick check first (a save's record was just made by
	// zod, and saving a conversation is the app's hottest write).
	return (await seal('measurements', parseMeasurement(measurement))) as MeasurementRow;
}
export async function openMeasurement(row: unknown): Promise<Measurement> {
	return parseMeasurement(await open('measurements', row));
}

export async function sealDraft(draft: Draft): Promise<DraftRow> {
	return (await seal('drafts', draftSchema.parse(draft))) as DraftRow;
}
/** Drafts are checked against the catalogue by the caller (core `checkDraft`), so this returns raw data. */
export async function openDraftRaw(row: unknown): Promise<unknown> {
	return open('drafts', row);
}

/** Plans: goal and step texts are personal. */
export async function sealPlan(plan: Plan): Promise<PlanRow> {
	return (await seal('plans', planSchema.parse(plan))) as PlanRow;
}
export async function openPlan(row: unknown): Promise<Plan> {
	return planSchema.parse(await open('plans', row));
}

/** Interventions: type and dates only, but sealed like the rest. */
export async function sealIntervention(intervention: Intervention): Promise<InterventionRow> {
	return (await seal('interventions', interventionSchema.parse(intervention))) as InterventionRow;
}
export async function openIntervention(row: unknown): Promise<Intervention> {
	return interventionSchema.parse(await open('interventions', row));
}

/** Caseworker changes: the from/to names are personal. */
export async function sealCaseworkerChange(change: CaseworkerChange): Promise<CaseworkerChangeRow> {
	return (await seal(
		'caseworkerChanges',
		caseworkerChangeSchema.parse(change)
	)) as CaseworkerChangeRow;
}
export async function openCaseworkerChange(row: unknown): Promise<CaseworkerChange> {
	return caseworkerChangeSchema.parse(await open('caseworkerChanges', row));
}

/** Seals any record of a table (used to encrypt rows written before encryption). */
export const SEALERS = {
	profile: (r: unknown) => openProfile(r).then(sealProfile),
	clients: (r: unknown) => openClient(r).then(sealClient),
	measurements: (r: unknown) => openMeasurement(r).then(sealMeasurement),
	drafts: async (r: unknown) => ({
		...(await seal('drafts', r as { id: string }))
	}),
	plans: (r: unknown) => openPlan(r).then(sealPlan),
	interventions: (r: unknown) => openIntervention(r).then(sealIntervention),
	caseworkerChanges: (r: unknown) => openCaseworkerChange(r).then(sealCaseworkerChange)
} as const;

/** The schema every record of a table must meet (drafts: structure only; the catalogue check is the caller's). */
const RECORD_SCHEMAS: Record<RecordTable, z.ZodType> = {
	profile: profileSchema,
	clients: clientSchema,
	measurements: measurementSchema,
	drafts: draftSchema,
	plans: planSchema,
	interventions: interventionSchema,
	caseworkerChanges: caseworkerChangeSchema
};

/** Opens and validates a row sealed with a given key (a backup's profile, for its preview). */
export async function openWith(table: RecordTable, row: unknown, key: CryptoKey): Promise<unknown> {
	if (!isSealed(row)) throw new SecurityError('damaged-record');
	return RECORD_SCHEMAS[table].parse(await open(table, row, key));
}

/**
 * Opens a row sealed with `from`, validates the record with its table's schema
 * (as every read does) and seals it again with `to`: how a restore takes a backup
 * made with another data key. Throws when the row does not open or is invalid.
 */
export async function resealRow(
	table: RecordTable,
	row: unknown,
	from: CryptoKey,
	to: CryptoKey
): Promise<Record<string, unknown> & Sealed> {
	const record = (await openWith(table, row, from)) as { id: string };
	return seal(table, record, to);
}

/**
 * Opens many rows, leaving out any that fail validation (and counting them).
 * Decryption runs concurrently; a locked session is an error, not "invalid".
 */
export async function openAll<T>(
	rows: unknown[],
	open: (row: unknown) => Promise<T>
): Promise<{ records: T[]; invalid: number }> {
	const results = await Promise.allSettled(rows.map((row) => open(row)));
	const records: T[] = [];
	let invalid = 0;
	for (const r of results) {
		if (r.status === 'fulfilled') records.push(r.value);
		else if (r.reason instanceof SecurityError && r.reason.fault === 'locked') throw r.reason;
		else invalid++;
	}
	return { records, invalid };
}
