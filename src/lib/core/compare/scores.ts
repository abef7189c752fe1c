import type { Catalogue, IndicatorId, Respondent } from '../catalogue/schema';
import { scaleOf } from '../catalogue/registry';
import type { Answers } from '../measurement/answers';

type ScoredItem = { item: Catalogue['items'][number]; min: number; max: number };

/**
 * A catalogue's items per indicator and respondent, with their scale's ends, worked
 * out once per catalogue: statistics score every stored measurement (100,000 on a
 * large unit), and catalogues never change once published.
 */
const itemsByIndicator = new WeakMap<
	Catalogue,
	Record<Respondent, Map<IndicatorId, ScoredItem[]>>
>();

function scoredItems(
	catalogue: Catalogue,
	indicatorId: IndicatorId,
	respondent: Respondent
): readonly ScoredItem[] {
	let byIndicator = itemsByIndicator.get(catalogue);
	if (!byIndicator) {
		byIndicator = { client: new Map(), caseworker: new Map() };
		for (const item of catalogue.items) {
			const scale = scaleOf(catalogue, item);
			const list = byIndicator[item.respondent].get(item.indicatorId) ?? [];
			list.push({
				item,
				min: scale.steps[0].value,
				max: scale.steps[scale.steps.length - 1].value
			});
			byIndicator[item.respondent].set(item.indicatorId, list);
		}
		itemsByIndicator.set(catalogue, byIndicator);
	}
	return byIndicator[respondent].get(indicatorId) ?? NONE;
}
const NONE: readonly ScoredItem[] = [];

/** A derived score on one indicator: the step value and its 0–1 position on the scale. */
export type IndicatorScore = { value: number; normalised: number; min: number; max: number };

/**
 * The score of one respondent on one indicator. Reversed items are turned so that
 * higher always means closer to work. "Don't understand", "declined" and a missing
 * answer all give null: a gap, never a zero. Several items on one indicator are averaged.
 */
export function indicatorScore(
	catalogue: Catalogue,
	answers: Answers,
	indicatorId: IndicatorId,
	respondent: Respondent
): IndicatorScore | null {
	const scored: IndicatorScore[] = [];
	for (const { item, min, max } of scoredItems(catalogue, indicatorId, respondent)) {
		const answer = answers[item.id];
		if (typeof answer !== 'number') continue;
		if (answer < min || answer > max) continue;
		const value = item.polarity === 'reversed' ? max + min - answer : answer;
		scored.push({ value, normalised: (value - min) / (max - min), min, max });
	}
	if (scored.length === 0) return null;
	if (scored.length === 1) return scored[0];
	const mean = (f: (s: IndicatorScore) => number) =>
		scored.reduce((a, s) => a + f(s), 0) / scored.length;
	return {
		value: mean((s) => s.value),
		normalised: mean((s) => s.normalised),
		min: scored[0].min,
		max: scored[0].max
	};
}
