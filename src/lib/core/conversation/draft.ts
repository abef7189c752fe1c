import { z } from '../zod';
import {
	caseworkerIdSchema,
	clientIdSchema,
	draftIdSchema,
	type IdSource,
	type MeasurementId
} from '../ids';
import { isoDateSchema, timestampSchema, type IsoDate } from '../time';
import {
	catalogueRefSchema,
	indicatorIdSchema,
	type Catalogue,
	type IndicatorId,
	type Respondent
} from '../catalogue/schema';
import {
	findCatalogue,
	itemsFor,
	latestVersion,
	scaleOf,
	type CatalogueRegistry
} from '../catalogue/registry';
import {
	answersSchema,
	keepValidAnswers,
	type Answer,
	type AnswerProblem
} from '../measurement/answers';
import {
	MAX_FOCUS_INDICATORS,
	MAX_NOTE_LENGTH,
	measurementSchema,
	type Measurement
} from '../measurement/measurement';
import { languageCodeSchema, registerSchema, type LanguageCode, type Register } from '../languages';
import type { ClientId, CaseworkerId } from '../ids';

/** The screens of a conversation, in order. */
export const CONVERSATION_STEPS = ['intro', 'client', 'handback', 'caseworker', 'result'] as const;
export const conversationStepSchema = z.enum(CONVERSATION_STEPS);
export type ConversationStep = z.infer<typeof conversationStepSchema>;

/** A conversation in progress, autosaved after every answer. */
export const draftSchema = z
	.object({
		id: draftIdSchema,
		clientId: clientIdSchema,
		caseworkerId: caseworkerIdSchema,
		takenOn: isoDateSchema,
		language: languageCodeSchema,
		register: registerSchema,
		step: conversationStepSchema,
		clientIndex: z.number().int().min(0).max(100),
		caseworkerIndex: z.number().int().min(0).max(100),
		clientAnswers: answersSchema,
		caseworkerAnswers: answersSchema,
		focusIndicators: z.array(indicatorIdSchema).max(MAX_FOCUS_INDICATORS),
		note: z.string().max(MAX_NOTE_LENGTH),
		isFollowUp: z.boolean(),
		createdAt: timestampSchema,
		updatedAt: timestampSchema
	})
	.extend(catalogueRefSchema.shape)
	.strict();
export type Draft = z.infer<typeof draftSchema>;

export type StartOptions = {
	clientId: ClientId;
	caseworkerId: CaseworkerId;
	catalogue: Catalogue;
	takenOn: IsoDate;
	language: LanguageCode;
	register: Register;
	isFollowUp: boolean;
	now: Date;
	newId: IdSource;
};

export function startDraft(o: StartOptions): Draft {
	const at = o.now.toISOString();
	return draftSchema.parse({
		id: o.newId(),
		clientId: o.clientId,
		caseworkerId: o.caseworkerId,
		catalogueId: o.catalogue.id,
		catalogueVersion: o.catalogue.version,
		takenOn: o.takenOn,
		language: o.language,
		register: o.register,
		step: 'intro',
		clientIndex: 0,
		caseworkerIndex: 0,
		clientAnswers: {},
		caseworkerAnswers: {},
		focusIndicators: [],
		note: '',
		isFollowUp: o.isFollowUp,
		createdAt: at,
		updatedAt: at
	});
}

const touch = (d: Draft, now: Date, patch: Partial<Draft>): Draft => ({
	...d,
	...patch,
	updatedAt: now.toISOString()
});

export class AnswerOutOfRangeError extends Error {
	constructor(readonly itemId: string) {
		super(`answer out of range for ${itemId}`);
	}
}

