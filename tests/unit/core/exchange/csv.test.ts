import { describe, expect, it } from 'vitest';
import {
	buildCsv,
	csvCell,
	CURRENT_CATALOGUE,
	exportFilename,
	parseCsv,
	researchExport,
	RESEARCH_BASE_COLUMNS
} from '$lib/core';
import { makeClient, makeMeasurement } from '../../../fixtures/factories';

describe('CSV cells', () => {
	it.each(['=1+1', '+46', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])(
		'neutralises %j with a leading apostrophe',
		(value) => {
			expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
		}
	);

	it('quotes separators, quotes and line breaks', () => {
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('a\nb')).toBe('"a\nb"');
		expect(csvCell(null)).toBe('');
		expect(csvCell(3)).toBe('3');
	});

	it('writes a BOM, ; and CRLF, and round-trips values (Swedish characters intact)', () => {
		const rows = [
			['kolumn', 'värde'],
			['Åsa Öberg', '=1+2'],
			['semi;colon', 'quote"d'],
			['multi\nline', '-5'],
			['@me', '']
		];
		const csv = buildCsv(rows);
		expect(csv.startsWith('\uFEFFkolumn;värde\r\n')).toBe(true);
		expect(parseCsv(csv)).toEqual(rows);
	});
});

describe('research export', () => {
	const client = makeClient({ code: 'Hemlig-Kod', gender: 'woman', birthYearRange: '1980-1989' });
	const m = makeMeasurement({
		clientId: client.id,
		note: '=cmd|calc',
		client: { 'job-search': 4 }
	});
	const demo = makeClient({ seed: 2, isDemo: true });

	it('has ids, dates, raw answers, gender and catalogue version, and no names or free text', () => {
		const { csv, rowCount } = researchExport([client, demo], [m]);
		expect(rowCount).toBe(1);
		expect(csv).not.toContain('Hemlig-Kod');
		expect(csv).not.toContain('calc');
		const [header, row] = parseCsv(csv);
		expect(header.slice(0, RESEARCH_BASE_COLUMNS.length)).toEqual([...RESEARCH_BASE_COLUMNS]);
		const get = (column: string) => row[header.indexOf(column)];
		expect(get('participant_id')).toBe(client.id);
		expect(get('taken_on')).toBe(m.takenOn);
		expect(get('gender')).toBe('woman');
		expect(get('birth_year_range')).toBe('1980-1989');
		expect(get('catalogue_version')).toBe('1');
		expect(get('client.job-search')).toBe('4');
		expect(header).toHaveLength(RESEARCH_BASE_COLUMNS.length + CURRENT_CATALOGUE.items.length);
	});

	it('leaves out demo data and describes every column in the dictionary', () => {
		const d = makeMeasurement({
			clientId: demo.id,
			isDemo: true,
			seed: 3,
			id: 'demo-measurement-1' as never
		});
		const { csv, dictionary } = researchExport([client, demo], [m, d]);
		expect(csv).not.toContain(demo.id);
		expect(dictionary.map((e) => e.column)).toEqual(parseCsv(csv)[0]);
	});
});

describe('file names', () => {
	it('follow framsteg-<kind>-YYYY-MM-DD-<4 hex> and hold no names', () => {
		expect(exportFilename('client', '2026-11-27', () => 0.5)).toBe(
			'framsteg-client-2026-11-27-8000.json'
		);
		expect(exportFilename('research', '2026-11-27', () => 0)).toMatch(
			/^framsteg-research-2026-11-27-[0-9a-f]{4}\.csv$/
		);
	});
});
