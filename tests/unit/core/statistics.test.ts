import { describe, expect, it } from 'vitest';
import {
	buildTeamFile,
	computeTeamStatistics,
	csvCell,
	mergeTeamFiles,
	parseTeamFile,
	protectRow,
	STAT_GROUPS,
	buildCsv as toCsv,
	type IsoDate,
	type ProtectedCell,
	type RawCell,
	type StatGroup,
	type StatRow,
	type TeamFile
} from '$lib/core';
import {
	expectedAggregates,
	generateTeamFiles,
	type ExpectedRow
} from '../../fixtures/team-statistics';
import { idSource, makeClient, makeMeasurement, NOW, TODAY } from '../../fixtures/factories';

const today = '2026-02-01' as IsoDate;

function parseAll(files: unknown[]): TeamFile[] {
	return files.map((f) => {
		const r = parseTeamFile(JSON.stringify(f), today);
		if (!r.ok) throw new Error(r.error);
		return r.file;
	});
}

const asExpected = (cells: Record<StatGroup, ProtectedCell>): ExpectedRow =>
	Object.fromEntries(
		STAT_GROUPS.map((g) => {
			const c = cells[g];
			return [
				g,
				c.status === 'shown'
					? c.value
					: c.status === 'suppressed' && c.reason === 'complementary'
						? 'hidden'
						: c.status
			];
		})
	) as ExpectedRow;

const byId = (rows: StatRow[]) => Object.fromEntries(rows.map((r) => [r.id, asExpected(r.cells)]));

describe('team statistics over generated files (known expected values)', () => {
	const files = generateTeamFiles(42);
	const expected = expectedAggregates(files);
	const merged = mergeTeamFiles(parseAll(files));
	const stats = computeTeamStatistics(merged.clients);

	it('merges the three files', () => {
		expect(merged.files).toHaveLength(3);
		expect(stats.clientCount).toBe(expected.clientCount);
		expect(merged.catalogues.map((c) => c.catalogueVersion)).toEqual([1, 2]);
	});

	it('counts clients and measurements per quarter by gender', () => {
		expect(byId(stats.tables.clientsPerQuarter.rows)).toEqual(expected.clientsPerQuarter);
		expect(byId(stats.tables.measurementsPerQuarter.rows)).toEqual(expected.measurementsPerQuarter);
	});

	it('measurements per client, change per indicator, share improving, belief per quarter', () => {
		expect(byId(stats.tables.measurementsPerClient.rows)).toEqual(expected.measurementsPerClient);
		expect(byId(stats.tables.changeParticipant.rows)).toEqual(expected.changeParticipant);
		expect(asExpected(stats.tables.improving.rows[0].cells)).toEqual(expected.improving);
		expect(byId(stats.tables.beliefPerQuarter.rows)).toEqual(expected.beliefPerQuarter);
	});

	it('hides the small "other" group everywhere, and at least one more cell beside it', () => {
		const all = Object.values(stats.tables).flatMap((t) => t.rows);
		for (const row of all) {
			expect(row.cells.other.status).not.toBe('shown');
			const hidden = (['woman', 'man', 'other', 'not-stated'] as const).filter(
				(g) => row.cells[g].status === 'suppressed'
			);
			if (row.cells.total.status === 'shown') expect(hidden.length).not.toBe(1);
		}
		expect(expected.measurementsPerClient.clients.other).toBe('suppressed');
		expect(typeof expected.measurementsPerClient.clients.total).toBe('number');
	});
});