/** Records an answer to an item. Refuses values that are not a step of the item's scale. */
export function answer(
	d: Draft,
	catalogue: Catalogue,
	itemId: string,
	value: Answer,
	now: Date
): Draft {
	const item = catalogue.items.find((i) => i.id === itemId);
	if (!item) throw new AnswerOutOfRangeError(itemId);
	if (typeof value === 'number' && !scaleOf(catalogue, item).steps.some((s) => s.value === value))
		throw new AnswerOutOfRangeError(itemId);
	const key = item.respondent === 'client' ? 'clientAnswers' : 'caseworkerAnswers';
	return touch(d, now, { [key]: { ...d[key], [itemId]: value } });
}

/** Removes an answer (the item becomes unanswered again). */
export function clearAnswer(d: Draft, catalogue: Catalogue, itemId: string, now: Date): Draft {
	const item = catalogue.items.find((i) => i.id === itemId);
	if (!item) return d;
	const key = item.respondent === 'client' ? 'clientAnswers' : 'caseworkerAnswers';
	const rest = { ...d[key] };
	delete rest[itemId];
	return touch(d, now, { [key]: rest });
}

export function setDetails(
	d: Draft,
	patch: { takenOn?: IsoDate; language?: LanguageCode; register?: Register },
	now: Date
): Draft {
	return touch(d, now, patch);
}

/** Moves one screen forward: through the client's items, the hand-back, the caseworker's items, the result. */
export function next(d: Draft, catalogue: Catalogue, now: Date): Draft {
	const clientCount = itemsFor(catalogue, 'client').length;
	const caseworkerCount = itemsFor(catalogue, 'caseworker').length;
	switch (d.step) {
		case 'intro':
			return touch(d, now, { step: 'client', clientIndex: 0 });
		case 'client':
			return d.clientIndex + 1 < clientCount
				? touch(d, now, { clientIndex: d.clientIndex + 1 })
				: touch(d, now, { step: 'handback' });
		case 'handback':
			return touch(d, now, { step: 'caseworker', caseworkerIndex: 0 });
		case 'caseworker':
			return d.caseworkerIndex + 1 < caseworkerCount
				? touch(d, now, { caseworkerIndex: d.caseworkerIndex + 1 })
				: touch(d, now, { step: 'result' });
		case 'result':
			return d;
	}
}

/** Moves one screen back. The client can change answers until they hand back. */
export function back(d: Draft, catalogue: Catalogue, now: Date): Draft {
	switch (d.step) {
		case 'intro':
			return d;
		case 'client':
			return d.clientIndex > 0
				? touch(d, now, { clientIndex: d.clientIndex - 1 })
				: touch(d, now, { step: 'intro' });
		case 'handback':
			return touch(d, now, {
				step: 'client',
				clientIndex: itemsFor(catalogue, 'client').length - 1
			});
		case 'caseworker':
			return d.caseworkerIndex > 0
				? touch(d, now, { caseworkerIndex: d.caseworkerIndex - 1 })
				: touch(d, now, { step: 'handback' });
		case 'result':
			return touch(d, now, {
				step: 'caseworker',
				caseworkerIndex: itemsFor(catalogue, 'caseworker').length - 1
			});
	}
}

/** The client holds the tablet: their questions and the hand-back screen. */
export function isClientStep(d: Draft): boolean {
	return d.step === 'client' || d.step === 'handback';
}

/**
 * Leaving client mode early, for the caseworker: from a question back to the
 * introduction (answers kept), from the hand-back screen on to the caseworker's part.
 */
export function exitClientMode(d: Draft, catalogue: Catalogue, now: Date): Draft {
	if (d.step === 'client') return touch(d, now, { step: 'intro' });
	if (d.step === 'handback') return next(d, catalogue, now);
	return d;
}

export function toggleFocus(d: Draft, indicatorId: IndicatorId, now: Date): Draft {
	const has = d.focusIndicators.includes(indicatorId);
	if (!has && d.focusIndicators.length >= MAX_FOCUS_INDICATORS) return d;
	return touch(d, now, {
		focusIndicators: has
			? d.focusIndicators.filter((i) => i !== indicatorId)
			: [...d.focusIndicators, indicatorId]
	});
}

