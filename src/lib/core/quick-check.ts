import { isIdShaped } from './id-shape';
import { isRealDay } from './time';

/**
 * Pieces of the quick checks that stand in for zod on the hottest reads
 * (`isMeasurement`, `isClient`): each is true only for what the matching schema
 * accepts unchanged, so a quick check built from them can say yes only where zod
 * would say yes and give the same value back.
 */

/** A plain object (as JSON.parse makes) whose own keys are all in `allowed`; their count. */
export function plainKeyCount(value: unknown, allowed: ReadonlySet<string>): number | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return undefined;
	let keys = 0;
	for (const key in value) {
		if (!Object.hasOwn(value, key) || !allowed.has(key)) return undefined;
		keys++;
	}
	return keys;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The timestamps the app writes (`toISOString`); other valid forms are left to zod. */
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

const ROW_ID = /^[A-Za-z0-9-]{1,64}$/;

export const isId = (v: unknown) => typeof v === 'string' && isIdShaped(v);
/** An id as a backup row may carry it (looser than ours: any row the device stored). */
export const isRowId = (v: unknown): v is string => typeof v === 'string' && ROW_ID.test(v);
export const isDay = (v: unknown): v is string =>
	typeof v === 'string' && ISO_DATE.test(v) && isRealDay(v);
export const isStamp = (v: unknown) =>
	typeof v === 'string' && UTC_TIMESTAMP.test(v) && isRealDay(v.slice(0, 10));
export const isOneOf = (list: readonly string[], v: unknown) =>
	typeof v === 'string' && list.includes(v);
