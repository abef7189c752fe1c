import { STAT_GROUPS, STAT_TABLE_IDS, type LanguageCode, type TeamStatistics } from '$lib/core';
import { cellText, groupLabels, rowLabel } from './format';

type T = (key: string, values?: Record<string, unknown>) => string;

/** The aggregated tables as CSV rows (what the page shows, suppression included; numbers in Latin digits). */
export function csvRows(stats: TeamStatistics, t: T, language: LanguageCode): string[][] {
	const rows: string[][] = [[t('plan:team.csv.table'), t('plan:team.csv.row'), ...groupLabels(t)]];
	for (const id of STAT_TABLE_IDS) {
		const table = stats.tables[id];
		for (const row of table.rows)
			rows.push([
				t(`plan:team.tables.${id}.title`),
				rowLabel(row, t),
				...STAT_GROUPS.map((g) => cellText(row.cells[g], row, t, language, { latinDigits: true }))
			]);
	}
	return rows;
}
