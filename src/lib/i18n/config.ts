import type { LanguageCode } from '$lib/core';

/** Namespaces; each is a file `locales/<lang>/<ns>.json`. */
export const NAMESPACES = ['common', 'catalogue', 'conversation'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Where locale files live: one lazy chunk per language and namespace, precached by the service worker. */
const LOADERS = import.meta.glob<{ default: Record<string, unknown> }>('/locales/*/*.json');

function languagesWithFiles(): LanguageCode[] {
	const set = new Set<string>();
	for (const path of Object.keys(LOADERS)) set.add(path.split('/')[2]);
	return [...set].sort() as LanguageCode[];
}

/** Languages that have locale files in this build. */
export const AVAILABLE_LANGUAGES: readonly LanguageCode[] = languagesWithFiles();

/** The source locale: every other locale follows its keys. */
export const SOURCE_LANGUAGE: LanguageCode = 'sv';

export function loaderFor(language: string, ns: Namespace) {
	return LOADERS[`/locales/${language}/${ns}.json`];
}

/** The Intl tag used for dates and numbers (Gregorian calendar unless the user chooses another). */
export function intlLocale(language: LanguageCode): string {
	const tags: Record<LanguageCode, string> = {
		sv: 'sv-SE',
		en: 'en-GB',
		ar: 'ar',
		fa: 'fa-IR',
		prs: 'fa-AF',
		so: 'so-SO',
		ti: 'ti-ER',
		uk: 'uk-UA'
	};
	return `${tags[language]}-u-ca-gregory`;
}
