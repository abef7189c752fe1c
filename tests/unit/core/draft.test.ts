import { describe, expect, it } from 'vitest';
import {
	answer,
	AnswerOutOfRangeError,
	back,
	checkDraft,
	clearAnswer,
	CURRENT_CATALOGUE,
	currentItem,
	draftSchema,
	itemsFor,
	MAX_FOCUS_INDICATORS,
	MAX_NOTE_LENGTH,
	measurementSchema,
	next,
	progress,
	PUBLISHED_CATALOGUES,
	setDetails,
	setNote,
	startDraft,
	toggleFocus,
	toMeasurement,
	type Draft
} from '$lib/core';
import { FRAMSTEG_V1 } from '$lib/core/catalogue/framsteg-v1';
import {
	answersFor,
	idSource,
	makeCatalogue,
	makeClient,
	makeDraft,
	makeProfile,
	NOW,
	TODAY
} from '../../fixtures/factories';

const cat = CURRENT_CATALOGUE;
const LATER = new Date(NOW.getTime() + 60_000);

/** Freezes a draft and everything in it, so any mutation by a reducer throws. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const v of Object.values(value)) deepFreeze(v);
		Object.freeze(value);
	}
	return value;
}

const position = (d: Draft) =>
	d.step === 'client'
		? `client ${d.clientIndex}`
		: d.step === 'caseworker'
			? `caseworker ${d.caseworkerIndex}`
			: d.step;

const EXPECTED_PATH = [
	'intro',
	...Array.from({ length: 10 }, (_, i) => `client ${i}`),
	'handback',
	...Array.from({ length: 11 }, (_, i) => `caseworker ${i}`),
	'result'
];

describe('startDraft', () => {
	it('starts at the intro with no answers, stamped with the catalogue and the clock', () => {
		const client = makeClient();
		const profile = makeProfile();
		const d = startDraft({
			clientId: client.id,
			caseworkerId: profile.id,
			catalogue: cat,
			takenOn: TODAY,
			language: 'ar',
			register: 'easy',
			isFollowUp: true,
			now: NOW,
			newId: idSource(42)
		});
		expect(draftSchema.safeParse(d).success).toBe(true);
		expect(d).toMatchObject({
			id: idSource(42)(),
			clientId: client.id,
			caseworkerId: profile.id,
			catalogueId: 'framsteg',
			catalogueVersion: 1,
			step: 'intro',
			clientIndex: 0,
			caseworkerIndex: 0,
			clientAnswers: {},
			caseworkerAnswers: {},
			focusIndicators: [],
			note: '',
			language: 'ar',
			register: 'easy',
			isFollowUp: true,
			createdAt: NOW.toISOString(),
			updatedAt: NOW.toISOString()
		});
	});
});

describe('next and back', () => {
	it('walks intro → client 0..9 → handback → caseworker 0..10 → result', () => {
		let d = makeDraft();
		const path = [position(d)];
		while (d.step !== 'result') {
			d = next(d, cat, LATER);
			path.push(position(d));
			if (path.length > 50) throw new Error('next never reached the result');
		}
		expect(path).toEqual(EXPECTED_PATH);
		expect(d.updatedAt).toBe(LATER.toISOString());
	});

	it('walks back from the result to the intro along the same path', () => {
		let d = makeDraft({ step: 'result', clientIndex: 9, caseworkerIndex: 10 });
		const path = [position(d)];
		while (d.step !== 'intro') {
			d = back(d, cat, LATER);
			path.push(position(d));
			if (path.length > 50) throw new Error('back never reached the intro');
		}
		expect(path).toEqual([...EXPECTED_PATH].reverse());
	});

	it('goes back from the hand-back to the last client item even from another index', () => {
		const d = back(makeDraft({ step: 'handback', clientIndex: 0 }), cat, LATER);
		expect(position(d)).toBe('client 9');
	});

	it('stays put at either end', () => {
		const intro = makeDraft();
		const result = makeDraft({ step: 'result' });
		expect(back(intro, cat, LATER)).toBe(intro);
		expect(next(result, cat, LATER)).toBe(result);
	});

	it('shows the right item and progress on each step', () => {
		const onClient = makeDraft({ step: 'client', clientIndex: 2 });
		expect(currentItem(onClient, cat)?.id).toBe(itemsFor(cat, 'client')[2].id);
		expect(progress(onClient, cat)).toEqual({ respondent: 'client', position: 3, total: 10 });
		const onCaseworker = makeDraft({ step: 'caseworker', caseworkerIndex: 10 });
		expect(currentItem(onCaseworker, cat)?.id).toBe('caseworker.caseworker-belief');
		expect(progress(onCaseworker, cat)).toEqual({
			respondent: 'caseworker',
			position: 11,
			total: 11
		});
		expect(currentItem(makeDraft({ step: 'handback' }), cat)).toBeUndefined();
		expect(progress(makeDraft(), cat)).toBeNull();
	});
});

describe('answer', () => {
	it('records a client answer in clientAnswers and a caseworker answer in caseworkerAnswers', () => {
		let d = answer(makeDraft(), cat, 'client.job-search', 4, LATER);
		d = answer(d, cat, 'caseworker.job-search', 6, LATER);
		d = answer(d, cat, 'caseworker.caseworker-belief', 5, LATER);
		expect(d.clientAnswers).toEqual({ 'client.job-search': 4 });
		expect(d.caseworkerAnswers).toEqual({
			'caseworker.job-search': 6,
			'caseworker.caseworker-belief': 5
		});
		expect(d.updatedAt).toBe(LATER.toISOString());
	});

	it.each([
		['client.job-search', 0],
		['client.job-search', 7],
		['caseworker.job-search', 0],
		['caseworker.caseworker-belief', 6],
		['client.job-search', 2.5]
	])('refuses %s = %s with AnswerOutOfRangeError', (itemId, value) => {
		const d = makeDraft();
		const error = (() => {
			try {
				answer(d, cat, itemId, value, LATER);
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(AnswerOutOfRangeError);
		expect((error as AnswerOutOfRangeError).itemId).toBe(itemId);
	});

	it('refuses an unknown item', () => {
		expect(() => answer(makeDraft(), cat, 'client.housing', 3, LATER)).toThrow(
			AnswerOutOfRangeError
		);
	});

	it("accepts 'dont-understand' and 'declined'", () => {
		let d = answer(makeDraft(), cat, 'client.job-search', 'dont-understand', LATER);
		d = answer(d, cat, 'client.contact', 'declined', LATER);
		expect(d.clientAnswers).toEqual({
			'client.job-search': 'dont-understand',
			'client.contact': 'declined'
		});
	});

	it('replaces an earlier answer to the same item', () => {
		let d = answer(makeDraft(), cat, 'client.job-search', 2, NOW);
		d = answer(d, cat, 'client.job-search', 5, LATER);
		expect(d.clientAnswers).toEqual({ 'client.job-search': 5 });
	});
});

describe('clearAnswer', () => {
	it('makes an item unanswered again and leaves the others', () => {
		const d = makeDraft({ clientAnswers: answersFor('client', [1, 2, 3]) });
		const cleared = clearAnswer(d, cat, 'client.labour-market-knowledge', LATER);
		expect(cleared.clientAnswers).toEqual({ 'client.job-search': 1, 'client.health-coping': 3 });
		expect(cleared.updatedAt).toBe(LATER.toISOString());
	});

	it('ignores an unknown item', () => {
		const d = makeDraft();
		expect(clearAnswer(d, cat, 'client.nope', LATER)).toBe(d);
	});
});

describe('toggleFocus', () => {
	it('adds and removes focus indicators', () => {
		let d = toggleFocus(makeDraft(), 'contact', LATER);
		expect(d.focusIndicators).toEqual(['contact']);
		d = toggleFocus(d, 'contact', LATER);
		expect(d.focusIndicators).toEqual([]);
	});

	it(`keeps at most ${MAX_FOCUS_INDICATORS}, but still allows removing one`, () => {
		let d = makeDraft();
		for (const id of ['contact', 'job-search', 'concentration', 'cooperation'] as const)
			d = toggleFocus(d, id, LATER);
		expect(d.focusIndicators).toEqual(['contact', 'job-search', 'concentration']);
		d = toggleFocus(d, 'job-search', LATER);
		expect(d.focusIndicators).toEqual(['contact', 'concentration']);
	});
});

describe('setNote and setDetails', () => {
	it('truncates the note at MAX_NOTE_LENGTH', () => {
		const d = setNote(makeDraft(), 'x'.repeat(MAX_NOTE_LENGTH + 10), LATER);
		expect(d.note).toHaveLength(MAX_NOTE_LENGTH);
		expect(setNote(makeDraft(), 'kort', LATER).note).toBe('kort');
	});

	it('changes date, language and register', () => {
		const d = setDetails(
			makeDraft(),
			{ takenOn: '2026-11-20', language: 'so', register: 'easy' },
			LATER
		);
		expect(d).toMatchObject({ takenOn: '2026-11-20', language: 'so', register: 'easy' });
	});
});

describe('reducers are pure', () => {
	it('never mutate the draft they are given', () => {
		const input = deepFreeze(
			makeDraft({
				step: 'client',
				clientIndex: 3,
				clientAnswers: answersFor('client', [1, 2, 3]),
				caseworkerAnswers: answersFor('caseworker', [4]),
				focusIndicators: ['contact']
			})
		);
		const snapshot = structuredClone(input);
		const results = [
			next(input, cat, LATER),
			back(input, cat, LATER),
			answer(input, cat, 'client.contact', 4, LATER),
			answer(input, cat, 'caseworker.contact', 4, LATER),
			clearAnswer(input, cat, 'client.job-search', LATER),
			clearAnswer(input, cat, 'caseworker.job-search', LATER),
			toggleFocus(input, 'contact', LATER),
			toggleFocus(input, 'job-search', LATER),
			setNote(input, 'ny', LATER),
			setDetails(input, { register: 'easy' }, LATER)
		];
		expect(input).toEqual(snapshot);
		for (const r of results) {
			expect(r).not.toBe(input);
			expect(r.updatedAt).toBe(LATER.toISOString());
		}
	});
});

describe('toMeasurement', () => {
	it('produces a valid measurement with the raw answers of the draft', () => {
		const d = makeDraft({
			step: 'result',
			clientAnswers: answersFor('client', [1, 2, 3, 4, 5, 6, 'declined', 'dont-understand']),
			caseworkerAnswers: answersFor('caseworker', [6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 3]),
			focusIndicators: ['contact', 'job-search'],
			note: 'Bra samtal'
		});
		const m = toMeasurement(d, { id: idSource(99)(), now: LATER });
		expect(measurementSchema.safeParse(m).success).toBe(true);
		expect(m).toMatchObject({
			id: idSource(99)(),
			clientId: d.clientId,
			caseworkerId: d.caseworkerId,
			takenOn: d.takenOn,
			catalogueId: 'framsteg',
			catalogueVersion: 1,
			clientAnswers: d.clientAnswers,
			caseworkerAnswers: d.caseworkerAnswers,
			focusIndicators: ['contact', 'job-search'],
			note: 'Bra samtal',
			isDemo: false,
			createdAt: LATER.toISOString(),
			updatedAt: LATER.toISOString()
		});
		expect(m).not.toHaveProperty('step');
		expect(toMeasurement(d, { id: idSource(99)(), now: LATER, isDemo: true }).isDemo).toBe(true);
	});

	it('refuses an id that is not id-shaped', () => {
		expect(() => toMeasurement(makeDraft(), { id: 'x', now: LATER })).toThrow();
	});
});

describe('checkDraft', () => {
	it("is 'ok' for a draft on the current catalogue", () => {
		const d = makeDraft({ clientAnswers: answersFor('client', [2, 3]) });
		const check = checkDraft(d, PUBLISHED_CATALOGUES);
		expect(check).toEqual({ status: 'ok', catalogue: FRAMSTEG_V1, draft: d, dropped: [] });
	});

	it.each([
		['null', null],
		['a string', 'draft'],
		['an empty object', {}],
		['an unknown step', { ...makeDraft(), step: 'done' }],
		['an extra field', { ...makeDraft(), name: 'Kalle' }]
	])("is 'invalid' for %s", (_, raw) => {
		expect(checkDraft(raw, PUBLISHED_CATALOGUES)).toEqual({ status: 'invalid' });
	});

	it("is 'unknown-version' for a catalogue version this app does not know", () => {
		expect(checkDraft(makeDraft({ catalogueVersion: 99 }), PUBLISHED_CATALOGUES)).toEqual({
			status: 'unknown-version'
		});
	});

	it("is 'older-version' when the registry has a newer version", () => {
		const registry = [FRAMSTEG_V1, makeCatalogue({ version: 2 })];
		const check = checkDraft(makeDraft(), registry);
		expect(check.status).toBe('older-version');
		if (check.status !== 'older-version') return;
		expect(check.catalogue).toBe(FRAMSTEG_V1);
	});

	it("is 'ok' for a draft on the newest version of an injected registry", () => {
		const v2 = makeCatalogue({ version: 2 });
		const check = checkDraft(makeDraft({ catalogue: v2 }), [FRAMSTEG_V1, v2]);
		expect(check.status).toBe('ok');
	});

	it('drops stored answers that do not fit the catalogue, and reports them', () => {
		const d = makeDraft({
			step: 'caseworker',
			clientIndex: 40,
			caseworkerIndex: 50,
			clientAnswers: {
				'client.job-search': 7,
				'client.contact': 3,
				'client.housing': 2,
				'caseworker.contact': 4
			},
			caseworkerAnswers: { 'caseworker.caseworker-belief': 6, 'caseworker.contact': 'declined' }
		});
		const check = checkDraft(d, PUBLISHED_CATALOGUES);
		expect(check.status).toBe('ok');
		if (check.status !== 'ok') return;
		expect(check.draft.clientAnswers).toEqual({ 'client.contact': 3 });
		expect(check.draft.caseworkerAnswers).toEqual({ 'caseworker.contact': 'declined' });
		expect(check.dropped).toEqual([
			{ itemId: 'client.job-search', problem: 'out-of-range' },
			{ itemId: 'client.housing', problem: 'unknown-item' },
			{ itemId: 'caseworker.contact', problem: 'wrong-respondent' },
			{ itemId: 'caseworker.caseworker-belief', problem: 'out-of-range' }
		]);
		// Indexes past the end are pulled back onto the last item.
		expect(check.draft.clientIndex).toBe(9);
		expect(check.draft.caseworkerIndex).toBe(10);
	});
});
