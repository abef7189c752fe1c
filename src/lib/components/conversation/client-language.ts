import { directionOf, type LanguageCode } from '$lib/core';
import type { ReadAloudSource } from '$lib/state/read-aloud';

/** What the participant screens need to know about the participant's language. */
export type ClientLanguage = {
	language: LanguageCode;
	dir: 'ltr' | 'rtl';
	/** Swedish is shown beside the participant's language (bilingual screen). */
	showSwedish: boolean;
	easy: boolean;
	/**
	 * The Swedish shown beside the participant's language is the register the
	 * translation came from: easy Swedish for languages translated from it.
	 */
	swedishEasy: boolean;
	/** Some participant texts in this language are machine drafts. */
	unreviewed: boolean;
	readAloud: ReadAloudSource | undefined;
};

export function clientLanguage(
	language: LanguageCode,
	o: {
		display: 'both' | 'client';
		easy: boolean;
		unreviewed: boolean;
		readAloud: ReadAloudSource | undefined;
	}
): ClientLanguage {
	return {
		language,
		dir: directionOf(language),
		showSwedish: language !== 'sv' && o.display === 'both',
		easy: o.easy,
		swedishEasy: o.easy || (language !== 'sv' && language !== 'en'),
		unreviewed: o.unreviewed,
		readAloud: o.readAloud
	};
}
