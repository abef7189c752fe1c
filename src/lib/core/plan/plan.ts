import { z } from '../zod';
import { caseworkerIdSchema, clientIdSchema, measurementIdSchema, type IdSource } from '../ids';
import { addDays, addMonths, isoDateSchema, timestampSchema, type IsoDate } from '../time';
import { indicatorIdSchema, type IndicatorId } from '../catalogue/schema';
import { cleanText } from '../client/client';
import { looksLikePersonalIdentityNumber } from '../client/identity-number';

const idString = z
	.string()
	.min(8)
	.max(64)
	.regex(/^[A-Za-z0-9-]+$/);

export const planIdSchema = idString.brand<'PlanId'>();
export type PlanId = z.infer<typeof planIdSchema>;
export const planItemIdSchema = idString.brand<'PlanItemId'>();
export type PlanItemId = z.infer<typeof planItemIdSchema>;

/** Months from the measurement to the review (= the next measurement is due). */
export const PLAN_REVIEW_MONTHS = 3;
/** A review this close is "due soon" on the client page. */
export const PLAN_DUE_SOON_DAYS = 14;
export const PLAN_TEXT_MAX = 300;
export const PLAN_MAX_GOALS = 5;
export const PLAN_MAX_STEPS = 30;

export const PLAN_STATUSES = ['active', 'reviewed', 'closed'] as const;
export const planStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof planStatusSchema>;

/** Who takes a step. */
export const STEP_OWNERS = ['participant', 'caseworker', 'other'] as const;
export const stepOwnerSchema = z.enum(STEP_OWNERS);
export type StepOwner = z.infer<typeof stepOwnerSchema>;

const planText = z
	.string()
	.transform(cleanText)
	.pipe(z.string().max(PLAN_TEXT_MAX, { message: 'too-long' }));

/** A goal, tied to one of the focus indicators chosen at the measurement. */
export const planGoalSchema = z
	.object({
		id: planItemIdSchema,
		indicatorId: indicatorIdSchema,
		text: planText
	})
	.strict();
export type PlanGoal = z.infer<typeof planGoalSchema>;

/** A step: what, who, by when, and whether it is done. */
export const planStepSchema = z
	.object({
		id: planItemIdSchema,
		what: planText.pipe(z.string().min(1, { message: 'required' })),
		who: stepOwnerSchema,
		dueOn: isoDateSchema.nullable(),
		done: z.boolean()
	})
	.strict();
export type PlanStep = z.infer<typeof planStepSchema>;

/** An action plan, agreed after a measurement. Personal text: goals and steps. */
export const planSchema = z
	.object({
		id: planIdSchema,
		clientId: clientIdSchema,
		caseworkerId: caseworkerIdSchema,
		/** The measurement the plan was made after (null when made without one). */
		measurementId: measurementIdSchema.nullable(),
		madeOn: isoDateSchema,
		reviewOn: isoDateSchema,
		status: planStatusSchema,
		goals: z.array(planGoalSchema).max(PLAN_MAX_GOALS),
		steps: z.array(planStepSchema).max(PLAN_MAX_STEPS),
		createdAt: timestampSchema,
		updatedAt: timestampSchema,
		isDemo: z.boolean()
	})
	.strict()
	.refine((p) => p.reviewOn >= p.madeOn, { message: 'review-before-made', path: ['reviewOn'] });
export type Plan = z.infer<typeof planSchema>;

/** The default review date: three months after the measurement, when the next one is due. */
export function defaultReviewOn(measuredOn: IsoDate): IsoDate {
	return addMonths(measuredOn, PLAN_REVIEW_MONTHS);
}

/**
 * A new plan after a measurement: one empty goal per focus indicator, no steps yet,
 * review when the next measurement is due.
 */
export function newPlan(o: {
	clientId: Plan['clientId'];
	caseworkerId: Plan['caseworkerId'];
	measurement?: { id: string; takenOn: string; focusIndicators: readonly IndicatorId[] };
	today: IsoDate;
	now: Date;
	newId: IdSource;
	isDemo?: boolean;
}): Plan {
	const madeOn = (o.measurement?.takenOn ?? o.today) as IsoDate;
	const at = o.now.toISOString();
	return planSchema.parse({
		id: o.newId(),
		clientId: o.clientId,
		caseworkerId: o.caseworkerId,
		measurementId: o.measurement?.id ?? null,
		madeOn,
		reviewOn: defaultReviewOn(madeOn),
		status: 'active',
		goals: (o.measurement?.focusIndicators ?? []).map((indicatorId) => ({
			id: o.newId(),
			indicatorId,
			text: ''
		})),
		steps: [],
		createdAt: at,
		updatedAt: at,
		isDemo: o.isDemo ?? false
	});
}