export function setNote(d: Draft, note: string, now: Date): Draft {
	return touch(d, now, { note: note.slice(0, MAX_NOTE_LENGTH) });
}

/** The item on screen, if the step shows one. */
export function currentItem(d: Draft, catalogue: Catalogue) {
	if (d.step === 'client') return itemsFor(catalogue, 'client')[d.clientIndex];
	if (d.step === 'caseworker') return itemsFor(catalogue, 'caseworker')[d.caseworkerIndex];
	return undefined;
}

/** Progress within the current respondent's items, e.g. 3 of 10. */
export function progress(
	d: Draft,
	catalogue: Catalogue
): { respondent: Respondent; position: number; total: number } | null {
	if (d.step === 'client')
		return {
			respondent: 'client',
			position: d.clientIndex + 1,
			total: itemsFor(catalogue, 'client').length
		};
	if (d.step === 'caseworker')
		return {
			respondent: 'caseworker',
			position: d.caseworkerIndex + 1,
			total: itemsFor(catalogue, 'caseworker').length
		};
	return null;
}

/** Turns a finished draft into a measurement. Raw answers only; scores stay derived. */
export function toMeasurement(
	d: Draft,
	o: { id: MeasurementId | string; now: Date; isDemo?: boolean }
): Measurement {
	const at = o.now.toISOString();
	return measurementSchema.parse({
		id: o.id,
		clientId: d.clientId,
		caseworkerId: d.caseworkerId,
		takenOn: d.takenOn,
		createdAt: at,
		updatedAt: at,
		catalogueId: d.catalogueId,
		catalogueVersion: d.catalogueVersion,
		language: d.language,
		register: d.register,
		clientAnswers: d.clientAnswers,
		caseworkerAnswers: d.caseworkerAnswers,
		focusIndicators: d.focusIndicators,
		note: d.note,
		isDemo: o.isDemo ?? false
	});
}

export type DraftCheck =
	| { status: 'ok'; catalogue: Catalogue; draft: Draft; dropped: AnswerProblem[] }
	/** Started on an older catalogue version: it can be finished on that version, or restarted. */
	| { status: 'older-version'; catalogue: Catalogue; draft: Draft; dropped: AnswerProblem[] }
	/** The draft's catalogue version is not known to this app: it has to be restarted. */
	| { status: 'unknown-version' }
	/** The stored draft is not a valid draft at all. */
	| { status: 'invalid' };

/**
 * Checks a stored draft before resuming it: its catalogue version must be known, and
 * answers that do not fit that version are dropped (and reported), never remapped.
 */
export function checkDraft(raw: unknown, registry: CatalogueRegistry): DraftCheck {
	const parsed = draftSchema.safeParse(raw);
	if (!parsed.success) return { status: 'invalid' };
	const draft = parsed.data;
	const catalogue = findCatalogue(draft, registry);
	if (!catalogue) return { status: 'unknown-version' };
	const client = keepValidAnswers(catalogue, draft.clientAnswers, 'client');
	const caseworker = keepValidAnswers(catalogue, draft.caseworkerAnswers, 'caseworker');
	const clientCount = itemsFor(catalogue, 'client').length;
	const caseworkerCount = itemsFor(catalogue, 'caseworker').length;
	const cleaned: Draft = {
		...draft,
		clientAnswers: client.kept,
		caseworkerAnswers: caseworker.kept,
		clientIndex: Math.min(draft.clientIndex, clientCount - 1),
		caseworkerIndex: Math.min(draft.caseworkerIndex, caseworkerCount - 1)
	};
	const dropped = [...client.dropped, ...caseworker.dropped];
	const latest = latestVersion(catalogue.id, registry);
	const status = latest && latest.version > catalogue.version ? 'older-version' : 'ok';
	return { status, catalogue, draft: cleaned, dropped };
}
