/** Cells starting with these could run as a formula in a spreadsheet. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes one cell safe for a spreadsheet: formula starts are prefixed with `'`, and the cell is quoted when needed. */
export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV text for Swedish spreadsheets: UTF-8 with BOM, `;` between cells, CRLF between rows. */
export function toCsv(rows: readonly (readonly string[])[]): string {
	return '\uFEFF' + rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
