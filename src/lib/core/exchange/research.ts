import type { Client } from '../client/client';
import type { Measurement } from '../measurement/measurement';
import type { Catalogue } from '../catalogue/schema';
import { findCatalogue, PUBLISHED_CATALOGUES, type CatalogueRegistry } from '../catalogue/registry';
import { buildCsv, type CsvValue } from './csv';

/**
 * The research/ESF export: one row per measurement, pseudonymous ids, dates, the
 * raw answer per item, gender, birth-year range and catalogue version. No code,
 * no note, no free text of any kind. Demo records are left out.
 */
export const RESEARCH_BASE_COLUMNS = [
	'participant_id',
	'measurement_id',
	'sequence',
	'taken_on',
	'catalogue_id',
	'catalogue_version',
	'gender',
	'birth_year_range',
	'answer_language',
	'register'
] as const;

/** One row of the data dictionary: a column, and i18n keys (with values) that describe it. */
export type DictionaryEntry = {
	column: string;
	descriptionKey: string;
	/** Values for the description; `indicatorKey` is itself a key to translate. */
	indicatorKey?: string;
	valuesKey: string;
};

function itemColumns(catalogues: Catalogue[]): { column: string; catalogue: Catalogue }[] {
	const seen = new Map<string, Catalogue>();
	for (const c of catalogues)
		for (const item of c.items) if (!seen.has(item.id)) seen.set(item.id, c);
	return [...seen].map(([column, catalogue]) => ({ column, catalogue }));
}

export function researchExport(
	clients: Client[],
	measurements: Measurement[],
	registry: CatalogueRegistry = PUBLISHED_CATALOGUES
): { csv: string; dictionary: DictionaryEntry[]; rowCount: number } {
	const byId = new Map(clients.filter((c) => !c.isDemo).map((c) => [c.id as string, c]));
	const rows = measurements
		.filter((m) => !m.isDemo && byId.has(m.clientId))
		.sort((a, b) =>
			a.clientId === b.clientId
				? a.takenOn.localeCompare(b.takenOn) || a.createdAt.localeCompare(b.createdAt)
				: a.clientId.localeCompare(b.clientId)
		);
	const used = [
		...new Map(
			rows.flatMap((m) => {
				const c = findCatalogue(m, registry);
				return c ? [[`${c.id}@${c.version}`, c] as const] : [];
			})
		).values()
	];
	const items = itemColumns(used.length > 0 ? used : [...registry]);
	const sequence = new Map<string, number>();
	const body = rows.map((m): CsvValue[] => {
		const client = byId.get(m.clientId)!;
		const n = (sequence.get(m.clientId) ?? 0) + 1;
		sequence.set(m.clientId, n);
		const answerOf = (itemId: string) => m.clientAnswers[itemId] ?? m.caseworkerAnswers[itemId];
		return [
			m.clientId,
			m.id,
			n,
			m.takenOn,
			m.catalogueId,
			m.catalogueVersion,
			client.gender,
			client.birthYearRange ?? '',
			m.language,
			m.register,
			...items.map(({ column }) => answerOf(column) ?? '')
		];
	});
	const csv = buildCsv([[...RESEARCH_BASE_COLUMNS, ...items.map((i) => i.column)], ...body]);
	const dictionary: DictionaryEntry[] = [
		...RESEARCH_BASE_COLUMNS.map((column) => ({
			column,
			descriptionKey: `exchange:dictionary.columns.${column}`,
			valuesKey: `exchange:dictionary.values.${column}`
		})),
		...items.map(({ column, catalogue }) => {
			const item = catalogue.items.find((i) => i.id === column)!;
			return {
				column,
				descriptionKey: `exchange:dictionary.item.${item.respondent}`,
				indicatorKey: catalogue.indicators.find((i) => i.id === item.indicatorId)?.labelKey,
				valuesKey:
					item.polarity === 'reversed'
						? 'exchange:dictionary.values.answerReversed'
						: 'exchange:dictionary.values.answer'
			};
		})
	];
	return { csv, dictionary, rowCount: body.length };
}
