import {
	BACKUP_HEADER_MAX_BYTES,
	decodeFile,
	isExchangeError,
	isSealedBackupHead,
	localIsoDate,
	wrongKindError,
	type ExchangeKind,
	type IsoDate
} from '$lib/core';
import { classifyStorageError } from '$lib/storage';
import { readFileHead, readFileText } from './files';

/** Today's local date (outside the class, so it is not mistaken for reactive state). */
const today = (): IsoDate => localIsoDate(new Date());

export type ImportStep = 'choose' | 'working' | 'passphrase' | 'preview' | 'done';
export type ImportProblem = { messageKey: string; where?: string };
/** How far a long read or write has come (records), with the i18n key that says what runs. */
export type ImportProgress = { done: number; total: number; labelKey: string };

/**
 * What an import panel drives: choose a file → (a secret) → preview → confirm.
 * `FileImport` (hand-over files) and `BackupRestore` (backups) both are one.
 */
export interface ImportFlow<TPreview, TResult> {
	readonly step: ImportStep;
	readonly problem: ImportProblem | undefined;
	readonly preview: TPreview | undefined;
	readonly result: TResult | undefined;
	/** Set while a long step runs, for a progress bar. */
	readonly progress?: ImportProgress | undefined;
	/** i18n keys of the secret step's label and hint (default: the file's passphrase). */
	readonly secretLabelKey?: string;
	readonly secretHintKey?: string;
	choose(file: File | undefined): Promise<void>;
	unlock(secret: string): Promise<void>;
	confirm(): Promise<void>;
	reset(): void;
}

export type FileImportOptions<TFile, TPreview, TResult> = {
	kind: ExchangeKind;
	maxBytes: number;
	/** Full validation of the decoded value (zod, catalogue, dates …); throws ExchangeError. */
	parse: (value: Record<string, unknown>, today: IsoDate) => TFile;
	/** Reads what is on the device and says what the import would do. Writes nothing. */
	preview: (file: TFile) => Promise<TPreview>;
	/** Writes, in one transaction. */
	apply: (file: TFile, preview: TPreview) => Promise<TResult>;
};

export function problemOf(error: unknown): ImportProblem {
	if (isExchangeError(error)) return { messageKey: error.messageKey, where: error.where };
	return { messageKey: classifyStorageError(error).messageKey };
}

/**
 * An import as steps: choose a file → (passphrase) → preview → confirm. Every
 * failure leaves the database as it was and says why; nothing is written before
 * `confirm()`.
 */
export class FileImport<TFile, TPreview, TResult> implements ImportFlow<TPreview, TResult> {
	step = $state<ImportStep>('choose');
	problem = $state<ImportProblem | undefined>(undefined);
	file = $state.raw<TFile | undefined>(undefined);
	preview = $state.raw<TPreview | undefined>(undefined);
	result = $state.raw<TResult | undefined>(undefined);
	#text: string | undefined;

	constructor(private readonly o: FileImportOptions<TFile, TPreview, TResult>) {}

	reset(): void {
		this.step = 'choose';
		this.problem = undefined;
		this.file = undefined;
		this.preview = undefined;
		this.result = undefined;
		this.#text = undefined;
	}

	async choose(chosen: File | undefined): Promise<void> {
		this.reset();
		if (!chosen) return;
		this.step = 'working';
		try {
			// A sealed backup (often larger than a hand-over file may be) is named as a backup,
			// from its first line, before the size check or the JSON parse would call it unreadable.
			if (
				this.o.kind === 'client' &&
				isSealedBackupHead(await readFileHead(chosen, BACKUP_HEADER_MAX_BYTES))
			)
				throw wrongKindError('backup');
			this.#text = await readFileText(chosen, this.o.maxBytes);
		} catch (error) {
			this.fail(error);
			return;
		}
		await this.decode(undefined);
	}

	async unlock(passphrase: string): Promise<void> {
		await this.decode(passphrase);
	}

	async confirm(): Promise<void> {
		if (this.step !== 'preview' || !this.file || !this.preview) return;
		this.step = 'working';
		try {
			this.result = await this.o.apply(this.file, this.preview);
			this.step = 'done';
		} catch (error) {
			this.fail(error);
		}
	}

	private async decode(passphrase: string | undefined): Promise<void> {
		if (this.#text === undefined) return;
		this.step = 'working';
		this.problem = undefined;
		try {
			const value = await decodeFile(this.#text, this.o.kind, passphrase);
			const file = this.o.parse(value, today());
			this.preview = await this.o.preview(file);
			this.file = file;
			this.step = 'preview';
		} catch (error) {
			if (isExchangeError(error) && error.fault === 'needs-passphrase') {
				this.step = 'passphrase';
				return;
			}
			if (isExchangeError(error) && error.fault === 'wrong-passphrase') {
				this.problem = problemOf(error);
				this.step = 'passphrase';
				return;
			}
			this.fail(error);
		}
	}

	private fail(error: unknown): void {
		this.problem = problemOf(error);
		this.file = undefined;
		this.preview = undefined;
		this.#text = undefined;
		this.step = 'choose';
	}
}
