import i18next, { type TOptions } from 'i18next';
import { directionOf, type LanguageCode } from '$lib/core';
import { AVAILABLE_LANGUAGES, intlLocale, loaderFor, NAMESPACES, SOURCE_LANGUAGE } from './config';

const UI_LANGUAGE_KEY = 'framsteg.uiLanguage';

/** The caseworker's interface language, remembered on this device (not personal data). */
export function storedUiLanguage(): LanguageCode {
	try {
		const stored = globalThis.localStorage?.getItem(UI_LANGUAGE_KEY);
		if (stored && (AVAILABLE_LANGUAGES as string[]).includes(stored)) return stored as LanguageCode;
	} catch {
		// Storage can be blocked (private mode, policy): fall back to the source language.
	}
	return SOURCE_LANGUAGE;
}

/** Loads every namespace of a language into i18next (lazy chunks). */
export async function loadLanguage(language: LanguageCode): Promise<void> {
	await Promise.all(
		NAMESPACES.map(async (ns) => {
			if (i18next.hasResourceBundle(language, ns)) return;
			const loader = loaderFor(language, ns);
			if (!loader) return;
			const mod = await loader();
			i18next.addResourceBundle(language, ns, mod.default, true, true);
		})
	);
}

/** Starts i18next with the interface language and the Swedish fallback. */
export async function initI18n(language: LanguageCode = storedUiLanguage()): Promise<void> {
	if (!i18next.isInitialized) {
		await i18next.init({
			lng: language,
			fallbackLng: SOURCE_LANGUAGE,
			supportedLngs: [...AVAILABLE_LANGUAGES],
			load: 'currentOnly',
			ns: [...NAMESPACES],
			defaultNS: 'common',
			resources: {},
			returnEmptyString: false,
			returnNull: false,
			// Svelte escapes text it renders; we never pass translations to innerHTML.
			interpolation: { escapeValue: false }
		});
	}
	await Promise.all([loadLanguage(SOURCE_LANGUAGE), loadLanguage(language)]);
	await i18next.changeLanguage(language);
	applyDocumentLanguage(language);
}

export async function setUiLanguage(language: LanguageCode): Promise<void> {
	await loadLanguage(language);
	try {
		globalThis.localStorage?.setItem(UI_LANGUAGE_KEY, language);
	} catch {
		// Not remembered, but the switch still works for this session.
	}
	await i18next.changeLanguage(language);
	applyDocumentLanguage(language);
}

function applyDocumentLanguage(language: LanguageCode) {
	if (typeof document === 'undefined') return;
	document.documentElement.lang = language;
	document.documentElement.dir = directionOf(language);
}

export function translate(key: string, options?: TOptions & { lng?: string }): string {
	return i18next.t(key, options as TOptions) as unknown as string;
}

export function currentLanguage(): LanguageCode {
	return (i18next.resolvedLanguage ?? i18next.language ?? SOURCE_LANGUAGE) as LanguageCode;
}

/** Whether a language has its own text for a key (not the Swedish fallback). */
export function hasOwnText(key: string, language: LanguageCode): boolean {
	return i18next.exists(key, { lng: language, fallbackLng: false } as TOptions);
}

export function formatDate(date: string, language: LanguageCode = currentLanguage()): string {
	const d = new Date(`${date}T12:00:00Z`);
	const locale = intlLocale(language);
	// Some browsers ship no date data for a language (Chromium: Tigrinya, Somali) and would
	// print "2027 M02 27" or fall back to English: show the unambiguous ISO date instead.
	if (!hasDateData(locale)) return date;
	return dateFormatOf(locale).format(d);
}

// Making a formatter costs far more than using one (a register page formats 150 dates).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormatOf(locale: string): Intl.DateTimeFormat {
	let format = dateFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
		dateFormats.set(locale, format);
	}
	return format;
}

const dateDataCache = new Map<string, boolean>();
function hasDateData(locale: string): boolean {
	let known = dateDataCache.get(locale);
	if (known === undefined) {
		const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
		const sample = format.format(new Date('2025-02-14T12:00:00Z'));
		// Falling back to another language, or to the root pattern "2025 M02 14", means no data.
		known =
			format.resolvedOptions().locale.split('-')[0] === locale.split('-')[0] &&
			!/\bM\d\d\b/.test(sample);
		dateDataCache.set(locale, known);
	}
	return known;
}

export function formatNumber(n: number, language: LanguageCode = currentLanguage()): string {
	return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1 }).format(n);
}

export { i18next };
