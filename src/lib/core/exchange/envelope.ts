import { z } from 'zod';
import { planSchema } from '../plan/plan';
import { caseworkerChangeSchema, interventionSchema } from '../interventions/interventions';
import { clientSchema } from '../client/client';
import { measurementSchema, type Measurement } from '../measurement/measurement';
import { draftSchema } from '../conversation/draft';
import { profileSchema } from '../profile';
import { timestampSchema, checkConversationDate, type IsoDate } from '../time';
import { findCatalogue, type CatalogueRegistry, PUBLISHED_CATALOGUES } from '../catalogue/registry';
import { findAnswerProblems } from '../measurement/answers';
import { ExchangeError, wrongKindError } from './errors';
import { parseJsonSafely } from './safe-json';

/** The version of the file format this build writes and reads. Older versions are migrated, newer ones refused. */
export const FORMAT_VERSION = 1;

/** Size limits, checked before a file is read. */
export const CLIENT_FILE_MAX_BYTES = 5 * 1024 * 1024;
// A unit with 10,000 clients and 100,000 measurements makes an encrypted backup of
// about 100 MB; the caps leave room for about twice that.
export const BACKUP_FILE_MAX_BYTES = 400 * 1024 * 1024;

/** Record caps: a file over these is refused as a schema violation. */
export const MAX_MEASUREMENTS_PER_CLIENT = 1000;
export const MAX_BACKUP_CLIENTS = 25_000;
export const MAX_BACKUP_MEASUREMENTS = 250_000;
export const MAX_BACKUP_DRAFTS = 5000;
export const MAX_TOMBSTONES = 250_000;

export const exchangeKindSchema = z.enum(['client', 'backup']);
export type ExchangeKind = z.infer<typeof exchangeKindSchema>;

export const tombstoneSchema = z
	.object({
		id: z
			.string()
			.min(1)
			.max(64)
			.regex(/^[A-Za-z0-9-]+$/),
		table: z.enum(['clients', 'measurements', 'drafts']),
		deletedAt: timestampSchema
	})
	.strict();
export type Tombstone = z.infer<typeof tombstoneSchema>;

const envelope = {
	app: z.literal('framsteg'),
	formatVersion: z.literal(FORMAT_VERSION),
	exportedAt: timestampSchema
};

/** One client with all their measurements: the hand-over file. */
export const clientFileSchema = z
	.object({
		...envelope,
		kind: z.literal('client'),
		client: clientSchema,
		measurements: z.array(measurementSchema).max(MAX_MEASUREMENTS_PER_CLIENT)
	})
	.strict();
export type ClientFile = z.infer<typeof clientFileSchema>;

/** Everything on the device: profile, clients, measurements, drafts and tombstones. */
export const backupFileSchema = z
	.object({
		...envelope,
		kind: z.literal('backup'),
		/** The database schema version the data came from. */
		schemaVersion: z.number().int().min(1).max(1000),
		profile: profileSchema.nullable(),
		clients: z.array(clientSchema).max(MAX_BACKUP_CLIENTS),
		measurements: z.array(measurementSchema).max(MAX_BACKUP_MEASUREMENTS),
		drafts: z.array(draftSchema).max(MAX_BACKUP_DRAFTS),
		tombstones: z.array(tombstoneSchema).max(MAX_TOMBSTONES),
		// Added with database schema 3; absent in backups made before it.
		plans: z
			.array(planSchema)
			.max(MAX_BACKUP_CLIENTS * 10)
			.default([]),
		interventions: z
			.array(interventionSchema)
			.max(MAX_BACKUP_CLIENTS * 20)
			.default([]),
		caseworkerChanges: z
			.array(caseworkerChangeSchema)
			.max(MAX_BACKUP_CLIENTS * 10)
			.default([])
	})
	.strict();
export type BackupFile = z.infer<typeof backupFileSchema>;

const headerSchema = z.object({
	app: z.string().max(40),
	kind: z.string().max(40),
	formatVersion: z.number()
});
export type FileHeader = { kind: ExchangeKind | 'encrypted' };

/**
 * Older format versions are brought up to date by pure functions, one step each.
 * There is only version 1 so far; version 2 would add `1: (v) => ...` here.
 */
