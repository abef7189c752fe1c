/**
 * A short confirmation ("The action plan is saved.") that outlives a route change. A
 * save that is followed by a navigation cannot announce itself on the page it leaves,
 * and a status region that arrives with the new page, already holding its text, is not
 * read by many screen readers. The layout therefore keeps one polite status region in
 * the DOM on every page (AppAlerts) and shows this message in it; the message is put
 * in after the navigation, so the region is there first, and it goes at the next one.
 */
class Announcer {
	/** i18n key of the message on show, if any. */
	messageKey = $state<string | undefined>(undefined);

	say(messageKey: string) {
		this.messageKey = messageKey;
	}

	clear() {
		this.messageKey = undefined;
	}
}

export const announcer = new Announcer();
