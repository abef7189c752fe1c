import type { Gender } from '../client/client';
import type { IndicatorId } from '../catalogue/schema';
import type { StatClient, StatScore } from './team-file';
import { STAT_INDICATORS } from './team-file';
import {
	protectRow,
	STAT_GROUPS,
	type ProtectedCell,
	type RawCell,
	type StatGroup
} from './suppression';

export type StatTableId =
	| 'clientsPerQuarter'
	| 'measurementsPerQuarter'
	| 'measurementsPerClient'
	| 'changeParticipant'
	| 'changeCaseworker'
	| 'improving'
	| 'beliefPerQuarter';

/** How a table's values read: counts, means in scale steps, or a percentage. */
export type StatValueKind = 'count' | 'mean' | 'percent';

export type StatRow = {
	id: string;
	/** i18n key of the row label, with its values (raw: a quarter or a label key to translate). */
	labelKey: string;
	labelValues: Record<string, string | number>;
	/** Label values that are i18n keys themselves. */
	translate?: readonly string[];
	kind: StatValueKind;
	/** True when scales differed, so the values are on the 0–1 scale. */
	isNormalised: boolean;
	cells: Record<StatGroup, ProtectedCell>;
};

export type StatTable = { id: StatTableId; rows: StatRow[] };

export type TeamStatistics = {
	clientCount: number;
	tables: Record<StatTableId, StatTable>;
};

const round = (n: number, digits: number) => {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
};

type Contribution = { gender: Gender; client: string; value: number };

