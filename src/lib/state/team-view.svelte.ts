import {
	computeTeamStatistics,
	localIsoDate,
	mergeTeamFiles,
	parseTeamFile,
	systemClock,
	TEAM_FILE_MAX_BYTES,
	TEAM_MAX_FILES,
	type StatClient,
	type TeamFile,
	type TeamFileError
} from '$lib/core';
import { classifyStorageError, statistics } from '$lib/storage';

export type TeamSource = 'device' | 'team';

/**
 * The team statistics view. Imported team files are held in memory only: they
 * never enter this device's register or database, and vanish when the page closes.
 */
export class TeamView {
	source = $state<TeamSource>('device');
	device = $state.raw<StatClient[]>([]);
	deviceLoaded = $state(false);
	files = $state.raw<TeamFile[]>([]);
	importErrors = $state.raw<{ name: string; error: TeamFileError | 'read-failed' }[]>([]);
	errorKey = $state<string>();

	merged = $derived(mergeTeamFiles(this.files));
	records = $derived(this.source === 'device' ? this.device : this.merged.clients);
	stats = $derived(computeTeamStatistics(this.records));

	async loadDevice(): Promise<void> {
		try {
			this.device = await statistics.deviceRecords();
			this.deviceLoaded = true;
		} catch (error) {
			this.errorKey = classifyStorageError(error).messageKey;
		}
	}

	/** Reads the chosen files; each is checked on its own, and a bad file never blocks the good ones. */
	async importFiles(list: readonly File[], today = localIsoDate(systemClock())): Promise<void> {
		const errors: { name: string; error: TeamFileError | 'read-failed' }[] = [];
		const accepted: TeamFile[] = [];
		for (const file of list.slice(0, TEAM_MAX_FILES)) {
			// Size is checked before reading.
			if (file.size > TEAM_FILE_MAX_BYTES) {
				errors.push({ name: file.name, error: 'too-large' });
				continue;
			}
			let text: string;
			try {
				text = await file.text();
			} catch {
				errors.push({ name: file.name, error: 'read-failed' });
				continue;
			}
			const parsed = parseTeamFile(text, today);
			if (parsed.ok) accepted.push(parsed.file);
			else errors.push({ name: file.name, error: parsed.error });
		}
		this.files = [...this.files, ...accepted];
		this.importErrors = errors;
		this.source = 'team';
	}

	clearFiles(): void {
		this.files = [];
		this.importErrors = [];
	}

	/** The anonymised file of this device, as JSON text. */
	async exportText(): Promise<string> {
		return JSON.stringify(await statistics.exportTeamFile(), null, 1);
	}
}
