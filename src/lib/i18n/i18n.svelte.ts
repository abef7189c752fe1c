import { createSubscriber } from 'svelte/reactivity';
import type { TOptions } from 'i18next';
import type { LanguageCode } from '$lib/core';
import {
	currentLanguage,
	formatDate,
	formatDateTime,
	formatList,
	formatNumber,
	i18next,
	translate
} from './i18n';

/** Re-runs whatever reads it when the language changes or a language file arrives. */
const subscribe = createSubscriber((update) => {
	i18next.on('languageChanged', update);
	i18next.store.on('added', update);
	return () => {
		i18next.off('languageChanged', update);
		i18next.store.off('added', update);
	};
});

/** Translate, reactively. */
export function t(key: string, options?: TOptions & { lng?: string }): string {
	subscribe();
	return translate(key, options);
}

/** The interface language, reactively. */
export function uiLanguage(): LanguageCode {
	subscribe();
	return currentLanguage();
}

export function date(value: string, language?: LanguageCode): string {
	subscribe();
	return formatDate(value, language);
}

export function dateTime(at: string, language?: LanguageCode): string {
	subscribe();
	return formatDateTime(at, language);
}

export function number(value: number, language?: LanguageCode): string {
	subscribe();
	return formatNumber(value, language);
}

export function list(items: readonly string[], language?: LanguageCode): string {
	subscribe();
	return formatList(items, language);
}