/** Groups contributions into raw cells: total and per gender. */
function cellsOf(
	items: readonly Contribution[],
	reduce: (values: number[]) => number | null
): Record<StatGroup, RawCell> {
	const out = {} as Record<StatGroup, RawCell>;
	for (const g of STAT_GROUPS) {
		const mine = g === 'total' ? items : items.filter((i) => i.gender === g);
		out[g] = {
			value: mine.length ? reduce(mine.map((i) => i.value)) : null,
			persons: new Set(mine.map((i) => i.client)).size
		};
	}
	return out;
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const mean = (v: number[]) => round(sum(v) / v.length, 2);

/** A quarter's label values as numbers, so the UI writes them in the language's digits. */
const quarterLabel = (q: string) => ({ year: Number(q.slice(0, 4)), quarter: Number(q.slice(6)) });

function sameScale(scores: readonly StatScore[]): boolean {
	return scores.every((s) => s.min === scores[0].min && s.max === scores[0].max);
}
const normalised = (s: StatScore) => (s.value - s.min) / (s.max - s.min);

function quarterRows(clients: readonly StatClient[], kind: 'clients' | 'measurements'): StatRow[] {
	// One pass over the clients, grouped by quarter (not one pass per quarter).
	const byQuarter = new Map<string, Contribution[]>();
	for (const c of clients)
		for (const [q, n] of Object.entries(c.measurementsByQuarter)) {
			if (!n) continue;
			const items = byQuarter.get(q) ?? [];
			items.push({ gender: c.gender, client: c.key, value: kind === 'clients' ? 1 : n });
			byQuarter.set(q, items);
		}
	return [...byQuarter.keys()].sort().map((q) => ({
		id: q,
		labelKey: 'plan:team.quarter',
		labelValues: quarterLabel(q),
		kind: 'count' as const,
		isNormalised: false,
		cells: protectRow(cellsOf(byQuarter.get(q)!, sum))
	}));
}

function changeRow(
	clients: readonly StatClient[],
	indicatorId: IndicatorId,
	respondent: 'participant' | 'caseworker'
): StatRow | null {
	const pairs = clients.flatMap((c) => {
		const before = c.first[respondent][indicatorId];
		const after = c.latest?.[respondent][indicatorId];
		return before && after ? [{ c, before, after }] : [];
	});
	if (pairs.length === 0) return null;
	const isNormalised = !sameScale(pairs.flatMap((p) => [p.before, p.after]));
	const items = pairs.map(({ c, before, after }) => ({
		gender: c.gender,
		client: c.key,
		value: isNormalised ? normalised(after) - normalised(before) : after.value - before.value
	}));
	return {
		id: indicatorId,
		labelKey: `catalogue:indicators.${indicatorId}.label`,
		labelValues: {},
		kind: 'mean',
		isNormalised,
		cells: protectRow(cellsOf(items, mean))
	};
}

/** Mean change of a client's participant ratings, first to latest, on the 0–1 scale (null without pairs). */
export function clientChange(c: StatClient): number | null {
	if (!c.latest) return null;
	const changes = STAT_INDICATORS.flatMap((id) => {
		const before = c.first.participant[id];
		const after = c.latest?.participant[id];
		return before && after ? [normalised(after) - normalised(before)] : [];
	});
	return changes.length ? sum(changes) / changes.length : null;
}

function improvingRow(clients: readonly StatClient[]): StatRow {
	const items = clients.flatMap((c) => {
		const change = clientChange(c);
		return change === null ? [] : [{ gender: c.gender, client: c.key, value: change > 0 ? 1 : 0 }];
	});
	const raw = cellsOf(items, (v) => round((sum(v) / v.length) * 100, 0));
	for (const g of STAT_GROUPS) {
		const mine = g === 'total' ? items : items.filter((i) => i.gender === g);
		const up = mine.filter((i) => i.value === 1).length;
		raw[g].split = [up, mine.length - up];
	}
	return {
		id: 'improving',
		labelKey: 'plan:team.rows.improving',
		labelValues: {},
		kind: 'percent',
		isNormalised: false,
		cells: protectRow(raw)
	};
}

function beliefRows(clients: readonly StatClient[]): StatRow[] {
	// One pass over the clients, grouped by quarter (not one pass per quarter).
	const byQuarter = new Map<string, { c: StatClient; score: StatScore }[]>();
	for (const c of clients)
		for (const b of c.belief) {
			const entries = byQuarter.get(b.quarter) ?? [];
			entries.push({ c, score: b.score });
			byQuarter.set(b.quarter, entries);
		}
	return [...byQuarter.keys()].sort().map((q) => {
		const entries = byQuarter.get(q)!;
		const isNormalised = !sameScale(entries.map((e) => e.score));
		const items = entries.map(({ c, score }) => ({
			gender: c.gender,
			client: c.key,
			value: isNormalised ? normalised(score) : score.value
		}));
		return {
			id: q,
			labelKey: 'plan:team.quarter',
			labelValues: quarterLabel(q),
			kind: 'mean' as const,
			isNormalised,
			cells: protectRow(cellsOf(items, mean))
		};
	});
}

/**
 * Team follow-up statistics over anonymised records (this device's or merged team
 * files), every table split by gender and protected against small groups. Returns
 * numbers and i18n keys only.
 */
export function computeTeamStatistics(clients: readonly StatClient[]): TeamStatistics {
	const perClient = clients.map((c) => ({
		gender: c.gender,
		client: c.key,
		value: sum(Object.values(c.measurementsByQuarter))
	}));
	const measurementsPerClient: StatRow[] = [
		{
			id: 'clients',
			labelKey: 'plan:team.rows.clients',
			labelValues: {},
			kind: 'count',
			isNormalised: false,
			cells: protectRow(cellsOf(perClient, (v) => v.length))
		},
		{
			id: 'mean',
			labelKey: 'plan:team.rows.meanMeasurements',
			labelValues: {},
			kind: 'mean',
			isNormalised: false,
			cells: protectRow(cellsOf(perClient, mean))
		}
	];
	const change = (respondent: 'participant' | 'caseworker') =>
		STAT_INDICATORS.flatMap((id) => changeRow(clients, id, respondent) ?? []);
	return {
		clientCount: clients.length,
		tables: {
			clientsPerQuarter: { id: 'clientsPerQuarter', rows: quarterRows(clients, 'clients') },
			measurementsPerQuarter: {
				id: 'measurementsPerQuarter',
				rows: quarterRows(clients, 'measurements')
			},
			measurementsPerClient: { id: 'measurementsPerClient', rows: measurementsPerClient },
			changeParticipant: { id: 'changeParticipant', rows: change('participant') },
			changeCaseworker: { id: 'changeCaseworker', rows: change('caseworker') },
			improving: { id: 'improving', rows: [improvingRow(clients)] },
			beliefPerQuarter: { id: 'beliefPerQuarter', rows: beliefRows(clients) }
		}
	};
}

export const STAT_TABLE_IDS: readonly StatTableId[] = [
	'clientsPerQuarter',
	'measurementsPerQuarter',
	'measurementsPerClient',
	'changeParticipant',
	'changeCaseworker',
	'improving',
	'beliefPerQuarter'
];