// Reducers: each returns a new plan and never mutates its input.

export function setGoalText(plan: Plan, goalId: PlanItemId, text: string): Plan {
	return { ...plan, goals: plan.goals.map((g) => (g.id === goalId ? { ...g, text } : g)) };
}

export function addGoal(plan: Plan, indicatorId: IndicatorId, newId: IdSource): Plan {
	if (plan.goals.length >= PLAN_MAX_GOALS) return plan;
	return {
		...plan,
		goals: [...plan.goals, { id: newId() as PlanItemId, indicatorId, text: '' }]
	};
}

export function removeGoal(plan: Plan, goalId: PlanItemId): Plan {
	return { ...plan, goals: plan.goals.filter((g) => g.id !== goalId) };
}

/** Why a step cannot be part of a plan (an i18n key under `plan:editor.errors`). */
export const STEP_PROBLEMS = ['required', 'too-long', 'contains-pin', 'due-before-made'] as const;
export type StepProblem = (typeof STEP_PROBLEMS)[number];

/**
 * Checks a step against its plan: it says what is to be done, in a short text without a
 * personal identity number (plan texts are printed and exported), and is not due before
 * the conversation the plan was made after (the same rule as the review date).
 */
export function checkStep(
	plan: Pick<Plan, 'madeOn'>,
	step: { what: string; dueOn: IsoDate | null }
): StepProblem | null {
	const what = cleanText(step.what);
	if (!what) return 'required';
	if (what.length > PLAN_TEXT_MAX) return 'too-long';
	if (looksLikePersonalIdentityNumber(what)) return 'contains-pin';
	if (step.dueOn && step.dueOn < plan.madeOn) return 'due-before-made';
	return null;
}

/** Thrown by `addStep` when the step is not valid; `problem` says why. */
export class StepError extends Error {
	constructor(readonly problem: StepProblem) {
		super(`step refused: ${problem}`);
	}
}

/** Adds a step (see `checkStep`); throws a `StepError` when the step is not valid. */
export function addStep(
	plan: Plan,
	step: { what: string; who: StepOwner; dueOn: IsoDate | null },
	newId: IdSource
): Plan {
	if (plan.steps.length >= PLAN_MAX_STEPS) return plan;
	const problem = checkStep(plan, step);
	if (problem) throw new StepError(problem);
	const parsed = planStepSchema.parse({ id: newId(), done: false, ...step });
	return { ...plan, steps: [...plan.steps, parsed] };
}

export function updateStep(
	plan: Plan,
	stepId: PlanItemId,
	change: Partial<Omit<PlanStep, 'id'>>
): Plan {
	return { ...plan, steps: plan.steps.map((s) => (s.id === stepId ? { ...s, ...change } : s)) };
}

export function toggleStep(plan: Plan, stepId: PlanItemId): Plan {
	const step = plan.steps.find((s) => s.id === stepId);
	return step ? updateStep(plan, stepId, { done: !step.done }) : plan;
}

export function removeStep(plan: Plan, stepId: PlanItemId): Plan {
	return { ...plan, steps: plan.steps.filter((s) => s.id !== stepId) };
}

export function setReviewOn(plan: Plan, reviewOn: IsoDate): Plan {
	return { ...plan, reviewOn };
}

export function setStatus(plan: Plan, status: PlanStatus): Plan {
	return { ...plan, status };
}

/** What is wrong with a plan before it is saved, field by field, in the form's order. */
export type PlanProblem =
	| { field: 'goals'; problem: 'no-goal' }
	| { field: 'goal'; id: PlanItemId; problem: 'too-long' | 'contains-pin' }
	| { field: 'step'; id: PlanItemId; problem: StepProblem }
	| { field: 'reviewOn'; problem: 'review-before-made' };

/**
 * The rules a plan must meet to be saved (stored plans are read with the looser
 * `planSchema`, so plans saved before these rules still open): at least one goal with
 * text, goal and step texts without personal identity numbers, steps and the review
 * not dated before the conversation. Empty goal rows are not a problem: `planForSave`
 * leaves them out.
 */
