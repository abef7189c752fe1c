import type { Client } from '../client/client';

/**
 * Retention (gallring): archived clients are removed once their archive date is
 * older than the unit's period. The period is a unit decision, never a built-in
 * default: `null` means "no retention decision", and nothing is selected.
 *
 * A clock set far back or ahead must not delete recent records: an archive date
 * in the future (the clock went back) is never due.
 */
export const RETENTION_PERIODS_MONTHS = [6, 12, 24, 36, 60, 120] as const;
export const RETENTION_WARNING_DAYS = 30;

export type RetentionCandidate = { client: Client; archivedOn: string; dueOn: string };
export type RetentionSelection = { due: RetentionCandidate[]; upcoming: RetentionCandidate[] };

function addMonths(iso: string, months: number): Date {
	const d = new Date(iso);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return d;
}

/** When the client was archived: `archivedAt`, or `updatedAt` for records from before it existed. */
export function archivedOn(client: Client): string {
	return client.archivedAt ?? client.updatedAt;
}

export function selectForRetention(
	clients: readonly Client[],
	periodMonths: number | null,
	now: Date,
	o: { warningDays?: number } = {}
): RetentionSelection {
	const out: RetentionSelection = { due: [], upcoming: [] };
	if (periodMonths === null || periodMonths <= 0) return out;
	const warnUntil = now.getTime() + (o.warningDays ?? RETENTION_WARNING_DAYS) * 86_400_000;
	for (const client of clients) {
		if (client.status !== 'archived') continue;
		const archived = archivedOn(client);
		if (Date.parse(archived) > now.getTime()) continue; // clock set back: never due
		const due = addMonths(archived, periodMonths);
		const candidate = { client, archivedOn: archived, dueOn: due.toISOString() };
		if (due.getTime() <= now.getTime()) out.due.push(candidate);
		else if (due.getTime() <= warnUntil) out.upcoming.push(candidate);
	}
	const byDue = (a: RetentionCandidate, b: RetentionCandidate) => a.dueOn.localeCompare(b.dueOn);
	out.due.sort(byDue);
	out.upcoming.sort(byDue);
	return out;
}
