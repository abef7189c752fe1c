import {
	BACKUP_FILE_MAX_BYTES,
	decodeFile,
	isExchangeError,
	localIsoDate,
	parseBackupFile,
	type BackupFile
} from '$lib/core';
import {
	backup,
	type BackupProgress,
	type RestorePreview,
	type RestoreResult,
	type SealedBackup
} from '$lib/storage';
import {
	problemOf,
	type ImportFlow,
	type ImportProblem,
	type ImportProgress,
	type ImportStep
} from './file-import.svelte';
import { readFileText } from './files';

/** Today's local date (outside the class, so it is not mistaken for reactive state). */
const today = () => localIsoDate(new Date());

/**
 * Restoring a backup as steps: choose a file → (the backup's secret) → preview →
 * confirm. The format is told from the file's first bytes:
 *
 * - a sealed backup (format 3) is streamed and checked from end to end first, with
 *   progress; made with this device's data key it goes straight to the preview,
 *   made with another key it asks for the passphrase or recovery key that was in
 *   use on that device when the backup was made;
 * - an older backup (one JSON document) is read whole, as before, and asks for its
 *   file passphrase when it is encrypted.
 *
 * Nothing is written before `confirm()`; every failure says why and leaves the
 * device as it was.
 */
export class BackupRestore implements ImportFlow<RestorePreview, RestoreResult> {
	step = $state<ImportStep>('choose');
	problem = $state.raw<ImportProblem | undefined>(undefined);
	preview = $state.raw<RestorePreview | undefined>(undefined);
	result = $state.raw<RestoreResult | undefined>(undefined);
	progress = $state.raw<ImportProgress | undefined>(undefined);
	/** Which secret the passphrase step asks for. */
	secret = $state<'file' | 'backup'>('file');
	#sealed: SealedBackup | undefined;
	#legacyText: string | undefined;
	#legacy: BackupFile | undefined;

	constructor(
		private readonly o: {
			/** After a restore: audit, reload what the app shows. */
			onRestored: (result: RestoreResult) => Promise<void>;
		}
	) {}

	get secretLabelKey(): string {
		return this.secret === 'backup'
			? 'exchange:backup.secretLabel'
			: 'exchange:import.passphraseLabel';
	}
	get secretHintKey(): string {
		return this.secret === 'backup'
			? 'exchange:errors.needs-backup-secret'
			: 'exchange:errors.needs-passphrase';
	}

	reset(): void {
		this.step = 'choose';
		this.problem = undefined;
		this.preview = undefined;
		this.result = undefined;
		this.progress = undefined;
		this.secret = 'file';
		this.#sealed = undefined;
		this.#legacyText = undefined;
		this.#legacy = undefined;
	}

	#track(labelKey: string) {
		return (p: BackupProgress) => (this.progress = { ...p, labelKey });
	}

	async choose(chosen: File | undefined): Promise<void> {
		this.reset();
		if (!chosen) return;
		this.step = 'working';
		try {
			if (chosen.size > 0 && (await backup.backupFormatOf(chosen)) === 'sealed') {
				const scanned = await backup.scanBackup(chosen, {
					onProgress: this.#track('exchange:backup.checking')
				});
				this.progress = undefined;
				this.#sealed = scanned;
				if (!scanned.key) {
					this.secret = 'backup';
					this.step = 'passphrase';
					return;
				}
				await this.#showSealed(scanned);
			} else {
				this.#legacyText = await readFileText(chosen, BACKUP_FILE_MAX_BYTES);
				await this.#decodeLegacy(undefined);
			}
		} catch (error) {
			this.#fail(error);
		}
	}

	async unlock(secret: string): Promise<void> {
		this.step = 'working';
		this.problem = undefined;
		try {
			if (this.#sealed) await this.#showSealed(await backup.unlockBackup(this.#sealed, secret));
			else await this.#decodeLegacy(secret);
		} catch (error) {
			if (
				isExchangeError(error) &&
				(error.fault === 'wrong-backup-secret' || error.fault === 'wrong-passphrase')
			) {
				this.problem = problemOf(error);
				this.step = 'passphrase';
				return;
			}
			this.#fail(error);
		}
	}

	async confirm(): Promise<void> {
		if (this.step !== 'preview' || !this.preview) return;
		this.step = 'working';
		try {
			let result: RestoreResult;
			if (this.#sealed)
				result = await backup.restoreSealedBackup(this.#sealed, {
					onProgress: this.#track('exchange:backup.restoring')
				});
			else if (this.#legacy) result = await backup.restoreBackup(this.#legacy);
			else return;
			this.progress = undefined;
			await this.o.onRestored(result);
			this.result = result;
			this.step = 'done';
		} catch (error) {
			this.#fail(error);
		}
	}

	async #showSealed(scanned: SealedBackup): Promise<void> {
		this.#sealed = scanned;
		this.preview = await backup.previewSealedRestore(scanned);
		this.step = 'preview';
	}

	async #decodeLegacy(passphrase: string | undefined): Promise<void> {
		if (this.#legacyText === undefined) return;
		try {
			const value = await decodeFile(this.#legacyText, 'backup', passphrase);
			const file = parseBackupFile(value, { today: today() });
			this.preview = await backup.previewRestore(file);
			this.#legacy = file;
			this.step = 'preview';
		} catch (error) {
			if (isExchangeError(error) && error.fault === 'needs-passphrase') {
				this.secret = 'file';
				this.step = 'passphrase';
				return;
			}
			throw error;
		}
	}

	#fail(error: unknown): void {
		const problem = problemOf(error);
		this.reset();
		this.problem = problem;
	}
}
