import { describe, expect, it } from 'vitest';
import {
	caseworkerChangeInputSchema,
	caseworkerChangeSchema,
	addGoal,
	addStep,
	checkNewPassphrase,
	checkNote,
	checkPlan,
	checkStep,
	MAX_NOTE_LENGTH,
	newPlan,
	noteInputSchema,
	planForSave,
	planSchema,
	savablePlanSchema,
	setGoalText,
	setReviewOn,
	StepError,
	type IsoDate,
	type Plan,
	type PlanItemId
} from '$lib/core';
import { idSource, makeClient, makeMeasurement, makeProfile, NOW } from '../../fixtures/factories';

/** A plan after a conversation on 2026-11-20 with two focus indicators (two empty goals). */
function plan(): Plan {
	const client = makeClient();
	return newPlan({
		clientId: client.id,
		caseworkerId: makeProfile().id,
		measurement: makeMeasurement({
			clientId: client.id,
			takenOn: '2026-11-20',
			focusIndicators: ['job-search', 'health-coping']
		}),
		today: '2026-11-27' as IsoDate,
		now: NOW,
		newId: idSource(50)
	});
}

const withGoal = (p: Plan, text: string, at = 0) => setGoalText(p, p.goals[at].id, text);
/** A step as stored before the rules existed (added without `addStep`'s checks). */
const rawStep = (p: Plan, what: string, dueOn: string | null): Plan => ({
	...p,
	steps: [
		...p.steps,
		{ id: `step-${p.steps.length}-abcdef` as PlanItemId, what, who: 'other', dueOn, done: false }
	] as Plan['steps']
});

describe('a plan may be saved only with at least one goal with text', () => {
	it('refuses a new plan whose goals are all empty (or blank)', () => {
		const p = withGoal(plan(), '   ');
		expect(checkPlan(p)).toEqual([{ field: 'goals', problem: 'no-goal' }]);
		const result = savablePlanSchema.safeParse(p);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['goals', 'no-goal']
		]);
	});

	it('refuses a plan with no goal rows at all', () => {
		const p = { ...plan(), goals: [] };
		expect(checkPlan(p)).toEqual([{ field: 'goals', problem: 'no-goal' }]);
	});

	it('saves a plan with one goal written and leaves the empty goal rows out', () => {
		const p = withGoal(plan(), 'Söka tre jobb i månaden', 1);
		expect(checkPlan(p)).toEqual([]);
		const saved = savablePlanSchema.parse(p);
		expect(saved.goals.map((g) => [g.indicatorId, g.text])).toEqual([
			['health-coping', 'Söka tre jobb i månaden']
		]);
		expect(planForSave(p).goals).toHaveLength(1);
		// The plan on screen is untouched.
		expect(p.goals).toHaveLength(2);
	});

	it('still reads stored plans saved before the rule (the stored schema is looser)', () => {
		expect(planSchema.safeParse(plan()).success).toBe(true);
	});
});

describe('step due dates are checked like the review date', () => {
	it('refuses a step due before the conversation, with its own problem', () => {
		const p = withGoal(plan(), 'Mål');
		expect(checkStep(p, { what: 'Praktik', dueOn: '1999-01-01' as IsoDate })).toBe(
			'due-before-made'
		);
		expect(() =>
			addStep(
				p,
				{ what: 'Praktik', who: 'participant', dueOn: '1999-01-01' as IsoDate },
				idSource(1)
			)
		).toThrow(StepError);
		const refused = (() => {
			try {
				addStep(p, { what: 'Praktik', who: 'other', dueOn: '2026-11-19' as IsoDate }, idSource(1));
			} catch (error) {
				return error;
			}
		})();
		expect(refused).toBeInstanceOf(StepError);
		expect((refused as StepError).problem).toBe('due-before-made');
	});

	it('accepts a step due on the day of the conversation or later, or with no date', () => {
		const p = withGoal(plan(), 'Mål');
		expect(checkStep(p, { what: 'Praktik', dueOn: '2026-11-20' as IsoDate })).toBeNull();
		expect(checkStep(p, { what: 'Praktik', dueOn: null })).toBeNull();
		const added = addStep(
			p,
			{ what: 'Praktik', who: 'other', dueOn: '2026-12-01' as IsoDate },
			idSource(1)
		);
		expect(added.steps).toHaveLength(1);
	});

	it('keeps the earlier step checks as problems', () => {
		const p = plan();
		expect(checkStep(p, { what: '  ', dueOn: null })).toBe('required');
		expect(checkStep(p, { what: 'x'.repeat(301), dueOn: null })).toBe('too-long');
	});

	it('finds a stored step due before the conversation when the plan is saved', () => {
		const p = rawStep(withGoal(plan(), 'Mål'), 'Praktik', '1999-01-01');
		expect(checkPlan(p)).toEqual([
			{ field: 'step', id: p.steps[0].id, problem: 'due-before-made' }
		]);
		expect(savablePlanSchema.safeParse(p).success).toBe(false);
	});

	it('lists the problems in the form order: goals, steps, review', () => {
		const p = setReviewOn(rawStep(plan(), 'Praktik', '1999-01-01'), '2026-01-01' as IsoDate);
		expect(checkPlan(p).map((x) => x.field)).toEqual(['goals', 'step', 'reviewOn']);
	});
});

