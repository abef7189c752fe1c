import { z } from '../zod';
import { isoDateSchema, addDays, type IsoDate } from '../time';
import type { IdSource } from '../ids';
import { indicatorIdSchema, INDICATOR_IDS, type IndicatorId } from '../catalogue/schema';
import {
	findCatalogue,
	PUBLISHED_CATALOGUES,
	radarIndicators,
	type CatalogueRegistry
} from '../catalogue/registry';
import { indicatorScore } from '../compare/scores';
import { birthYearRangeSchema, genderSchema, type Client } from '../client/client';
import type { Measurement } from '../measurement/measurement';
import { canonical } from '../canonical';

/**
 * The anonymised team statistics file. It holds no names, codes, notes, plans or
 * dates finer than a quarter; each client gets a random key that is new for every
 * export, so two files cannot be linked to each other or back to a register.
 */
export const TEAM_FILE_FORMAT = 'framsteg-team-statistics';
export const TEAM_FILE_VERSION = 1;
export const TEAM_FILE_MAX_BYTES = 5_000_000;
export const TEAM_FILE_MAX_CLIENTS = 5_000;
export const TEAM_MAX_FILES = 50;
const MAX_PER_CLIENT = 200;

export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/);
export type Quarter = z.infer<typeof quarterSchema>;

