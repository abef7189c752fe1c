import {
	countStatuses,
	effectiveStatus,
	hasUnreviewed,
	translationMetaSchema,
	type EffectiveStatus,
	type LanguageCode,
	type TranslationMeta
} from '$lib/core';
import { i18next, loadLanguage } from './i18n';
import { NAMESPACES, SOURCE_LANGUAGE, type Namespace } from './config';

/** Status sidecars live outside the locale glob (`locales/<lang>/meta/<ns>.json`) and load only when needed. */
const META = import.meta.glob<{ default: unknown }>('/locales/*/meta/*.json');

export async function loadMeta(
	language: LanguageCode
): Promise<Partial<Record<Namespace, TranslationMeta>>> {
	const out: Partial<Record<Namespace, TranslationMeta>> = {};
	await Promise.all(
		NAMESPACES.map(async (ns) => {
			const loader = META[`/locales/${language}/meta/${ns}.json`];
			if (loader) out[ns] = translationMetaSchema.parse((await loader()).default);
		})
	);
	return out;
}

function flatten(
	value: unknown,
	prefix = '',
	out: Record<string, string> = {}
): Record<string, string> {
	if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	else out[prefix] = String(value);
	return out;
}

const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

/** The Swedish text a string of `language` is made from (easy Swedish for languages without their own easy register). */
function sourceText(sv: Record<string, string>, key: string, language: LanguageCode): string {
	const b = base(key);
	if (language !== 'en' && sv[`${b}_easy`] !== undefined) return sv[`${b}_easy`];
	return sv[key] ?? sv[b] ?? sv[`${b}_other`] ?? sv[`${b}_one`] ?? '';
}

export type TranslationRow = {
	ns: Namespace;
	key: string;
	source: string;
	translation: string;
} & EffectiveStatus;

/** Every string of a language with its Swedish source and its status now. */
export async function translationRows(
	language: LanguageCode,
	namespaces: readonly Namespace[] = NAMESPACES
): Promise<TranslationRow[]> {
	await Promise.all([loadLanguage(language), loadLanguage(SOURCE_LANGUAGE)]);
	const meta = await loadMeta(language);
	const rows: TranslationRow[] = [];
	for (const ns of namespaces) {
		const sv = flatten(i18next.getResourceBundle(SOURCE_LANGUAGE, ns));
		const texts = flatten(i18next.getResourceBundle(language, ns));
		for (const [key, translation] of Object.entries(texts)) {
			const source = sourceText(sv, key, language);
			rows.push({ ns, key, source, translation, ...effectiveStatus(meta[ns]?.[key], source) });
		}
	}
	return rows;
}

/** Whether the participant's screens in this language show anything below "reviewed". */
export async function clientTextsUnreviewed(language: LanguageCode): Promise<boolean> {
	if (language === SOURCE_LANGUAGE) return false;
	const rows = await translationRows(language, ['catalogue', 'conversation']);
	return hasUnreviewed(rows);
}

export { countStatuses };