const MIGRATIONS: Record<number, (value: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Reads what a file says it is: Framsteg, which kind, which format version. Refuses
 * other files, newer versions ("update the app first") and the wrong kind.
 */
export function readHeader(value: unknown, expected: ExchangeKind): FileHeader {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new ExchangeError('not-framsteg');
	if ((value as { app?: unknown }).app !== 'framsteg') throw new ExchangeError('not-framsteg');
	const header = headerSchema.safeParse(value);
	if (!header.success) throw new ExchangeError('schema');
	const { kind, formatVersion } = header.data;
	if (!Number.isInteger(formatVersion) || formatVersion < 1) throw new ExchangeError('schema');
	if (formatVersion > FORMAT_VERSION) throw new ExchangeError('newer-version');
	if (kind === 'encrypted') return { kind };
	if (kind !== expected) throw wrongKindError(kind);
	return { kind };
}

/** Brings an older format version up to the current one (pure; validated afterwards). */
export function migrate(value: Record<string, unknown>): Record<string, unknown> {
	let current = value;
	for (let v = current.formatVersion as number; v < FORMAT_VERSION; v++) {
		const step = MIGRATIONS[v];
		if (!step) throw new ExchangeError('schema');
		current = step(current);
	}
	return current;
}

/** Parses a file's text: size, JSON, forbidden keys and header. Returns the raw value for the next step. */
export function openFileText(
	text: string,
	expected: ExchangeKind
): { header: FileHeader; value: Record<string, unknown> } {
	const value = parseJsonSafely(
		text,
		expected === 'client' ? CLIENT_FILE_MAX_BYTES : BACKUP_FILE_MAX_BYTES
	);
	const header = readHeader(value, expected);
	return { header, value: value as Record<string, unknown> };
}

function pathOf(issue: z.core.$ZodIssue): string {
	return issue.path.map(String).join('.');
}

function schemaError(error: z.ZodError): ExchangeError {
	const pin = error.issues.find((i) => i.message === 'code-looks-like-pin');
	if (pin) return new ExchangeError('pin-shaped-code', pathOf(pin));
	return new ExchangeError('schema', pathOf(error.issues[0]));
}

export type ValidateOptions = { today: IsoDate; registry?: CatalogueRegistry };

function checkMeasurements(
	measurements: Measurement[],
	o: ValidateOptions,
	prefix = 'measurements'
): void {
	measurements.forEach((m, n) => {
		const where = `${prefix}.${n}`;
		const catalogue = findCatalogue(m, o.registry ?? PUBLISHED_CATALOGUES);
		if (!catalogue) throw new ExchangeError('unknown-catalogue', where);
		if (
			findAnswerProblems(catalogue, m.clientAnswers, 'client').length > 0 ||
			findAnswerProblems(catalogue, m.caseworkerAnswers, 'caseworker').length > 0
		)
			throw new ExchangeError('out-of-range-answer', where);
		if (checkConversationDate(m.takenOn, o.today)) throw new ExchangeError('bad-date', where);
	});
}

function checkUnique(ids: string[], where: string): void {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) throw new ExchangeError('duplicate-id', where);
		seen.add(id);
	}
}

/**
 * Validates a (decrypted) hand-over file completely: strict schema with caps,
 * catalogue versions, answer ranges, dates, unique ids, and that every
 * measurement belongs to the file's client.
 */
export function parseClientFile(value: Record<string, unknown>, o: ValidateOptions): ClientFile {
	readHeader(value, 'client');
	const parsed = clientFileSchema.safeParse(migrate(value));
	if (!parsed.success) throw schemaError(parsed.error);
	const file = parsed.data;
	checkUnique(
		file.measurements.map((m) => m.id),
		'measurements'
	);
	file.measurements.forEach((m, n) => {
		if (m.clientId !== file.client.id)
			throw new ExchangeError('foreign-record', `measurements.${n}`);
	});
	checkMeasurements(file.measurements, o);
	return file;
}

/** Validates a (decrypted) backup completely, like a hand-over file but for every table. */
export function parseBackupFile(value: Record<string, unknown>, o: ValidateOptions): BackupFile {
	readHeader(value, 'backup');
	const parsed = backupFileSchema.safeParse(migrate(value));
	if (!parsed.success) throw schemaError(parsed.error);
	const file = parsed.data;
	checkUnique(
		file.clients.map((c) => c.id),
		'clients'
	);
	checkUnique(
		file.measurements.map((m) => m.id),
		'measurements'
	);
	checkUnique(
		file.drafts.map((d) => d.id),
		'drafts'
	);
	checkUnique(
		file.tombstones.map((t) => t.id),
		'tombstones'
	);
	const clientIds = new Set<string>(file.clients.map((c) => c.id));
	file.measurements.forEach((m, n) => {
		if (!clientIds.has(m.clientId)) throw new ExchangeError('foreign-record', `measurements.${n}`);
	});
	file.drafts.forEach((d, n) => {
		if (!clientIds.has(d.clientId)) throw new ExchangeError('foreign-record', `drafts.${n}`);
	});
	const live = new Set<string>([...clientIds, ...file.measurements.map((m) => m.id)]);
	file.tombstones.forEach((t, n) => {
		if (live.has(t.id)) throw new ExchangeError('foreign-record', `tombstones.${n}`);
	});
	checkMeasurements(file.measurements, o);
	return file;
}
