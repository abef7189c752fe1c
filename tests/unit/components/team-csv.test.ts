import { describe, expect, it } from 'vitest';
import { computeTeamStatistics, mergeTeamFiles, parseTeamFile, type TeamFile } from '$lib/core';
import { csvRows } from '$lib/components/team/csv-rows';
import { generateTeamFiles } from '../../fixtures/team-statistics';

const files: TeamFile[] = generateTeamFiles(42).map((f) => {
	const r = parseTeamFile(JSON.stringify(f), '2026-11-27');
	if (!r.ok) throw new Error(r.error);
	return r.file;
});
const stats = computeTeamStatistics(mergeTeamFiles(files).clients);
const t = (key: string) => key;

describe('team statistics CSV', () => {
	it('writes counts in Latin digits in every language, so a spreadsheet reads them as numbers', () => {
		for (const language of ['fa', 'prs', 'ar', 'sv'] as const) {
			const cells = csvRows(stats, t, language)
				.slice(1)
				.flatMap((row) => row.slice(2));
			expect(cells.some((c) => /\d/.test(c))).toBe(true);
			expect(cells.join(' ')).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
		}
	});
});
