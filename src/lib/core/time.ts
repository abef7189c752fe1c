import { z } from './zod';

/** Whether `YYYY-MM-DD` names a real day of the (proleptic Gregorian) calendar. */
/** Whether a `YYYY-MM-DD` text names a day of the calendar (no 31 April, 29 February in leap years only). */
export function isRealDay(s: string): boolean {
	const year = Number(s.slice(0, 4));
	const month = Number(s.slice(5, 7));
	const day = Number(s.slice(8, 10));
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
	return day <= days;
}

/** A calendar date, `YYYY-MM-DD`, as the conversation date is entered. */
export const isoDateSchema = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine(isRealDay, { message: 'invalid-date' });
export type IsoDate = z.infer<typeof isoDateSchema>;

/** A timestamp, ISO-8601 with time. */
export const timestampSchema = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof timestampSchema>;

/** A clock, injected so that tests control time. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Local calendar date of a moment, `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
	const y = date.getUTCFullYear().toString().padStart(4, '0');
	const m = (date.getUTCMonth() + 1).toString().padStart(2, '0');
	const d = date.getUTCDate().toString().padStart(2, '0');
	return `${y}-${m}-${d}`;
}

/** The local (not UTC) calendar date of a moment: what the caseworker calls "today". */
export function localIsoDate(date: Date): IsoDate {
	const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
	return toIsoDate(shifted) as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return toIsoDate(d) as IsoDate;
}

export function addMonths(date: IsoDate, months: number): IsoDate {
	const d = new Date(`${date}T00:00:00Z`);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return toIsoDate(d) as IsoDate;
}

/** The earliest conversation date we accept (plausibility floor). */
export const EARLIEST_CONVERSATION_DATE = '2010-01-01';

/** Why a conversation date is not acceptable, or null when it is. */
export function checkConversationDate(
	date: string,
	today: IsoDate
): 'invalid' | 'future' | 'too-early' | null {
	if (!isoDateSchema.safeParse(date).success) return 'invalid';
	if (date > addDays(today, 1)) return 'future';
	if (date < EARLIEST_CONVERSATION_DATE) return 'too-early';
	return null;
}

/**
 * The `updatedAt` of a record written again: now, but always later than the version it
 * replaces. Optimistic concurrency compares `updatedAt`, so two writes in the same
 * millisecond (or a clock set back) must still give the record a new one.
 */
export function nextUpdatedAt(previous: string, now: Date): string {
	const before = Date.parse(previous);
	return new Date(
		Number.isNaN(before) ? now.getTime() : Math.max(now.getTime(), before + 1)
	).toISOString();
}
