import { addDays, type IsoDate } from '../time';
import type { Intervention, InterventionType, CaseworkerChange } from './interventions';

/** Days with no active intervention that make a gap worth flagging (pauses set people back). */
export const LONG_GAP_DAYS = 30;
/** Days with only one type running that make a single-track period worth flagging. */
export const SINGLE_TYPE_MIN_DAYS = 30;

export type DateRange = { from: IsoDate; to: IsoDate };

/** Whole days from `from` to `to`, both included. */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
	return (
		Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
	);
}

/** The stretches an intervention was really active up to `today`: start to end (or today), minus pauses. */
export function activeRanges(
	i: Pick<Intervention, 'startOn' | 'endOn' | 'pauses'>,
	today: IsoDate
): DateRange[] {
	const end = i.endOn && i.endOn < today ? i.endOn : today;
	if (i.startOn > end) return [];
	const pauses = [...i.pauses].sort((a, b) => a.from.localeCompare(b.from));
	const out: DateRange[] = [];
	let cursor = i.startOn as IsoDate;
	for (const p of pauses) {
		if (p.to < cursor) continue;
		if (p.from > end) break;
		if (p.from > cursor) out.push({ from: cursor, to: addDays(p.from as IsoDate, -1) });
		cursor = addDays(p.to as IsoDate, 1);
	}
	if (cursor <= end) out.push({ from: cursor, to: end });
	return out;
}

export type TimelineFlag =
	| { kind: 'gap'; from: IsoDate; to: IsoDate; days: number }
	| { kind: 'single-type'; from: IsoDate; to: IsoDate; days: number; type: InterventionType };

export type TimelineRow = {
	id: string;
	type: InterventionType;
	startOn: IsoDate;
	endOn: IsoDate | null;
	isOngoing: boolean;
	active: DateRange[];
	pauses: DateRange[];
};

export type TimelineAnalysis = {
	/** The span drawn: first start (or first change) to today. Null when nothing is recorded. */
	span: DateRange | null;
	totalDays: number;
	rows: TimelineRow[];
	changes: { id: string; on: IsoDate }[];
	flags: TimelineFlag[];
};

/**
 * Analyses a client's interventions up to `today`: which ran when, gaps of
 * LONG_GAP_DAYS or more with nothing active, and stretches of SINGLE_TYPE_MIN_DAYS
 * or more where only one type ran (parallel efforts beat one after another).
 * Future start dates are drawn but not analysed.
 */
export function analyseTimeline(
	interventions: readonly Intervention[],
	changes: readonly CaseworkerChange[],
	today: IsoDate
): TimelineAnalysis {
	const sorted = [...interventions].sort(
		(a, b) => a.startOn.localeCompare(b.startOn) || a.createdAt.localeCompare(b.createdAt)
	);
	const rows: TimelineRow[] = sorted.map((i) => ({
		id: i.id,
		type: i.type,
		startOn: i.startOn,
		endOn: i.endOn,
		isOngoing: !i.endOn || i.endOn >= today,
		active: activeRanges(i, today),
		pauses: i.pauses.map((p) => ({ from: p.from, to: p.to }))
	}));
	const changeRows = [...changes]
		.sort((a, b) => a.changedOn.localeCompare(b.changedOn))
		.map((c) => ({ id: c.id, on: c.changedOn }));
	const starts = [...rows.map((r) => r.startOn), ...changeRows.map((c) => c.on)].sort();
	if (starts.length === 0)
		return { span: null, totalDays: 0, rows, changes: changeRows, flags: [] };
	const lastEnd = [today, ...rows.map((r) => r.endOn ?? today), ...changeRows.map((c) => c.on)]
		.sort()
		.at(-1) as IsoDate;
	const span = { from: starts[0] as IsoDate, to: lastEnd };

	// Sweep day by day over the analysed part (first intervention start to today).
	const flags: TimelineFlag[] = [];
	const firstStart = rows[0]?.startOn;
	if (firstStart && firstStart <= today) {
		type Run = { from: IsoDate; to: IsoDate; key: string };
		let run: Run | undefined;
		const close = (r: Run) => {
			const days = daysInclusive(r.from, r.to);
			if (r.key === 'none' && days >= LONG_GAP_DAYS)
				flags.push({ kind: 'gap', from: r.from, to: r.to, days });
			else if (r.key !== 'none' && r.key !== 'many' && days >= SINGLE_TYPE_MIN_DAYS)
				flags.push({
					kind: 'single-type',
					from: r.from,
					to: r.to,
					days,
					type: r.key as InterventionType
				});
		};
		for (let day = firstStart; day <= today; day = addDays(day, 1)) {
			const types = new Set<InterventionType>();
			for (const r of rows)
				if (r.active.some((a) => a.from <= day && day <= a.to)) types.add(r.type);
			const key = types.size === 0 ? 'none' : types.size === 1 ? [...types][0] : 'many';
			if (run && run.key === key) run.to = day;
			else {
				if (run) close(run);
				run = { from: day, to: day, key };
			}
		}
		if (run) close(run);
	}
	return { span, totalDays: daysInclusive(span.from, span.to), rows, changes: changeRows, flags };
}

/** Where a date falls on the span, 0–100 (for drawing). */
export function positionOf(span: DateRange, date: IsoDate): number {
	const total = daysInclusive(span.from, span.to);
	const at = daysInclusive(span.from, date) - 1;
	return Math.max(0, Math.min(100, (at / total) * 100));
}
