import type { Table } from 'dexie';
import { describe, expect, it } from 'vitest';
import { measurements } from '$lib/storage';
import { forEachPage, PAGE_SIZE } from '$lib/storage/pages';
import { openMeasurement } from '$lib/storage/records';
import { useTestDatabase } from '../../fixtures/database';
import { generateLargeDataset } from '../../fixtures/large-dataset';

describe('forEachPage over stretches of keys', () => {
	const db = useTestDatabase();

	it('reads every row once, in key order, whether whole or in stretches that meet', async () => {
		// More rows than one page, so stretches cross page borders.
		const all = [
			...generateLargeDataset({ clients: 250, measurements: PAGE_SIZE + 500, sliceSize: 50 })
		].flatMap((s) => s.measurements);
		await measurements.putMany(all);
		const table = db().measurements as unknown as Table<{ id: string }, string>;
		const read = async (stretch?: { from?: string; to?: string }) => {
			const ids: string[] = [];
			await forEachPage(table, openMeasurement, (r) => ids.push(...r.map((m) => m.id)), stretch);
			return ids;
		};
		const sorted = all.map((m) => m.id).sort();
		expect(await read()).toEqual(sorted);
		const [a, b] = [sorted[700], sorted[PAGE_SIZE + 100]];
		const pieces = [await read({ to: a }), await read({ from: a, to: b }), await read({ from: b })];
		expect(pieces.map((p) => p.length)).toEqual([700, PAGE_SIZE + 100 - 700, 400]);
		expect(pieces.flat()).toEqual(sorted);
	}, 60_000);
});
