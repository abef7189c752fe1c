import {
	addGoal,
	addStep,
	randomId,
	removeGoal,
	removeStep,
	setGoalText,
	setReviewOn,
	setStatus,
	toggleStep,
	checkPlan,
	savablePlanSchema,
	StepError,
	type IdSource,
	type IndicatorId,
	type IsoDate,
	type Plan,
	type PlanItemId,
	type PlanProblem,
	type PlanStatus,
	type StepOwner,
	type StepProblem
} from '$lib/core';
import { classifyStorageError, plans } from '$lib/storage';

const STEP_KEYS: Record<StepProblem, string> = {
	required: 'plan:editor.errors.required',
	'too-long': 'plan:editor.errors.tooLong',
	'contains-pin': 'plan:editor.errors.stepContainsPin',
	'due-before-made': 'plan:editor.errors.dueBeforeMade'
};

/** The i18n key of a step's problem. */
export const stepProblemKey = (problem: StepProblem): string => STEP_KEYS[problem];

/** The i18n key of a plan's problem, shown at its field. */
export function planProblemKey(p: PlanProblem): string {
	if (p.field === 'goals') return 'plan:editor.errors.noGoal';
	if (p.field === 'reviewOn') return 'plan:editor.errors.reviewBeforeMade';
	if (p.field === 'step') return 'plan:editor.errors.stepNeedsChange';
	return p.problem === 'contains-pin'
		? 'plan:editor.errors.goalContainsPin'
		: 'plan:editor.errors.tooLong';
}

/** An action plan being edited: core reducers plus saving. */
export class PlanEditor {
	plan = $state.raw<Plan>() as Plan;
	/** i18n key of a problem that belongs to no field (storage, an unexpected schema issue). */
	errorKey = $state<string>();
	/**
	 * The plan was changed in another tab or window since this editor opened it, so it was
	 * not saved; the plan on screen is kept until the user asks for the stored one.
	 */
	isConflict = $state(false);
	/** What stopped the last save, field by field (core `checkPlan`). */
	problems = $state.raw<PlanProblem[]>([]);
	saving = $state(false);
	savedAt = $state<string>();
	readonly isNew: boolean;
	#newId: IdSource;

	constructor(plan: Plan, o: { isNew: boolean; newId?: IdSource }) {
		this.plan = plan;
		this.isNew = o.isNew;
		this.#newId = o.newId ?? randomId;
	}

	// Problems stay until the next save: a message vanishing as a field loses focus would
	// move the save button from under the pointer.
	setGoalText = (id: PlanItemId, text: string) => (this.plan = setGoalText(this.plan, id, text));
	addGoal = (indicatorId: IndicatorId) =>
		(this.plan = addGoal(this.plan, indicatorId, this.#newId));
	removeGoal = (id: PlanItemId) => (this.plan = removeGoal(this.plan, id));
	toggleStep = (id: PlanItemId) => (this.plan = toggleStep(this.plan, id));
	removeStep = (id: PlanItemId) => (this.plan = removeStep(this.plan, id));
	setReviewOn = (d: IsoDate) => (this.plan = setReviewOn(this.plan, d));
	setStatus = (s: PlanStatus) => (this.plan = setStatus(this.plan, s));

	/** Adds a step; returns what is wrong when the step is not valid (core `checkStep`). */
	addStep(step: { what: string; who: StepOwner; dueOn: IsoDate | null }): StepProblem | undefined {
		try {
			this.plan = addStep(this.plan, step, this.#newId);
			return undefined;
		} catch (error) {
			if (error instanceof StepError) return error.problem;
			throw error;
		}
	}

	/**
	 * Validates and saves; returns true when saved. A plan that breaks a rule is not
	 * saved: `problems` says which fields need fixing, and the plan on screen is kept.
	 */
	async save(): Promise<boolean> {
		const check = savablePlanSchema.safeParse(this.plan);
		if (!check.success) {
			this.problems = checkPlan(this.plan);
			this.errorKey = this.problems.length ? undefined : 'plan:editor.errors.invalid';
			return false;
		}
		this.problems = [];
		this.saving = true;
		try {
			// `plan.updatedAt` is the version the editor was opened with: `update` refuses to
			// write over a newer one.
			this.plan = this.isNew ? await plans.create(check.data) : await plans.update(check.data);
			this.errorKey = undefined;
			this.isConflict = false;
			return true;
		} catch (error) {
			const storageError = classifyStorageError(error);
			this.errorKey = storageError.messageKey;
			this.isConflict = storageError.fault === 'conflict';
			return false;
		} finally {
			this.saving = false;
		}
	}
}
