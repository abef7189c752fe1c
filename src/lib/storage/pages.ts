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

/**
 * Every row of a table, page by page in primary-key order, handed to `each` as
 * opened records. The next page is read while this one is opened and handled,
 * so the database and the main thread work side by side, and no more than two
 * pages are held at once.
 */
export async function forEachPage<T>(
	table: Table<{ id: string }, string>,
	open: (row: unknown) => Promise<T>,
	each: (records: T[]) => void
): Promise<void> {
	const readPage = (after: string | undefined) =>
		(after === undefined ? table.orderBy(':id') : table.where(':id').above(after))
			.limit(PAGE_SIZE)
			.toArray();
	let next: Promise<{ id: string }[]> = readPage(undefined);
	for (;;) {
		const rows = await next;
		if (rows.length === 0) break;
		next = rows.length < PAGE_SIZE ? Promise.resolve([]) : readPage(rows[rows.length - 1].id);
		each((await openPage(rows, open)).records);
	}
}
