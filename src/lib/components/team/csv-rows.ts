import { STAT_GROUPS, STAT_TABLE_IDS, type LanguageCode, type TeamStatistics } from '$lib/core';
import { cellText, groupLabels, rowLabel } from './format';

type T = (key: string, values?: Record<string, unknown>) => string;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits as Latin digits. */
const latin = (text: string) =>
	text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf));

/**
 * The aggregated tables as CSV rows (what the page shows, suppression included). Every
 * digit is Latin, in the numbers and in the text around them ("fewer than 5", a quarter's
 * name), so a spreadsheet reads the numbers as numbers whatever the interface language.
 */
export function csvRows(stats: TeamStatistics, t: T, language: LanguageCode): string[][] {
	const rows: string[][] = [[t('plan:team.csv.table'), t('plan:team.csv.row'), ...groupLabels(t)]];
	for (const id of STAT_TABLE_IDS) {
		const table = stats.tables[id];
		for (const row of table.rows)
			rows.push([
				t(`plan:team.tables.${id}.title`),
				rowLabel(row, t, language, { latinDigits: true }),
				...STAT_GROUPS.map((g) => cellText(row.cells[g], row, t, language, { latinDigits: true }))
			]);
	}
	return rows.map((row) => row.map(latin));
}
