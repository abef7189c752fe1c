import type { LanguageCode } from '$lib/core';

/** Namespaces; each is a file `locales/<lang>/<ns>.json`. */
export const NAMESPACES = [
	'common',
	'catalogue',
	'conversation',
	'exchange',
	'plan',
	'privacy'
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/**
 * What the first screen needs: the lock screen, set-up, the error page, the header and the
 * footer. Every page load starts here (the app is locked until the passphrase is given).
 */
export const FIRST_SCREEN_NAMESPACES: readonly Namespace[] = ['common'];

/** The register (`/`, the screen after unlocking): plan reviews in its rows, the durability alert. */
export const REGISTER_NAMESPACES: readonly Namespace[] = ['common', 'plan', 'privacy'];

export function isNamespace(value: string): value is Namespace {
	return (NAMESPACES as readonly string[]).includes(value);
}

/**
 * Where locale files live: one lazy chunk per language and namespace, precached by the
 * service worker. The source language's `common` is not among them: the first screen
 * needs it before anything else, so it ships with the i18n module (`i18n.ts`).
 */
const LOADERS = import.meta.glob<{ default: Record<string, unknown> }>([
	'/locales/*/*.json',
	'!/locales/sv/common.json'
]);

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

/**
 * Intl settings per language: the region tag (Dari resolves to fa-AF, never plain fa),
 * an explicit numbering system, and the Gregorian calendar (Persian would otherwise
 * default to the Solar Hijri calendar).
 */
export const INTL_SETTINGS: Record<LanguageCode, { tag: string; numberingSystem: string }> = {
	sv: { tag: 'sv-SE', numberingSystem: 'latn' },
	en: { tag: 'en-GB', numberingSystem: 'latn' },
	ar: { tag: 'ar', numberingSystem: 'latn' },
	fa: { tag: 'fa-IR', numberingSystem: 'arabext' },
	prs: { tag: 'fa-AF', numberingSystem: 'arabext' },
	so: { tag: 'so-SO', numberingSystem: 'latn' },
	ti: { tag: 'ti-ER', numberingSystem: 'latn' },
	uk: { tag: 'uk-UA', numberingSystem: 'latn' }
};

/** The Intl locale for dates and numbers, e.g. `fa-IR-u-ca-gregory-nu-arabext`. */
export function intlLocale(language: LanguageCode, calendar = 'gregory'): string {
	const { tag, numberingSystem } = INTL_SETTINGS[language];
	return `${tag}-u-ca-${calendar}-nu-${numberingSystem}`;
}
