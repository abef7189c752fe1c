import type { ScriptedAnswer } from './page-models/app';

/** The radar indicators in catalogue order, as labelled in Swedish. */
export const INDICATOR_LABELS = [
	'Jobbsökande',
	'Kunskap om arbetsmarknaden',
	'Hantera hälsan',
	'Hantera vardagen',
	'Stöd från nätverk',
	'Samarbete',
	'Ta kontakt',
	'Koncentration',
	'Målmedvetenhet',
	'Tilltro till att klara ett jobb'
];

const sv = new Intl.NumberFormat('sv-SE');

/** How the result table shows a client answer. */
export function shownAnswer(a: ScriptedAnswer | undefined): string {
	if (a === 'dont-understand') return 'Förstod inte';
	if (a === 'declined') return 'Ville inte svara';
	if (a === undefined) return 'Ej besvarad';
	return sv.format(a);
}

export function signed(n: number | null): string {
	if (n === null) return '–';
	return n > 0 ? `+${sv.format(n)}` : sv.format(n);
}

const num = (a: ScriptedAnswer | undefined) => (typeof a === 'number' ? a : null);

/** The rows the result table must show, worked out from what was answered. */
export function expectedResultRows(
	client: ScriptedAnswer[],
	caseworker: number[],
	previousClient?: ScriptedAnswer[]
): string[][] {
	return INDICATOR_LABELS.map((label, i) => {
		const c = num(client[i]);
		const w = caseworker[i];
		const row = [label, shownAnswer(client[i]), sv.format(w), signed(c === null ? null : w - c)];
		if (previousClient) {
			const p = num(previousClient[i]);
			row.push(p === null ? '–' : sv.format(p), signed(c === null || p === null ? null : c - p));
		}
		return row;
	});
}

/** Indicators where client and caseworker differ by two steps or more. */
export function expectedTalkingPoints(client: ScriptedAnswer[], caseworker: number[]): string[] {
	return INDICATOR_LABELS.filter((_, i) => {
		const c = num(client[i]);
		return c !== null && Math.abs(caseworker[i] - c) >= 2;
	});
}