describe('small-group protection', () => {
	const cell = (value: number | null, persons: number): RawCell => ({ value, persons });
	const row = (total: number, woman: number, man: number, other: number, notStated: number) =>
		protectRow({
			total: cell(total, total),
			woman: cell(woman || null, woman),
			man: cell(man || null, man),
			other: cell(other || null, other),
			'not-stated': cell(notStated || null, notStated)
		});

	it('shows groups of 5 or more and hides smaller ones', () => {
		const r = row(20, 10, 10, 0, 0);
		expect(r.total).toEqual({ status: 'shown', value: 20 });
		expect(r.other).toEqual({ status: 'empty' });
		const small = row(4, 4, 0, 0, 0);
		expect(small.total.status).toBe('suppressed');
		expect(small.woman.status).toBe('suppressed');
	});

	it('blocks the differencing attack: total minus shown parts never reveals a hidden part', () => {
		// 3 "other" hidden; without complementary suppression 30 − 12 − 10 − 5 = 3.
		const r = row(30, 12, 10, 3, 5);
		expect(r.other).toEqual({ status: 'suppressed', reason: 'small' });
		expect(r['not-stated']).toEqual({ status: 'suppressed', reason: 'complementary' });
		const shown = (['woman', 'man', 'other', 'not-stated'] as const).filter(
			(g) => r[g].status === 'shown'
		);
		expect(shown).toEqual(['woman', 'man']);
	});

	it('hides the total when the only other part is empty or hidden', () => {
		// woman 3 hidden, man 10 would be hidden as complement → then two are hidden: fine.
		const r = row(13, 3, 10, 0, 0);
		expect(r.woman.status).toBe('suppressed');
		expect(r.man.status).toBe('suppressed');
		expect(r.total.status).toBe('shown');
	});

	it('an exhaustive check over small tables: no single hidden part with a shown total', () => {
		for (let w = 0; w <= 7; w++)
			for (let m = 0; m <= 7; m++)
				for (let o = 0; o <= 7; o++)
					for (let n = 0; n <= 3; n++) {
						const total = w + m + o + n;
						if (total === 0) continue;
						const r = row(total, w, m, o, n);
						const parts = [r.woman, r.man, r.other, r['not-stated']];
						const hidden = parts.filter((p) => p.status === 'suppressed');
						if (r.total.status === 'shown') expect(hidden.length).not.toBe(1);
						for (const [p, count] of [
							[r.woman, w],
							[r.man, m],
							[r.other, o],
							[r['not-stated'], n]
						] as const)
							if (count > 0 && count < 5) expect(p.status).toBe('suppressed');
					}
	});

	it('a share is hidden when fewer than 5 are on either side of it', () => {
		const r = protectRow({
			total: { value: 95, persons: 20, split: [19, 1] },
			woman: { value: null, persons: 0 },
			man: { value: null, persons: 0 },
			other: { value: null, persons: 0 },
			'not-stated': { value: 95, persons: 20, split: [19, 1] }
		});
		expect(r.total.status).toBe('suppressed');
	});
});

describe('merging team files', () => {
	const [a, b, c] = generateTeamFiles(7);

	it('counts a file imported twice once', () => {
		const merged = mergeTeamFiles(parseAll([a, b, a]));
		expect(merged.duplicateFiles).toBe(1);
		expect(merged.clients).toHaveLength(a.clients.length + b.clients.length);
	});

	it('counts the same record in two files once, and leaves out clashing records', () => {
		const copy = { ...c, exportId: 'copy-0000-aaaa', clients: [a.clients[0], c.clients[0]] };
		const clash = {
			...c,
			exportId: 'clash-0000-bbbb',
			clients: [{ ...a.clients[1], gender: a.clients[1].gender === 'man' ? 'woman' : 'man' }]
		};
		const merged = mergeTeamFiles(parseAll([a, copy, clash]));
		expect(merged.duplicateRecords).toBe(1);
		expect(merged.conflicts).toBe(1);
		expect(merged.clients).toHaveLength(a.clients.length + 1);
	});

	it('compares different scales normalised to 0–1', () => {
		const wide = structuredClone(c);
		wide.exportId = 'wide-0000-cccc';
		wide.catalogues = [{ catalogueId: 'framsteg', catalogueVersion: 9 }];
		for (const client of wide.clients)
			for (const s of [client.first, client.latest])
				if (s) {
					s.catalogueVersion = 9;
					if (s.participant['job-search'])
						s.participant['job-search'] = { value: 10, min: 1, max: 10 };
				}
		const stats = computeTeamStatistics(mergeTeamFiles(parseAll([a, wide])).clients);
		const js = stats.tables.changeParticipant.rows.find((r) => r.id === 'job-search')!;
		expect(js.isNormalised).toBe(true);
		const other = stats.tables.changeParticipant.rows.find((r) => r.id === 'contact')!;
		expect(other.isNormalised).toBe(false);
	});
});

