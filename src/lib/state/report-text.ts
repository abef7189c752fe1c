import type { LanguageCode, TextRenderer } from '$lib/core';
import { formatNumber, translate } from '$lib/i18n/i18n';

/**
 * Renders core text lines in one language, independent of the interface language.
 * Reports, case-record text and the research dictionary are always Swedish ('sv');
 * the client's copy uses the client's language and register.
 */
export function rendererFor(lng: LanguageCode, o: { easy?: boolean } = {}): TextRenderer {
	return {
		t: (key, values) => translate(key, { ...values, lng, ...(o.easy ? { context: 'easy' } : {}) }),
		list: (items) => new Intl.ListFormat(lng, { type: 'conjunction' }).format(items),
		number: (n) => formatNumber(n, lng)
	};
}

export const swedish = rendererFor('sv');
