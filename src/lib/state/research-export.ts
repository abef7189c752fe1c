import { buildCsv, researchExport } from '$lib/core';
import { exchange } from '$lib/storage';
import { swedish } from './report-text';

/** The research CSV and its data dictionary (Swedish), both UTF-8 with BOM and `;`. */
export async function researchFiles(): Promise<{ data: Blob; dictionary: Blob; rowCount: number }> {
	const { clients, measurements } = await exchange.researchData();
	const { csv, dictionary, rowCount } = researchExport(clients, measurements);
	const t = (key: string, values: Record<string, string> = {}) => swedish.t(key, values);
	const dictionaryCsv = buildCsv([
		[
			t('exchange:dictionary.header.column'),
			t('exchange:dictionary.header.description'),
			t('exchange:dictionary.header.values')
		],
		...dictionary.map((e) => [
			e.column,
			t(e.descriptionKey, e.indicatorKey ? { indicator: t(e.indicatorKey) } : {}),
			t(e.valuesKey)
		])
	]);
	const type = 'text/csv;charset=utf-8';
	return {
		data: new Blob([csv], { type }),
		dictionary: new Blob([dictionaryCsv], { type }),
		rowCount
	};
}
