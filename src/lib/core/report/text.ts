import type { Answers } from '../measurement/answers';
import type { Catalogue, IndicatorId, Respondent } from '../catalogue/schema';

/** A value in a text line: plain text, a number (formatted by the renderer), or an i18n key. */
export type TextValue = string | number | { key: string };

/**
 * One line of generated text as an i18n key with values; the UI (or the state layer)
 * translates it. Compatible with the compare summary's `SummaryLine`.
 */
export type TextLine = {
	key: string;
	values?: Record<string, TextValue>;
	/** Indicator label keys, translated and joined into `{{indicators}}`. */
	indicatorKeys?: string[];
	bullet?: boolean;
	/** Starts a new paragraph (an empty line before it). */
	gap?: boolean;
};

export type TextRenderer = {
	t: (key: string, values: Record<string, string | number>) => string;
	list: (items: string[]) => string;
	number: (n: number) => string;
};

/** Resolves a line's values and translates it. */
export function renderLine(line: TextLine, r: TextRenderer): string {
	const values: Record<string, string | number> = {};
	for (const [k, v] of Object.entries(line.values ?? {}))
		values[k] = typeof v === 'number' ? r.number(v) : typeof v === 'string' ? v : r.t(v.key, {});
	// `count` stays a number: i18next picks the plural form from it.
	if (typeof line.values?.count === 'number') values.count = line.values.count;
	if (line.indicatorKeys) values.indicators = r.list(line.indicatorKeys.map((k) => r.t(k, {})));
	const text = r.t(line.key, values);
	return line.bullet ? `– ${text}` : text;
}

/** Plain text, one line each, paragraphs where a line asks for one. CRLF-free, no markup. */
export function renderText(lines: TextLine[], r: TextRenderer): string {
	return lines.map((l) => (l.gap ? `\n${renderLine(l, r)}` : renderLine(l, r))).join('\n');
}

/**
 * What to show for one respondent's rating of an indicator: the score, or why
 * there is none (never a zero).
 */
export function ratingValue(
	catalogue: Catalogue,
	answers: Answers,
	indicatorId: IndicatorId,
	respondent: Respondent,
	score: number | null | undefined
): TextValue {
	if (score !== null && score !== undefined) return score;
	const item = catalogue.items.find(
		(i) => i.indicatorId === indicatorId && i.respondent === respondent
	);
	const raw = item ? answers[item.id] : undefined;
	if (raw === 'dont-understand') return { key: 'conversation:answers.dontUnderstandShort' };
	if (raw === 'declined') return { key: 'conversation:answers.declinedShort' };
	return { key: 'conversation:answers.notAnswered' };
}
