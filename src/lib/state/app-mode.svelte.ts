/**
 * App-wide UI mode. In client mode the header, navigation and anything about other
 * clients is hidden: the client sees only their own questions.
 */
class AppMode {
	/** The conversation on screen, if any; client mode follows its step. */
	conversation = $state<{ isClientMode: boolean; draft: { id: string } } | undefined>(undefined);
	isClientMode = $derived(this.conversation?.isClientMode ?? false);
	/** i18n key of a problem that concerns the whole app (another tab upgraded, storage gone). */
	appErrorKey = $state<string | undefined>(undefined);
	updateReady = $state(false);
	/** The device clock shows a time before the app was last used (set back, or wrong). */
	clockBehind = $state(false);
}

export const appMode = new AppMode();
