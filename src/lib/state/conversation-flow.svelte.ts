import {
	answer as answerItem,
	back as goBack,
	checkNote,
	clearAnswer,
	currentItem,
	exitClientMode,
	isClientStep,
	next as goNext,
	progress,
	randomId,
	setDetails,
	setNote,
	systemClock,
	toggleFocus,
	type Answer,
	type Catalogue,
	type Clock,
	type Draft,
	type IndicatorId,
	type IsoDate,
	type LanguageCode,
	type Measurement,
	type Register
} from '$lib/core';
import { classifyStorageError, drafts, measurements, StorageError } from '$lib/storage';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * A conversation on screen: the draft (core reducers) plus autosave. Every change
 * is written to the device at once; writes are queued so they land in order. A
 * failed write keeps the draft in memory and says so, and the next change tries again.
 * A client deleted meanwhile (another tab) is final: the conversation stops at once
 * (`isClientDeleted`), since nothing can be saved for a client that is gone.
 */
export class ConversationFlow {
	draft = $state.raw<Draft>() as Draft;
	readonly catalogue: Catalogue;
	saveState = $state<SaveState>('idle');
	/** i18n key of the last storage problem, if any. */
	errorKey = $state<string | undefined>(undefined);
	saved = $state.raw<Measurement | undefined>(undefined);
	/**
	 * This conversation was saved in another tab or window with other answers, so these
	 * were not saved: they stay on screen until the caseworker saves them as a measurement
	 * of their own (`finishAsNew`) or opens the one already saved.
	 */
	savedElsewhere = $state(false);
	/** i18n key of what is wrong with the note (it stays in the draft to be fixed). */
	noteErrorKey = $state<string | undefined>(undefined);
	/**
	 * The client was deleted (in another tab) during the conversation: no change is taken or
	 * saved any more, and no retry can help. Client mode stays until the caseworker's
	 * passphrase, so the participant sees only a request to hand the tablet back.
	 */
	isClientDeleted = $state(false);
	/** Participant screens: the participant's language with Swedish beside it, or one language only. */
	display = $state<'both' | 'client'>('both');

	/** The item on screen, if any. */
	get item() {
		return currentItem(this.draft, this.catalogue);
	}
	/** e.g. question 3 of 10 */
	get progress() {
		return progress(this.draft, this.catalogue);
	}
	/** True while the client holds the tablet: no navigation, nothing but their own questions. */
	get isClientMode() {
		return isClientStep(this.draft);
	}

	/**
	 * A step out of client mode (back before the first question, on from the hand-back
	 * screen, or "leave client mode") waits here until the caseworker's passphrase is
	 * given: the client cannot leave their own questions.
	 */
	pendingExit = $state.raw<Draft | undefined>(undefined);

	#queue: Promise<void> = Promise.resolve();
	#now: Clock;

	constructor(draft: Draft, catalogue: Catalogue, now: Clock = systemClock) {
		this.draft = draft;
		this.catalogue = catalogue;
		this.#now = now;
	}

	#apply(next: Draft) {
		if (next === this.draft || this.isClientDeleted) return;
		if (this.isClientMode && !isClientStep(next)) {
			this.pendingExit = next;
			return;
		}
		this.draft = next;
		this.#persist(next);
	}

	#persist(snapshot: Draft) {
		if (this.isClientDeleted) return;
		this.saveState = 'saving';
		this.#queue = this.#queue.then(async () => {
			if (this.isClientDeleted) return;
			try {
				await drafts.save(snapshot);
				if (this.draft === snapshot) this.saveState = 'saved';
				this.errorKey = undefined;
			} catch (error) {
				this.#failed(classifyStorageError(error));
			}
		});
	}

	#failed(error: StorageError) {
		this.saveState = 'failed';
		this.errorKey = error.messageKey;
		if (error.fault === 'client-deleted') this.isClientDeleted = true;
	}

	/** The client asks to stop: hand the tablet to the caseworker (needs the passphrase). */
	requestExit() {
		this.pendingExit = exitClientMode(this.draft, this.catalogue, this.#now());
	}

	/** After the passphrase was checked: the step out of client mode happens. */
	confirmExit() {
		const next = this.pendingExit;
		this.pendingExit = undefined;
		if (!next) return;
		this.draft = next;
		this.#persist(next);
	}

	cancelExit() {
		this.pendingExit = undefined;
	}

	/** Resolves once every queued autosave has finished. */
	settled(): Promise<void> {
		return this.#queue;
	}

	answer(itemId: string, value: Answer) {
		this.#apply(answerItem(this.draft, this.catalogue, itemId, value, this.#now()));
	}

	clear(itemId: string) {
		this.#apply(clearAnswer(this.draft, this.catalogue, itemId, this.#now()));
	}

	next() {
		this.#apply(goNext(this.draft, this.catalogue, this.#now()));
	}

	back() {
		this.#apply(goBack(this.draft, this.catalogue, this.#now()));
	}

	setDetails(patch: { takenOn?: IsoDate; language?: LanguageCode; register?: Register }) {
		this.#apply(setDetails(this.draft, patch, this.#now()));
	}

	toggleFocus(indicatorId: IndicatorId) {
		this.#apply(toggleFocus(this.draft, indicatorId, this.#now()));
	}

	setNote(note: string) {
		// The note's message stays until the next save: vanishing as the note loses focus,
		// it would move the save button from under the pointer.
		this.#apply(setNote(this.draft, note, this.#now()));
	}

	/**
	 * Saves the measurement (one transaction); the draft is done with from then on. A note
	 * the core refuses (`checkNote`) is not saved: `noteErrorKey` says why, the draft is kept.
	 * If another tab or window saved this conversation with other answers, nothing is saved
	 * and `savedElsewhere` is set; the answers stay here.
	 */
	finish(): Promise<Measurement | undefined> {
		return this.#finish(false);
	}

	/** After `savedElsewhere`: saves these answers as a measurement of their own (a new id). */
	finishAsNew(): Promise<Measurement | undefined> {
		return this.#finish(true);
	}

	async #finish(asNew: boolean): Promise<Measurement | undefined> {
		await this.settled();
		if (this.isClientDeleted) return undefined;
		const noteProblem = checkNote(this.draft.note);
		this.noteErrorKey = noteProblem ? `conversation:focus.errors.${noteProblem}` : undefined;
		if (noteProblem) return undefined;
		this.saveState = 'saving';
		try {
			this.saved = await measurements.saveFromDraft(this.draft, {
				now: this.#now,
				asNew: asNew ? randomId : undefined
			});
			this.saveState = 'saved';
			this.errorKey = undefined;
			this.savedElsewhere = false;
			return this.saved;
		} catch (error) {
			const fault = classifyStorageError(error);
			if (fault.fault === 'conflict') {
				// Said once, where the choice is made (the result step), not also in the status line.
				this.saveState = 'idle';
				this.errorKey = undefined;
				this.savedElsewhere = true;
				return undefined;
			}
			// saveFromDraft's one 'not-found' is the client gone (deleted since the last
			// autosave): as final as a refused autosave.
			this.#failed(
				fault.fault === 'not-found' ? new StorageError('client-deleted', { cause: error }) : fault
			);
			return undefined;
		}
	}
}
