import type { Table } from 'dexie';
import { SecurityError } from '$lib/core';

/** Rows read per page: each page is read in its own short transaction and opened outside it. */
export const PAGE_SIZE = 2000;

/**
 * Opens a page of rows at once rather than one after another: with encryption at
 * rest each open awaits a WebCrypto decrypt, which runs off the main thread, so
 * a page's decrypts overlap. Rows that fail to open are left out (and counted);
 * a lock that drops the key mid-way is an error, never a silently short result.
 */
export async function openPage<T>(
	rows: readonly unknown[],
	open: (row: unknown) => Promise<T>
): Promise<{ records: T[]; invalid: number }> {
	const settled = await Promise.allSettled(rows.map((row) => open(row)));
	const records: T[] = [];
	let invalid = 0;
	for (const s of settled) {
		if (s.status === 'fulfilled') records.push(s.value);
		else if (s.reason instanceof SecurityError && s.reason.fault === 'locked') throw s.reason;
		else invalid++;
	}
	return { records, invalid };
}

/** A stretch of primary keys: from `from` (included) up to `to` (left out); open ends are unbounded. */
export type KeyStretch = { from?: string; to?: string };

/**
 * Every row of a table (or of one stretch of its keys), page by page in
 * primary-key order, handed to `each` as opened records. The next page is read
 * while this one is opened and handled, so the database and the main thread
 * work side by side, and no more than two pages are held at once.
 */
export async function forEachPage<T>(
	table: Table<{ id: string }, string>,
	open: (row: unknown) => Promise<T>,
	each: (records: T[]) => void,
	stretch: KeyStretch = {}
): Promise<void> {
	const readPage = (after: string | undefined) => {
		const where = table.where(':id');
		const query =
			after !== undefined
				? stretch.to !== undefined
					? where.between(after, stretch.to, false, false)
					: where.above(after)
				: stretch.from !== undefined
					? stretch.to !== undefined
						? where.between(stretch.from, stretch.to, true, false)
						: where.aboveOrEqual(stretch.from)
					: stretch.to !== undefined
						? where.below(stretch.to)
						: table.orderBy(':id');
		return query.limit(PAGE_SIZE).toArray();
	};
	let next: Promise<{ id: string }[]> = readPage(undefined);
	for (;;) {
		const rows = await next;
		if (rows.length === 0) break;
		next = rows.length < PAGE_SIZE ? Promise.resolve([]) : readPage(rows[rows.length - 1].id);
		each((await openPage(rows, open)).records);
	}
}
