import { describe, expect, it } from 'vitest';
import {
	addStep,
	currentPlan,
	newPlan,
	planSchema,
	planState,
	planSummaryLines,
	removeStep,
	setGoalText,
	setReviewOn,
	setStatus,
	toggleStep,
	type IsoDate,
	type PlanItemId
} from '$lib/core';
import { idSource, makeClient, makeMeasurement, makeProfile, NOW } from '../../fixtures/factories';

const today = '2026-11-27' as IsoDate;
function plan() {
	const client = makeClient();
	const measurement = makeMeasurement({
		clientId: client.id,
		takenOn: '2026-11-20',
		focusIndicators: ['job-search', 'health-coping']
	});
	return newPlan({
		clientId: client.id,
		caseworkerId: makeProfile().id,
		measurement,
		today,
		now: NOW,
		newId: idSource(50)
	});
}

describe('action plan', () => {
	it('starts after a measurement: one goal per focus indicator, review in three months', () => {
		const p = plan();
		expect(p.goals.map((g) => g.indicatorId)).toEqual(['job-search', 'health-coping']);
		expect(p.madeOn).toBe('2026-11-20');
		expect(p.reviewOn).toBe('2027-02-20');
		expect(p.status).toBe('active');
		expect(planSchema.safeParse(p).success).toBe(true);
	});

	it('reducers return new plans and never mutate', () => {
		const p = plan();
		const ids = idSource(60);
		const withStep = addStep(
			p,
			{ what: 'Praktik', who: 'participant', dueOn: '2026-12-15' as IsoDate },
			ids
		);
		expect(p.steps).toHaveLength(0);
		expect(withStep.steps[0]).toMatchObject({ what: 'Praktik', who: 'participant', done: false });
		const done = toggleStep(withStep, withStep.steps[0].id);
		expect(done.steps[0].done).toBe(true);
		expect(removeStep(done, done.steps[0].id).steps).toEqual([]);
		const goal = setGoalText(p, p.goals[0].id, 'Söka tre jobb');
		expect(goal.goals[0].text).toBe('Söka tre jobb');
		expect(p.goals[0].text).toBe('');
		expect(setStatus(p, 'closed').status).toBe('closed');
	});

	it('refuses empty or overlong steps, a review before the plan, and unknown fields', () => {
		const p = plan();
		expect(() => addStep(p, { what: '  ', who: 'other', dueOn: null }, idSource(1))).toThrow();
		expect(() =>
			addStep(p, { what: 'x'.repeat(301), who: 'other', dueOn: null }, idSource(1))
		).toThrow();
		expect(planSchema.safeParse(setReviewOn(p, '2026-01-01' as IsoDate)).success).toBe(false);
		expect(planSchema.safeParse({ ...p, extra: 1 }).success).toBe(false);
		expect(planSchema.safeParse(setGoalText(p, 'nope' as PlanItemId, 'x')).success).toBe(true);
	});

	it('knows when the review is overdue or due soon', () => {
		const p = plan();
		expect(planState(p, today)).toBe('on-track');
		expect(planState(p, '2027-02-10' as IsoDate)).toBe('due-soon');
		expect(planState(p, '2027-02-21' as IsoDate)).toBe('overdue');
		expect(planState(setStatus(p, 'closed'), '2027-03-01' as IsoDate)).toBe('closed');
	});

	it('the current plan is the newest that is not closed', () => {
		const a = {
			...plan(),
			madeOn: '2026-01-01',
			createdAt: '2026-01-01T00:00:00Z',
			status: 'active' as const
		};
		const b = { ...a, madeOn: '2026-06-01', status: 'closed' as const };
		expect(currentPlan([a, b])).toBe(a);
		expect(currentPlan([b])).toBe(b);
		expect(currentPlan([])).toBeUndefined();
	});

	it('renders as summary lines of keys and values (no text)', () => {
		const p = setGoalText(
			addStep(plan(), { what: 'Praktik', who: 'participant', dueOn: null }, idSource(2)),
			plan().goals[0].id,
			'Mål A'
		);
		const lines = planSummaryLines(p, today);
		expect(lines[0]).toEqual({ key: 'plan:summary.madeOn', values: { date: '2026-11-20' } });
		expect(lines[1].values.state).toBe('plan:state.on-track');
		expect(lines.map((l) => l.key)).toContain('plan:summary.step');
		expect(lines.at(-1)).toEqual({ key: 'plan:summary.progress', values: { done: 0, total: 1 } });
		for (const l of lines) expect(l.key.startsWith('plan:')).toBe(true);
	});
});
