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

/** One client's share in a cell: `client` is the client's place in the list computed over. */
type Contribution = { gender: Gender; client: number; value: number };

/**
 * Counts the distinct clients among contributions. Clients are numbered by their
 * place in the list, so a stamp per client does what a set of their keys would,
 * without hashing: a unit's statistics count tens of thousands of contributions
 * in each of some eighty cells.
 */
class PersonCount {
	#stamps: Uint32Array;
	#round = 0;
	constructor(clients: number) {
		this.#stamps = new Uint32Array(clients);
	}
	of(items: readonly Contribution[]): number {
		const round = ++this.#round;
		let persons = 0;
		for (const item of items)
			if (this.#stamps[item.client] !== round) {
				this.#stamps[item.client] = round;
				persons++;
			}
		return persons;
	}
}

function cellsOf(
	items: readonly Contribution[],
	reduce: (values: number[]) => number | null,
	persons: PersonCount
): Record<StatGroup, RawCell> {
	const out = {} as Record<StatGroup, RawCell>;
	for (const g of STAT_GROUPS) {
		const mine = g === 'total' ? items : items.filter((i) => i.gender === g);
		out[g] = {
			value: mine.length ? reduce(mine.map((i) => i.value)) : null,
			persons: persons.of(mine)
		};
	}
	return out;
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const mean = (v: number[]) => round(sum(v) / v.length, 2);

/** A quarter's label values as numbers, so the UI writes them in the language's digits. */
const quarterLabel = (q: string) => ({ year: Number(q.slice(0, 4)), quarter: Number(q.slice(6)) });

const sameScaleAs = (a: StatScore, b: StatScore) => a.min === b.min && a.max === b.max;
function sameScale(scores: readonly StatScore[]): boolean {
	return scores.every((s) => sameScaleAs(s, scores[0]));
}
const normalised = (s: StatScore) => (s.value - s.min) / (s.max - s.min);

function quarterRows(
	clients: readonly StatClient[],
	kind: 'clients' | 'measurements',
	persons: PersonCount
): StatRow[] {
	// One pass over the clients, grouped by quarter (not one pass per quarter).
	const byQuarter = new Map<string, Contribution[]>();
	clients.forEach((c, client) => {
		for (const q in c.measurementsByQuarter) {
			const n = c.measurementsByQuarter[q];
			if (!n) continue;
			const items = byQuarter.get(q) ?? [];
			items.push({ gender: c.gender, client, value: kind === 'clients' ? 1 : n });
			byQuarter.set(q, items);
		}
	});
	return [...byQuarter.keys()].sort().map((q) => ({
		id: q,
		labelKey: 'plan:team.quarter',
		labelValues: quarterLabel(q),
		kind: 'count' as const,
		isNormalised: false,
		cells: protectRow(cellsOf(byQuarter.get(q)!, sum, persons))
	}));
}

function changeRow(
	clients: readonly StatClient[],
	indicatorId: IndicatorId,
	respondent: 'participant' | 'caseworker',
	persons: PersonCount
): StatRow | null {
	// The clients with a score on this indicator at first and at latest; whether all
	// those scores share one scale decides between raw and normalised change.
	const paired: number[] = [];
	let scale: StatScore | undefined;
	let isNormalised = false;
	for (let client = 0; client < clients.length; client++) {
		const c = clients[client];
		const before = c.first[respondent][indicatorId];
		const after = c.latest?.[respondent][indicatorId];
		if (!before || !after) continue;
		paired.push(client);
		scale ??= before;
		if (!sameScaleAs(scale, before) || !sameScaleAs(scale, after)) isNormalised = true;
	}
	if (paired.length === 0) return null;
	const items: Contribution[] = [];
	for (const client of paired) {
		const c = clients[client];
		const before = c.first[respondent][indicatorId]!;
		const after = c.latest![respondent][indicatorId]!;
		items.push({
			gender: c.gender,
			client,
			value: isNormalised ? normalised(after) - normalised(before) : after.value - before.value
		});
	}
	return {
		id: indicatorId,
		labelKey: `catalogue:indicators.${indicatorId}.label`,
		labelValues: {},
		kind: 'mean',
		isNormalised,
		cells: protectRow(cellsOf(items, mean, persons))
	};
}

export function clientChange(c: StatClient): number | null {
	if (!c.latest) return null;
	const changes = STAT_INDICATORS.flatMap((id) => {
		const before = c.first.participant[id];
		const after = c.latest?.participant[id];
		return before && after ? [normalised(after) - normalised(before)] : [];
	});
	return changes.length ? sum(changes) / changes.length : null;
}

function improvingRow(clients: readonly StatClient[], persons: PersonCount): StatRow {
	const items: Contribution[] = [];
	clients.forEach((c, client) => {
		const change = clientChange(c);
		if (change !== null) items.push({ gender: c.gender, client, value: change > 0 ? 1 : 0 });
	});
	const raw = cellsOf(items, (v) => round((sum(v) / v.length) * 100, 0), persons);
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

function beliefRows(clients: readonly StatClient[], persons: PersonCount): StatRow[] {
	// One pass over the clients, grouped by quarter (not one pass per quarter).
	const byQuarter = new Map<string, { client: number; score: StatScore }[]>();
	clients.forEach((c, client) => {
		for (const b of c.belief) {
			const entries = byQuarter.get(b.quarter) ?? [];
			entries.push({ client, score: b.score });
			byQuarter.set(b.quarter, entries);
		}
	});
	return [...byQuarter.keys()].sort().map((q) => {
		const entries = byQuarter.get(q)!;
		const isNormalised = !sameScale(entries.map((e) => e.score));
		const items = entries.map(({ client, score }) => ({
			gender: clients[client].gender,
			client,
			value: isNormalised ? normalised(score) : score.value
		}));
		return {
			id: q,
			labelKey: 'plan:team.quarter',
			labelValues: quarterLabel(q),
			kind: 'mean' as const,
			isNormalised,
			cells: protectRow(cellsOf(items, mean, persons))
		};
	});
}

/**
 * Team follow-up statistics over anonymised records (this device's or merged team
 * files), every table split by gender and protected against small groups. Returns
 * numbers and i18n keys only.
 */
export function computeTeamStatistics(clients: readonly StatClient[]): TeamStatistics {
	const persons = new PersonCount(clients.length);
	const perClient = clients.map((c, client) => ({
		gender: c.gender,
		client,
		value: sum(Object.values(c.measurementsByQuarter))
	}));
	const measurementsPerClient: StatRow[] = [
		{
			id: 'clients',
			labelKey: 'plan:team.rows.clients',
			labelValues: {},
			kind: 'count',
			isNormalised: false,
			cells: protectRow(cellsOf(perClient, (v) => v.length, persons))
		},
		{
			id: 'mean',
			labelKey: 'plan:team.rows.meanMeasurements',
			labelValues: {},
			kind: 'mean',
			isNormalised: false,
			cells: protectRow(cellsOf(perClient, mean, persons))
		}
	];
	const change = (respondent: 'participant' | 'caseworker') =>
		STAT_INDICATORS.flatMap((id) => changeRow(clients, id, respondent, persons) ?? []);
	return {
		clientCount: clients.length,
		tables: {
			clientsPerQuarter: {
				id: 'clientsPerQuarter',
				rows: quarterRows(clients, 'clients', persons)
			},
			measurementsPerQuarter: {
				id: 'measurementsPerQuarter',
				rows: quarterRows(clients, 'measurements', persons)
			},
			measurementsPerClient: { id: 'measurementsPerClient', rows: measurementsPerClient },
			changeParticipant: { id: 'changeParticipant', rows: change('participant') },
			changeCaseworker: { id: 'changeCaseworker', rows: change('caseworker') },
			improving: { id: 'improving', rows: [improvingRow(clients, persons)] },
			beliefPerQuarter: { id: 'beliefPerQuarter', rows: beliefRows(clients, persons) }
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