/** The calendar quarter of a date, `2026-Q3`. */
export function quarterOf(date: string): Quarter {
	const month = Number(date.slice(5, 7));
	return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

const keySchema = z
	.string()
	.min(8)
	.max(64)
	.regex(/^[A-Za-z0-9-]+$/);

/** A score on one indicator: the step value (higher = closer to work) and its scale. */
export const statScoreSchema = z
	.object({
		value: z.number().min(0).max(10),
		min: z.number().int().min(0).max(10),
		max: z.number().int().min(1).max(10)
	})
	.strict()
	.refine((s) => s.min < s.max && s.value >= s.min && s.value <= s.max, {
		message: 'out-of-scale'
	});
export type StatScore = z.infer<typeof statScoreSchema>;

const ratingsSchema = z.partialRecord(indicatorIdSchema, statScoreSchema);

export const statSnapshotSchema = z
	.object({
		quarter: quarterSchema,
		catalogueId: z.string().min(1).max(60),
		catalogueVersion: z.number().int().positive().max(10_000),
		participant: ratingsSchema,
		caseworker: ratingsSchema
	})
	.strict();
export type StatSnapshot = z.infer<typeof statSnapshotSchema>;

export const statBeliefSchema = z
	.object({ quarter: quarterSchema, score: statScoreSchema })
	.strict();

/** One client in a team file. */
export const statClientSchema = z
	.object({
		key: keySchema,
		gender: genderSchema,
		birthYearRange: birthYearRangeSchema.nullable(),
		measurementsByQuarter: z
			.record(quarterSchema, z.number().int().min(1).max(MAX_PER_CLIENT))
			.refine((r) => Object.keys(r).length <= MAX_PER_CLIENT, { message: 'too-many' }),
		first: statSnapshotSchema,
		/** Null when the client has one measurement only. */
		latest: statSnapshotSchema.nullable(),
		belief: z.array(statBeliefSchema).max(MAX_PER_CLIENT)
	})
	.strict();
export type StatClient = z.infer<typeof statClientSchema>;

export const teamFileSchema = z
	.object({
		format: z.literal(TEAM_FILE_FORMAT),
		formatVersion: z.literal(TEAM_FILE_VERSION),
		exportId: keySchema,
		exportedOn: isoDateSchema,
		catalogues: z
			.array(
				z
					.object({
						catalogueId: z.string().min(1).max(60),
						catalogueVersion: z.number().int().positive().max(10_000)
					})
					.strict()
			)
			.max(50),
		clients: z.array(statClientSchema).max(TEAM_FILE_MAX_CLIENTS)
	})
	.strict();
export type TeamFile = z.infer<typeof teamFileSchema>;

function snapshot(m: Measurement, registry: CatalogueRegistry): StatSnapshot | null {
	const catalogue = findCatalogue(m, registry);
	if (!catalogue) return null;
	const participant: Partial<Record<IndicatorId, StatScore>> = {};
	const caseworker: Partial<Record<IndicatorId, StatScore>> = {};
	for (const indicator of radarIndicators(catalogue)) {
		const c = indicatorScore(catalogue, m.clientAnswers, indicator.id, 'client');
		if (c) participant[indicator.id] = { value: c.value, min: c.min, max: c.max };
		const w = indicatorScore(catalogue, m.caseworkerAnswers, indicator.id, 'caseworker');
		if (w) caseworker[indicator.id] = { value: w.value, min: w.min, max: w.max };
	}
	return {
		quarter: quarterOf(m.takenOn),
		catalogueId: m.catalogueId,
		catalogueVersion: m.catalogueVersion,
		participant,
		caseworker
	};
}

/** ISO dates and timestamps compare as text (no locale rules: a fold compares twice per measurement). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byDate = (a: Measurement, b: Measurement) =>
	byText(a.takenOn, b.takenOn) || byText(a.createdAt, b.createdAt);

/**
 * The caseworker's belief at one measurement, kept small: a fold holds one per
 * measurement and goes from a worker to the page, where a cloned message costs
 * by the value. When (`takenOn createdAt`, which sorts as `byDate` does), its
 * quarter, then the score's value, min and max.
 */
type BeliefEntry = [when: string, quarter: Quarter, value: number, min: number, max: number];

/** What the statistics keep per client while measurements stream past (see `foldStatMeasurements`). */
export type StatFold = Map<
	string,
	{
		count: number;
		first: Measurement;
		latest: Measurement;
		measurementsByQuarter: Record<string, number>;
		belief: BeliefEntry[];
	}
>;

/**
 * Adds measurements to a statistics fold, one batch at a time, so a device's
 * measurements can be read in pages and never held all at once. Keeps per
 * client only the first and latest measurement, counts per quarter and the
 * caseworker's belief per measurement. Demo data and unknown catalogues are left out.
 */
export function foldStatMeasurements(
	fold: StatFold,
	measurements: Iterable<Measurement>,
	registry: CatalogueRegistry = PUBLISHED_CATALOGUES
): StatFold {
	for (const m of measurements) {
		if (m.isDemo) continue;
		const catalogue = findCatalogue(m, registry);
		if (!catalogue) continue;
		const quarter = quarterOf(m.takenOn);
		const s = indicatorScore(catalogue, m.caseworkerAnswers, 'caseworker-belief', 'caseworker');
		const belief: BeliefEntry | undefined = s
			? [`${m.takenOn} ${m.createdAt}`, quarter, s.value, s.min, s.max]
			: undefined;
		const entry = fold.get(m.clientId);
		if (!entry) {
			fold.set(m.clientId, {
				count: 1,
				first: m,
				latest: m,
				measurementsByQuarter: { [quarter]: 1 },
				belief: belief ? [belief] : []
			});
			continue;
		}
		entry.count++;
		if (byDate(m, entry.first) < 0) entry.first = m;
		if (byDate(m, entry.latest) >= 0) entry.latest = m;
		entry.measurementsByQuarter[quarter] = (entry.measurementsByQuarter[quarter] ?? 0) + 1;
		if (belief) entry.belief.push(belief);
	}
	return fold;
}

/**
 * Joins the fold of a later stretch of measurements into the fold of an earlier
 * one, exactly as if one fold had seen both stretches in that order (same
 * tie-breaks for first and latest, beliefs in the same order). Lets several
 * workers fold a device's measurements side by side. Changes and returns `into`.
 */
export function mergeStatFolds(into: StatFold, later: StatFold): StatFold {
	for (const [clientId, b] of later) {
		const a = into.get(clientId);
		if (!a) {
			into.set(clientId, b);
			continue;
		}
		a.count += b.count;
		if (byDate(b.first, a.first) < 0) a.first = b.first;
		if (byDate(b.latest, a.latest) >= 0) a.latest = b.latest;
		for (const [quarter, n] of Object.entries(b.measurementsByQuarter))
			a.measurementsByQuarter[quarter] = (a.measurementsByQuarter[quarter] ?? 0) + n;
		for (const entry of b.belief) a.belief.push(entry);
	}
	return into;
}

/** The statistics records of the clients in a fold (demo clients and clients without measurements left out). */
export function statClientsFromFold(
	fold: StatFold,
	clients: Iterable<Client>,
	o: { newKey: IdSource; registry?: CatalogueRegistry }
): StatClient[] {
	const registry = o.registry ?? PUBLISHED_CATALOGUES;
	const out: StatClient[] = [];
	for (const client of clients) {
		if (client.isDemo) continue;
		const entry = fold.get(client.id);
		if (!entry) continue;
		const belief = entry.belief
			.sort((a, b) => byText(a[0], b[0]))
			.map(([, quarter, value, min, max]) => ({ quarter, score: { value, min, max } }));
		out.push({
			key: o.newKey(),
			gender: client.gender,
			birthYearRange: client.birthYearRange,
			measurementsByQuarter: { ...entry.measurementsByQuarter },
			first: snapshot(entry.first, registry)!,
			latest: entry.count > 1 ? snapshot(entry.latest, registry) : null,
			belief
		});
	}
	// Sorted by the random key, so the order says nothing about the register.
	return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The anonymised statistics records of this device's clients (demo data left out).
 * Clients without a measurement on a known catalogue are left out.
 */
export function toStatClients(
	clients: readonly Client[],
	measurements: readonly Measurement[],
	o: { newKey: IdSource; registry?: CatalogueRegistry }
): StatClient[] {
	const fold = foldStatMeasurements(new Map(), measurements, o.registry ?? PUBLISHED_CATALOGUES);
	return statClientsFromFold(fold, clients, o);
}

/** A team file of this device's data, ready to download. */
export function buildTeamFile(
	clients: readonly Client[],
	measurements: readonly Measurement[],
	o: { newKey: IdSource; today: IsoDate; registry?: CatalogueRegistry }
): TeamFile {
	return teamFileOf(toStatClients(clients, measurements, o), o);
}

/** A team file of statistics records already made (see `statClientsFromFold`). */
export function teamFileOf(
	records: StatClient[],
	o: { newKey: IdSource; today: IsoDate }
): TeamFile {
	const refs = new Map<string, { catalogueId: string; catalogueVersion: number }>();
	for (const r of records)
		for (const s of [r.first, r.latest])
			if (s)
				refs.set(`${s.catalogueId}@${s.catalogueVersion}`, {
					catalogueId: s.catalogueId,
					catalogueVersion: s.catalogueVersion
				});
	return teamFileSchema.parse({
		format: TEAM_FILE_FORMAT,
		formatVersion: TEAM_FILE_VERSION,
		exportId: o.newKey(),
		exportedOn: o.today,
		catalogues: [...refs.values()],
		clients: records
	});
}

export type TeamFileError =
	| 'too-large'
	| 'not-json'
	| 'dangerous-key'
	| 'wrong-format'
	| 'newer-format'
	| 'invalid'
	| 'future-date'
	| 'duplicate-keys';

export type TeamFileParse = { ok: true; file: TeamFile } | { ok: false; error: TeamFileError };

const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads an imported team file: size, JSON, dangerous keys, format version, schema, dates, duplicates. */
export function parseTeamFile(text: string, today: IsoDate): TeamFileParse {
	if (text.length > TEAM_FILE_MAX_BYTES) return { ok: false, error: 'too-large' };
	let data: unknown;
	let dangerous = false;
	try {
		data = JSON.parse(text, function (key, value: unknown) {
			if (DANGEROUS_KEYS.has(key)) dangerous = true;
			return value;
		});
	} catch {
		return { ok: false, error: 'not-json' };
	}
	if (dangerous) return { ok: false, error: 'dangerous-key' };
	if (!data || typeof data !== 'object' || Array.isArray(data))
		return { ok: false, error: 'wrong-format' };
	const envelope = data as { format?: unknown; formatVersion?: unknown };
	if (envelope.format !== TEAM_FILE_FORMAT) return { ok: false, error: 'wrong-format' };
	if (typeof envelope.formatVersion === 'number' && envelope.formatVersion > TEAM_FILE_VERSION)
		return { ok: false, error: 'newer-format' };
	const parsed = teamFileSchema.safeParse(data);
	if (!parsed.success) return { ok: false, error: 'invalid' };
	const file = parsed.data;
	const latestQuarter = quarterOf(addDays(today, 1));
	const quarters = file.clients.flatMap((c) => [
		...Object.keys(c.measurementsByQuarter),
		c.first.quarter,
		...(c.latest ? [c.latest.quarter] : []),
		...c.belief.map((b) => b.quarter)
	]);
	if (file.exportedOn > addDays(today, 1) || quarters.some((q) => q > latestQuarter))
		return { ok: false, error: 'future-date' };
	if (new Set(file.clients.map((c) => c.key)).size !== file.clients.length)
		return { ok: false, error: 'duplicate-keys' };
	return { ok: true, file };
}

export type MergedTeamData = {
	files: { exportId: string; exportedOn: IsoDate; clients: number }[];
	clients: StatClient[];
	/** Files imported twice (same export id): counted once. */
	duplicateFiles: number;
	/** The same record in two files: counted once. */
	duplicateRecords: number;
	/** The same key with different content: the later record is left out. */
	conflicts: number;
	/** Catalogue versions in the data; more than one means changes may be normalised. */
	catalogues: { catalogueId: string; catalogueVersion: number }[];
};

/** Merges team files into one read-only data set, never touching the local register. */
export function mergeTeamFiles(files: readonly TeamFile[]): MergedTeamData {
	const seenFiles = new Set<string>();
	const byKey = new Map<string, { record: StatClient; text: string }>();
	const result: MergedTeamData = {
		files: [],
		clients: [],
		duplicateFiles: 0,
		duplicateRecords: 0,
		conflicts: 0,
		catalogues: []
	};
	const catalogues = new Map<string, { catalogueId: string; catalogueVersion: number }>();
	for (const file of files) {
		if (seenFiles.has(file.exportId)) {
			result.duplicateFiles++;
			continue;
		}
		seenFiles.add(file.exportId);
		result.files.push({
			exportId: file.exportId,
			exportedOn: file.exportedOn,
			clients: file.clients.length
		});
		for (const c of file.catalogues) catalogues.set(`${c.catalogueId}@${c.catalogueVersion}`, c);
		for (const record of file.clients) {
			const text = canonical(record);
			const existing = byKey.get(record.key);
			if (!existing) byKey.set(record.key, { record, text });
			else if (existing.text === text) result.duplicateRecords++;
			else result.conflicts++;
		}
	}
	result.clients = [...byKey.values()].map((v) => v.record);
	result.catalogues = [...catalogues.values()].sort(
		(a, b) => a.catalogueId.localeCompare(b.catalogueId) || a.catalogueVersion - b.catalogueVersion
	);
	return result;
}

export const STAT_INDICATORS: readonly IndicatorId[] = INDICATOR_IDS.filter(
	(id) => id !== 'caseworker-belief'
);