export function checkPlan(plan: Plan): PlanProblem[] {
	const problems: PlanProblem[] = [];
	const texts = plan.goals.map((g) => ({ id: g.id, text: cleanText(g.text) }));
	for (const { id, text } of texts) {
		if (text.length > PLAN_TEXT_MAX) problems.push({ field: 'goal', id, problem: 'too-long' });
		else if (looksLikePersonalIdentityNumber(text))
			problems.push({ field: 'goal', id, problem: 'contains-pin' });
	}
	if (!texts.some((g) => g.text)) problems.push({ field: 'goals', problem: 'no-goal' });
	for (const step of plan.steps) {
		const problem = checkStep(plan, step);
		if (problem) problems.push({ field: 'step', id: step.id, problem });
	}
	if (plan.reviewOn < plan.madeOn)
		problems.push({ field: 'reviewOn', problem: 'review-before-made' });
	return problems;
}

/** The plan as it is saved: goal rows left empty are dropped, not kept as empty goals. */
export function planForSave(plan: Plan): Plan {
	return { ...plan, goals: plan.goals.filter((g) => cleanText(g.text) !== '') };
}

/** A plan that may be saved (see `checkPlan`), with its empty goal rows left out. */
export const savablePlanSchema = planSchema
	.superRefine((plan, ctx) => {
		for (const p of checkPlan(plan)) {
			const path =
				p.field === 'goal'
					? ['goals', plan.goals.findIndex((g) => g.id === p.id), 'text']
					: p.field === 'step'
						? ['steps', plan.steps.findIndex((s) => s.id === p.id)]
						: [p.field];
			ctx.addIssue({ code: 'custom', message: p.problem, path });
		}
	})
	.transform(planForSave);

/** Where a plan stands today, for the client page and the register. */
export type PlanState = 'closed' | 'reviewed' | 'overdue' | 'due-soon' | 'on-track';

export function planState(plan: Plan, today: IsoDate): PlanState {
	if (plan.status === 'closed') return 'closed';
	if (plan.status === 'reviewed') return 'reviewed';
	if (plan.reviewOn < today) return 'overdue';
	if (plan.reviewOn <= addDays(today, PLAN_DUE_SOON_DAYS)) return 'due-soon';
	return 'on-track';
}

export function isReviewOverdue(plan: Plan, today: IsoDate): boolean {
	return planState(plan, today) === 'overdue';
}

/** The plan shown on the client page: the newest plan that is not closed, else the newest. */
export function currentPlan<T extends Pick<Plan, 'madeOn' | 'createdAt' | 'status'>>(
	plans: readonly T[]
): T | undefined {
	const sorted = [...plans].sort(
		(a, b) => b.madeOn.localeCompare(a.madeOn) || b.createdAt.localeCompare(a.createdAt)
	);
	return sorted.find((p) => p.status !== 'closed') ?? sorted[0];
}

export type StepProgress = { done: number; total: number };

export function stepProgress(plan: Plan): StepProgress {
	return { done: plan.steps.filter((s) => s.done).length, total: plan.steps.length };
}

/** One line of a plan as text for a report or case note: an i18n key and its values. */
export type PlanSummaryLine = {
	key: string;
	values: Record<string, string | number>;
	/** Keys whose values are themselves i18n keys (translate them before interpolating). */
	translate?: readonly string[];
};

/**
 * The plan as summary lines, for the print report and the case-record text.
 * Values are raw (ISO dates, indicator label keys, owner keys); the caller
 * translates the keys listed in `translate` and formats dates.
 */
export function planSummaryLines(plan: Plan, today: IsoDate): PlanSummaryLine[] {
	const lines: PlanSummaryLine[] = [
		{ key: 'plan:summary.madeOn', values: { date: plan.madeOn } },
		{
			key: 'plan:summary.review',
			values: { date: plan.reviewOn, state: `plan:state.${planState(plan, today)}` },
			translate: ['state']
		}
	];
	if (plan.goals.length === 0) lines.push({ key: 'plan:summary.noGoals', values: {} });
	for (const goal of plan.goals)
		lines.push({
			key: goal.text ? 'plan:summary.goal' : 'plan:summary.goalNoText',
			values: { indicator: `catalogue:indicators.${goal.indicatorId}.label`, text: goal.text },
			translate: ['indicator']
		});
	if (plan.steps.length === 0) lines.push({ key: 'plan:summary.noSteps', values: {} });
	for (const step of plan.steps)
		lines.push({
			key: step.dueOn
				? step.done
					? 'plan:summary.stepDoneBy'
					: 'plan:summary.stepBy'
				: step.done
					? 'plan:summary.stepDone'
					: 'plan:summary.step',
			values: { what: step.what, who: `plan:owner.${step.who}`, date: step.dueOn ?? '' },
			translate: ['who']
		});
	const progress = stepProgress(plan);
	lines.push({ key: 'plan:summary.progress', values: { ...progress } });
	return lines;
}
