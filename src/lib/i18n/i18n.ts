import i18next, { type FormatterModule, type TOptions } from 'i18next';
import sourceCommon from '$locales/sv/common.json';
import type { LanguageCode } from '$lib/core';
import { directionOf } from '$lib/core/direction';
import {
	AVAILABLE_LANGUAGES,
	FIRST_SCREEN_NAMESPACES,
	INTL_SETTINGS,
	intlLocale,
	isNamespace,
	loaderFor,
	NAMESPACES,
	SOURCE_LANGUAGE,
	type Namespace
} from './config';

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

/**
 * Namespaces the interface uses so far: the first screen's, plus each that a route asked
 * for. A language switch loads all of them in the new language before it switches.
 */
const inUse = new Set<Namespace>(FIRST_SCREEN_NAMESPACES);
const loading = new Map<string, Promise<void>>();

/** Loads one file (`locales/<language>/<ns>.json`, a lazy chunk) into i18next, once. */
function loadBundle(language: LanguageCode, ns: Namespace): Promise<void> {
	if (i18next.hasResourceBundle(language, ns)) return Promise.resolve();
	const id = `${language}/${ns}`;
	let pending = loading.get(id);
	if (!pending) {
		const loader = loaderFor(language, ns);
		pending = loader
			? loader().then((mod) => {
					i18next.addResourceBundle(language, ns, mod.default, true, true);
				})
			: Promise.resolve();
		pending = pending.finally(() => loading.delete(id));
		loading.set(id, pending);
	}
	return pending;
}

/**
 * Loads namespaces of a language into i18next (lazy chunks); all of them by default (a
 * participant's conversation language, the participant's copy, the translation status).
 */
export async function loadLanguage(
	language: LanguageCode,
	namespaces: readonly Namespace[] = NAMESPACES
): Promise<void> {
	await Promise.all(namespaces.map((ns) => loadBundle(language, ns)));
}

/**
 * Loads namespaces in the interface language and the Swedish fallback. The root layout's
 * load awaits it for the route being opened, so a page never renders before its text is
 * there (no flash of raw keys); the namespaces are then kept in use for language switches.
 */
export async function loadNamespaces(namespaces: readonly Namespace[]): Promise<void> {
	for (const ns of namespaces) inUse.add(ns);
	await Promise.all([
		loadLanguage(SOURCE_LANGUAGE, namespaces),
		loadLanguage(currentLanguage(), namespaces)
	]);
}

/**
 * Starts i18next with the interface language and the Swedish fallback, with the
 * namespaces in use (at the start, only the first screen's).
 */
export async function initI18n(language: LanguageCode = storedUiLanguage()): Promise<void> {
	if (!i18next.isInitialized) {
		i18next.use(numbersInText);
		await i18next.init({
			lng: language,
			fallbackLng: SOURCE_LANGUAGE,
			supportedLngs: [...AVAILABLE_LANGUAGES],
			load: 'currentOnly',
			ns: [...NAMESPACES],
			defaultNS: 'common',
			// The first screen's text in the source language (the fallback of every other
			// language) is bundled, so the first screen waits for no locale file of its own.
			resources: { [SOURCE_LANGUAGE]: { common: sourceCommon } },
			returnEmptyString: false,
			returnNull: false,
			// Svelte escapes text it renders; we never pass translations to innerHTML.
			interpolation: { escapeValue: false, alwaysFormat: true }
		});
	}
	await Promise.all([
		loadLanguage(SOURCE_LANGUAGE, [...inUse]),
		loadLanguage(language, [...inUse])
	]);
	await i18next.changeLanguage(language);
	applyDocumentLanguage(language);
}

export async function setUiLanguage(language: LanguageCode): Promise<void> {
	await loadLanguage(language, [...inUse]);
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
	ensureNamespaceOf(key);
	return i18next.t(key, options as TOptions) as unknown as string;
}

/**
 * A safety net: a key of a namespace nobody asked for starts loading it (the text then
 * follows through the reactive `t`). Routes list their namespaces up front, so in practice
 * this never runs; in development it says which route forgot one.
 */
function ensureNamespaceOf(key: string) {
	const colon = key.indexOf(':');
	if (colon < 0 || !i18next.isInitialized) return;
	const ns = key.slice(0, colon);
	if (inUse.has(ns as Namespace) || !isNamespace(ns)) return;
	if (import.meta.env.DEV) console.warn(`i18n: namespace '${ns}' used before it was loaded`);
	void loadNamespaces([ns]);
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

/**
 * A moment (an ISO timestamp) as date and time in the device's time zone, in the
 * language's calendar settings (Gregorian for Persian and Dari, as every date in the
 * app). Without date data for the language: "YYYY-MM-DD HH:MM", unambiguous.
 */
export function formatDateTime(at: string, language: LanguageCode = currentLanguage()): string {
	const d = new Date(at);
	if (Number.isNaN(d.getTime())) return at;
	const locale = intlLocale(language);
	if (!hasDateData(locale)) {
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
	}
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
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
	const locale = intlLocale(language);
	let format = numberFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
		numberFormats.set(locale, format);
	}
	return format.format(n);
}
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Every number put into a text (`{{count}}`, `{{total}}`, `{{days}}`…) is written like
 * `formatNumber` writes it, in the digits of the language the text is in: i18next would
 * otherwise print it as JavaScript does, in Latin digits, inside Persian or Dari text.
 * Strings (codes, names, numbers already formatted) pass unchanged. Plural forms still
 * follow the number itself.
 */
const numbersInText: FormatterModule = {
	type: 'formatter',
	init: () => undefined,
	add: () => undefined,
	addCached: () => undefined,
	format: (value, _format, lng) =>
		typeof value === 'number' && Number.isFinite(value) && lng && lng in INTL_SETTINGS
			? formatNumber(value, lng as LanguageCode)
			: value
};

/** "A, B and C" in the language's own words and punctuation (Arabic "،", Ge'ez "፣"). */
export function formatList(
	items: readonly string[],
	language: LanguageCode = currentLanguage()
): string {
	return listFormatOf(intlLocale(language)).format(items);
}

const listFormats = new Map<string, Intl.ListFormat>();
function listFormatOf(locale: string): Intl.ListFormat {
	let format = listFormats.get(locale);
	if (!format) {
		format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
		listFormats.set(locale, format);
	}
	return format;
}

export { i18next };
