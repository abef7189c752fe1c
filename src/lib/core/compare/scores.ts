import type { Catalogue, IndicatorId, Respondent } from '../catalogue/schema';
import { scaleOf } from '../catalogue/registry';
import type { Answers } from '../measurement/answers';

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
	const items = catalogue.items.filter(
		(i) => i.indicatorId === indicatorId && i.respondent === respondent
	);
	const scored: IndicatorScore[] = [];
	for (const item of items) {
		const answer = answers[item.id];
		if (typeof answer !== 'number') continue;
		const scale = scaleOf(catalogue, item);
		const min = scale.steps[0].value;
		const max = scale.steps[scale.steps.length - 1].value;
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
