import { directionOf, type LanguageCode } from '$lib/core';
import type { ReadAloudSource } from '$lib/state/read-aloud';

/** What the participant screens need to know about the participant's language. */
export type ClientLanguage = {
	language: LanguageCode;
	dir: 'ltr' | 'rtl';
	/** Swedish is shown beside the participant's language (bilingual screen). */
	showSwedish: boolean;
	easy: boolean;
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
		unreviewed: o.unreviewed,
		readAloud: o.readAloud
	};
}
