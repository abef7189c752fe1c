import type { PlanSummaryLine } from '$lib/core';

/**
 * Turns a core summary line into text: keys listed in `translate` are translated,
 * `date` values are formatted. Pure apart from the injected `t` and `date`, so a
 * print report or case-record text can use the same function.
 */
export function summaryText(
	line: PlanSummaryLine,
	t: (key: string, values?: Record<string, unknown>) => string,
	date: (iso: string) => string
): string {
	const values: Record<string, string | number> = {};
	for (const [k, v] of Object.entries(line.values)) {
		if (line.translate?.includes(k)) values[k] = t(String(v));
		else if (k === 'date' && typeof v === 'string' && v) values[k] = date(v);
		else values[k] = v;
	}
	return t(line.key, values);
}
