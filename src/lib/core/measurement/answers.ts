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

const MAX_ANSWERS = 100;
const MAX_ITEM_ID_LENGTH = 80;

function isAnswer(value: unknown): boolean {
	return typeof value === 'number'
		? Number.isInteger(value) && value >= 0 && value <= 10
		: value === 'dont-understand' || value === 'declined';
}

/**
 * Whether a value is a set of answers: a plain object of at most 100 item ids
 * (1–80 characters) to answers. Written as one loop rather than `z.record(…)`:
 * every stored measurement passes through it on each read (statistics read all of
 * them), and zod's record parsing costs about 4 µs per answer set; this costs
 * well under one, with the same rules (`answerSchema` is the one definition of an
 * answer, and a unit test holds the two in step).
 */
export function isAnswers(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return false;
	let count = 0;
	for (const key in value) {
		if (!Object.hasOwn(value, key)) return false;
		if (++count > MAX_ANSWERS) return false;
		if (key.length < 1 || key.length > MAX_ITEM_ID_LENGTH) return false;
		if (!isAnswer((value as Record<string, unknown>)[key])) return false;
	}
	return true;
}

/** Answers keyed by item id. A missing key means "not answered" (a gap, never a zero). */
export const answersSchema = z.custom<Record<string, Answer>>(isAnswers, {
	message: 'invalid answers'
});
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
