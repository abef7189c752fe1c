/** CSV for Excel and LibreOffice in Sweden: `;` between cells, CRLF, UTF-8 with BOM. */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/** Cells that a spreadsheet would read as a formula (or that hide one) start with these. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | null | undefined;

/** One cell: formula-like text neutralised with a leading `'`, quoted when needed. */
export function csvCell(value: CsvValue): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	if (/[;"\n\r]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
	return text;
}

export function buildCsv(rows: readonly (readonly CsvValue[])[]): string {
	return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** Reads CSV written by `buildCsv` back into text cells (undoing the neutralising `'`). */
export function parseCsv(text: string): string[][] {
	const body = text.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (quoted) {
			if (c === '"' && body[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === CSV_SEPARATOR) {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && body[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows.map((r) => r.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c)));
}
