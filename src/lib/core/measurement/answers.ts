import { z } from '../zod';
import type { Catalogue } from '../catalogue/schema';
import { scaleOf } from '../catalogue/registry';

/** One raw answer: a scale step, or one of the two ways of not answering. */
export const answerSchema = z.union([
	z.number().int().min(0).max(10),
	z.literal('dont-understand'),
	z.literal('declined')
]);
export type Answer = z.infer<typeof answerSchema>;

/** Answers keyed by item id. A missing key means "not answered" (a gap, never a zero). */
export const answersSchema = z
	.record(z.string().min(1).max(80), answerSchema)
	.refine((a) => Object.keys(a).length <= 100, { message: 'too many answers' });
export type Answers = z.infer<typeof answersSchema>;

export type AnswerProblem = {
	itemId: string;
	problem: 'unknown-item' | 'out-of-range' | 'wrong-respondent';
};

/**
 * Checks answers against a catalogue: every key is an item of the right respondent
 * and every number is a step of that item's scale.
 */
export function findAnswerProblems(
	catalogue: Catalogue,
	answers: Answers,
	respondent: 'client' | 'caseworker'
): AnswerProblem[] {
	const problems: AnswerProblem[] = [];
	for (const [itemId, answer] of Object.entries(answers)) {
		const item = catalogue.items.find((i) => i.id === itemId);
		if (!item) {
			problems.push({ itemId, problem: 'unknown-item' });
			continue;
		}
		if (item.respondent !== respondent) {
			problems.push({ itemId, problem: 'wrong-respondent' });
			continue;
		}
		if (typeof answer === 'number') {
			const scale = scaleOf(catalogue, item);
			if (!scale.steps.some((s) => s.value === answer))
				problems.push({ itemId, problem: 'out-of-range' });
		}
	}
	return problems;
}

/** Drops answers that do not fit the catalogue; returns what was kept and what was dropped. */
export function keepValidAnswers(
	catalogue: Catalogue,
	answers: Answers,
	respondent: 'client' | 'caseworker'
): { kept: Answers; dropped: AnswerProblem[] } {
	const dropped = findAnswerProblems(catalogue, answers, respondent);
	const bad = new Set(dropped.map((d) => d.itemId));
	const kept: Answers = {};
	for (const [k, v] of Object.entries(answers)) if (!bad.has(k)) kept[k] = v;
	return { kept, dropped };
}
