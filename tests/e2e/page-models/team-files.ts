import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTeamFiles } from '../../fixtures/team-statistics';

/** Team files (generated, seeded) written into `dir` as a caseworker would pick them; their paths. */
export function writeTeamFiles(dir: string, files: unknown[] = generateTeamFiles(42)): string[] {
	mkdirSync(dir, { recursive: true });
	return files.map((file, n) => {
		const path = join(dir, `framsteg-team-2026-01-15-000${n}.json`);
		writeFileSync(path, JSON.stringify(file));
		return path;
	});
}