describe('free text that ends up in prints and exports holds no personal identity number', () => {
	const pins = ['19900101-1234', '900101-1234', '900161-1234', 'ring 9001011234'];

	it.each(pins)('refuses a plan goal with %s', (pin) => {
		const p = withGoal(plan(), `Söka jobb ${pin}`);
		expect(checkPlan(p)).toEqual([{ field: 'goal', id: p.goals[0].id, problem: 'contains-pin' }]);
	});

	it.each(pins)('refuses a plan step with %s', (pin) => {
		expect(checkStep(plan(), { what: `Möte ${pin}`, dueOn: null })).toBe('contains-pin');
	});

	it.each(pins)('refuses a conversation note with %s', (pin) => {
		expect(checkNote(`Samtal med deltagaren ${pin}.`)).toBe('note-contains-pin');
		expect(noteInputSchema.safeParse(pin).success).toBe(false);
	});

	it('accepts ordinary notes, goals and steps with dates and small numbers', () => {
		const note = 'Möte 2026-12-01 kl 10. Tre ansökningar, 2 intervjuer.';
		expect(checkNote(note)).toBeNull();
		expect(checkNote('')).toBeNull();
		expect(checkStep(plan(), { what: 'Söka 3 jobb före 2026-12-24', dueOn: null })).toBeNull();
		expect(checkPlan(withGoal(plan(), 'Arbeta 20 timmar i veckan'))).toEqual([]);
	});

	it('refuses an overlong note', () => {
		expect(checkNote('x'.repeat(MAX_NOTE_LENGTH + 1))).toBe('note-too-long');
	});

	it('a goal added later is checked too', () => {
		const p = addGoal(withGoal(plan(), 'Mål'), 'job-search', idSource(90));
		const q = setGoalText(p, p.goals[2].id, '19900101-1234');
		expect(checkPlan(q)).toEqual([{ field: 'goal', id: q.goals[2].id, problem: 'contains-pin' }]);
	});
});

describe('a new passphrase: every problem at once', () => {
	it('reports a too-short and mismatched passphrase at both fields', () => {
		expect(checkNewPassphrase('kort', 'annan')).toEqual({
			passphrase: 'passphrase-too-short',
			repeat: 'passphrase-mismatch'
		});
	});

	it('reports each problem on its own, and none for a good pair', () => {
		expect(checkNewPassphrase('kort', 'kort')).toEqual({ passphrase: 'passphrase-too-short' });
		expect(checkNewPassphrase('lång nog lösenfras', 'lång nog')).toEqual({
			repeat: 'passphrase-mismatch'
		});
		expect(checkNewPassphrase('x'.repeat(201), 'x'.repeat(201))).toEqual({
			passphrase: 'passphrase-too-long'
		});
		expect(checkNewPassphrase('lång nog lösenfras', 'lång nog lösenfras')).toEqual({});
	});
});

describe('caseworker change names', () => {
	it('refuses a personal identity number in either name, and keeps plain names', () => {
		const base = { changedOn: '2026-01-02', from: 'Karin', to: 'Omar' };
		expect(caseworkerChangeInputSchema.safeParse(base).success).toBe(true);
		for (const field of ['from', 'to'] as const) {
			const parsed = caseworkerChangeInputSchema.safeParse({ ...base, [field]: '19850101-1234' });
			expect(parsed.success).toBe(false);
			expect(parsed.error?.issues.map((i) => i.message)).toContain('contains-pin');
		}
	});

	it('still reads a stored change that has one (written before the rule)', () => {
		expect(
			caseworkerChangeSchema
				.safeParse({
					id: 'change-0001',
					clientId: 'client-0001',
					changedOn: '2026-01-02',
					from: '',
					to: '19850101-1234',
					createdAt: '2026-01-02T10:00:00.000Z',
					isDemo: false
				})
				.error?.issues.map((i) => i.message) ?? []
		).not.toContain('contains-pin');
	});
});
