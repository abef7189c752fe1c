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
	planSchema,
	type IdSource,
	type IndicatorId,
	type IsoDate,
	type Plan,
	type PlanItemId,
	type PlanStatus,
	type StepOwner
} from '$lib/core';
import { classifyStorageError, plans } from '$lib/storage';

/** An action plan being edited: core reducers plus saving. */
export class PlanEditor {
	plan = $state.raw<Plan>() as Plan;
	errorKey = $state<string>();
	saving = $state(false);
	savedAt = $state<string>();
	readonly isNew: boolean;
	#newId: IdSource;

	constructor(plan: Plan, o: { isNew: boolean; newId?: IdSource }) {
		this.plan = plan;
		this.isNew = o.isNew;
		this.#newId = o.newId ?? randomId;
	}

	setGoalText = (id: PlanItemId, text: string) => (this.plan = setGoalText(this.plan, id, text));
	addGoal = (indicatorId: IndicatorId) =>
		(this.plan = addGoal(this.plan, indicatorId, this.#newId));
	removeGoal = (id: PlanItemId) => (this.plan = removeGoal(this.plan, id));
	toggleStep = (id: PlanItemId) => (this.plan = toggleStep(this.plan, id));
	removeStep = (id: PlanItemId) => (this.plan = removeStep(this.plan, id));
	setReviewOn = (d: IsoDate) => (this.plan = setReviewOn(this.plan, d));
	setStatus = (s: PlanStatus) => (this.plan = setStatus(this.plan, s));

	/** Adds a step; returns an error key when the step is not valid. */
	addStep(step: { what: string; who: StepOwner; dueOn: IsoDate | null }): string | undefined {
		try {
			this.plan = addStep(this.plan, step, this.#newId);
			return undefined;
		} catch {
			return step.what.trim() ? 'plan:editor.errors.tooLong' : 'plan:editor.errors.required';
		}
	}

	/** Validates and saves; returns true when saved. */
	async save(): Promise<boolean> {
		const check = planSchema.safeParse(this.plan);
		if (!check.success) {
			const message = check.error.issues[0]?.message;
			this.errorKey =
				message === 'review-before-made'
					? 'plan:editor.errors.reviewBeforeMade'
					: message === 'too-long'
						? 'plan:editor.errors.tooLong'
						: 'plan:editor.errors.invalid';
			return false;
		}
		this.saving = true;
		try {
			this.plan = this.isNew ? await plans.create(check.data) : await plans.update(check.data);
			this.errorKey = undefined;
			return true;
		} catch (error) {
			this.errorKey = classifyStorageError(error).messageKey;
			return false;
		} finally {
			this.saving = false;
		}
	}
}