describe('reading team files (bad input)', () => {
	const [good] = generateTeamFiles(3);
	const text = JSON.stringify(good);
	const read = (t: string) => parseTeamFile(t, today);

	it('accepts a good file', () => expect(read(text).ok).toBe(true));
	it.each([
		['not json', '{', 'not-json'],
		['another format', JSON.stringify({ format: 'x' }), 'wrong-format'],
		['a newer version', JSON.stringify({ ...good, formatVersion: 2 }), 'newer-format'],
		['a __proto__ key', text.replace('"format"', '"__proto__":{"x":1},"format"'), 'dangerous-key'],
		['an unknown field', JSON.stringify({ ...good, name: 'Anna' }), 'invalid'],
		[
			'a client code',
			JSON.stringify({ ...good, clients: [{ ...good.clients[0], code: 'K-1' }] }),
			'invalid'
		],
		['a future date', JSON.stringify({ ...good, exportedOn: '2027-01-01' }), 'future-date'],
		[
			'duplicate keys',
			JSON.stringify({ ...good, clients: [good.clients[0], good.clients[0]] }),
			'duplicate-keys'
		],
		['too large', ' '.repeat(5_000_001), 'too-large']
	])('rejects %s', (_name, input, error) => {
		expect(read(input)).toEqual({ ok: false, error });
	});
});

describe('exporting this device', () => {
	it('holds no codes, notes, ids or dates finer than a quarter, and keys are new each export', () => {
		const client = makeClient({ code: 'HEMLIG-KOD', gender: 'woman' });
		const ms = [
			makeMeasurement({ seed: 1, clientId: client.id, takenOn: '2026-03-02', note: 'privat' }),
			makeMeasurement({ seed: 2, clientId: client.id, takenOn: '2026-06-10', note: 'privat' })
		];
		const demo = makeClient({ seed: 5, isDemo: true });
		const fileA = buildTeamFile([client, demo], ms, { newKey: idSource(100), today: TODAY });
		const fileB = buildTeamFile([client, demo], ms, { newKey: idSource(200), today: TODAY });
		const textA = JSON.stringify(fileA);
		for (const secret of ['HEMLIG-KOD', 'privat', client.id, ms[0].id, '2026-03-02'])
			expect(textA).not.toContain(secret);
		expect(fileA.clients).toHaveLength(1);
		expect(fileA.clients[0].measurementsByQuarter).toEqual({ '2026-Q1': 1, '2026-Q2': 1 });
		expect(fileA.clients[0].key).not.toBe(fileB.clients[0].key);
		expect(parseTeamFile(textA, TODAY).ok).toBe(true);
		expect(NOW).toBeInstanceOf(Date);
	});
});

describe('CSV', () => {
	it('neutralises formula cells and writes BOM, ; and quotes', () => {
		expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
		for (const s of ['+1', '-1', '@x', '\tx', '\rx']) expect(csvCell(s).includes("'")).toBe(true);
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('sa "x"')).toBe('"sa ""x"""');
		const csv = toCsv([
			['Tabell', 'Värde'],
			['Kvinnor', 'färre än 5']
		]);
		expect(csv.startsWith('\uFEFFTabell;Värde\r\n')).toBe(true);
		expect(csv).toContain('Kvinnor;färre än 5');
	});
});
