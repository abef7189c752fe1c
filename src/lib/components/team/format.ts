import { STAT_GROUPS, type ProtectedCell, type StatRow } from '$lib/core';
import { intlLocale } from '$lib/i18n/config';
import type { LanguageCode } from '$lib/core';

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * A cell as text: a number, "fewer than 5" or an empty mark. `latinDigits` for files a
 * spreadsheet reads (CSV): Persian digits are right on screen but not numbers there.
 */
export function cellText(
	cell: ProtectedCell,
	row: StatRow,
	t: T,
	language: LanguageCode,
	o: { latinDigits?: boolean } = {}
): string {
	if (cell.status === 'empty') return '–';
	// A cell hidden only so that a small one cannot be worked out from the total is not
	// itself "fewer than 5": it says hidden.
	if (cell.status === 'suppressed')
		return t(cell.reason === 'small' ? 'plan:team.fewerThan5' : 'plan:team.hidden');
	const n = new Intl.NumberFormat(intlLocale(language), {
		maximumFractionDigits: 2,
		...(o.latinDigits ? { numberingSystem: 'latn' } : {})
	}).format(cell.value);
	return row.kind === 'percent' ? t('plan:team.percent', { value: n }) : n;
}

/**
 * A row's name (e.g. a quarter, "2026 kvartal 3"), its numbers in the language's digits
 * like the cells, or in Latin digits for a CSV (`latinDigits`). Years are never grouped.
 */
export function rowLabel(
	row: StatRow,
	t: T,
	language: LanguageCode,
	o: { latinDigits?: boolean } = {}
): string {
	const digits = new Intl.NumberFormat(intlLocale(language), {
		useGrouping: false,
		...(o.latinDigits ? { numberingSystem: 'latn' } : {})
	});
	const values: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(row.labelValues))
		values[k] = row.translate?.includes(k)
			? t(String(v))
			: typeof v === 'number'
				? digits.format(v)
				: v;
	const label = t(row.labelKey, values);
	return row.isNormalised ? `${label} ${t('plan:team.normalisedMark')}` : label;
}

export const groupLabels = (t: T) => STAT_GROUPS.map((g) => t(`plan:team.groups.${g}`));
