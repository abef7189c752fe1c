import { describe, expect, it } from 'vitest';
import {
	activeRanges,
	addPause,
	analyseTimeline,
	endIntervention,
	interventionSchema,
	LONG_GAP_DAYS,
	newCaseworkerChange,
	newIntervention,
	type ClientId,
	type InterventionInput,
	type IsoDate
} from '$lib/core';
import { idSource, NOW } from '../../fixtures/factories';

const clientId = 'client-0001-aaaa' as ClientId;
const ids = idSource(9);
const make = (input: Partial<InterventionInput> & { type: InterventionInput['type'] }) =>
	newIntervention(
		{ startOn: '2026-01-01' as IsoDate, endOn: null, pauses: [], ...input },
		{ clientId, now: NOW, newId: ids }
	);
const d = (s: string) => s as IsoDate;

describe('intervention schema and reducers', () => {
	it('refuses an end before the start, pauses outside or overlapping', () => {
		expect(() =>
			make({ type: 'work', startOn: d('2026-02-01'), endOn: d('2026-01-01') })
		).toThrow();
		const w = make({ type: 'work', endOn: d('2026-03-01') });
		expect(() => addPause(w, { from: d('2026-02-20'), to: d('2026-03-10') })).toThrow();
		const p = addPause(w, { from: d('2026-01-10'), to: d('2026-01-20') });
		expect(() => addPause(p, { from: d('2026-01-15'), to: d('2026-01-25') })).toThrow();
		expect(interventionSchema.safeParse({ ...w, type: 'magic' }).success).toBe(false);
		expect(endIntervention(make({ type: 'health' }), d('2026-05-01')).endOn).toBe('2026-05-01');
	});

	it('active ranges leave out pauses and stop today', () => {
		const w = make({ type: 'work', pauses: [{ from: d('2026-01-11'), to: d('2026-01-20') }] });
		expect(activeRanges(w, d('2026-01-31'))).toEqual([
			{ from: '2026-01-01', to: '2026-01-10' },
			{ from: '2026-01-21', to: '2026-01-31' }
		]);
	});
});

describe('timeline analysis', () => {
	it('flags a gap of LONG_GAP_DAYS or more with nothing active', () => {
		const a = make({ type: 'work', endOn: d('2026-01-31') });
		const b = make({ type: 'work', startOn: d('2026-03-15') });
		const t = analyseTimeline([a, b], [], d('2026-04-30'));
		const gaps = t.flags.filter((f) => f.kind === 'gap');
		expect(gaps).toEqual([{ kind: 'gap', from: '2026-02-01', to: '2026-03-14', days: 42 }]);
		expect(LONG_GAP_DAYS).toBe(30);
	});

	it('does not flag a short gap', () => {
		const a = make({ type: 'work', endOn: d('2026-01-31') });
		const b = make({ type: 'health', startOn: d('2026-02-20'), endOn: d('2026-02-25') });
		const t = analyseTimeline([a, b], [], d('2026-02-25'));
		expect(t.flags.filter((f) => f.kind === 'gap')).toEqual([]);
	});

	it('flags a long period where only one type ran, but not parallel periods', () => {
		const work = make({ type: 'work', endOn: d('2026-06-30') });
		const health = make({ type: 'health', startOn: d('2026-03-01'), endOn: d('2026-06-30') });
		const t = analyseTimeline([work, health], [], d('2026-06-30'));
		expect(t.flags).toEqual([
			{ kind: 'single-type', type: 'work', from: '2026-01-01', to: '2026-02-28', days: 59 }
		]);
	});

	it('a pause in the only intervention becomes a gap', () => {
		const w = make({
			type: 'education',
			endOn: d('2026-12-31'),
			pauses: [{ from: d('2026-04-01'), to: d('2026-05-31') }]
		});
		const t = analyseTimeline([w], [], d('2026-07-31'));
		expect(t.flags.map((f) => f.kind)).toEqual(['single-type', 'gap', 'single-type']);
		expect(t.flags[1]).toMatchObject({ from: '2026-04-01', to: '2026-05-31', days: 61 });
	});

	it('includes caseworker changes and is empty without records', () => {
		const change = newCaseworkerChange(
			{ changedOn: '2026-02-01', from: 'AB', to: 'CD' },
			{ clientId, now: NOW, newId: ids }
		);
		const t = analyseTimeline([], [change], d('2026-03-01'));
		expect(t.changes).toEqual([{ id: change.id, on: '2026-02-01' }]);
		expect(analyseTimeline([], [], d('2026-03-01')).span).toBeNull();
	});
});
