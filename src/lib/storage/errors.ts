import { SecurityError } from '$lib/core/security/errors';

/**
 * Storage faults, each with the i18n key of the message the user sees. Callers show
 * `messageKey`; nothing here holds text.
 */
export type StorageFault =
	| 'quota'
	| 'unavailable'
	| 'stale'
	| 'blocked'
	| 'invalid'
	| 'not-found'
	/** The client a conversation belongs to was deleted (another tab): nothing more can be saved for it. */
	| 'client-deleted'
	/** The record changed (another tab or window) since the form saving it was opened. */
	| 'conflict'
	| 'newer-data'
	| 'locked'
	| 'unknown';

export class StorageError extends Error {
	readonly messageKey: string;
	constructor(
		readonly fault: StorageFault,
		options?: { cause?: unknown; detail?: string }
	) {
		super(options?.detail ?? fault, { cause: options?.cause });
		this.name = 'StorageError';
		this.messageKey = `common:storageErrors.${fault}`;
	}
}

type ErrorLike = { name?: string; inner?: unknown; cause?: unknown; message?: string };

function names(error: unknown): string[] {
	const out: string[] = [];
	let e = error as ErrorLike | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		if (e.name) out.push(e.name);
		e = (e.inner ?? e.cause) as ErrorLike | undefined;
	}
	return out;
}

/** Maps anything thrown by IndexedDB or Dexie to a StorageError the UI can explain. */
export function classifyStorageError(error: unknown): StorageError {
	// Our own error may arrive wrapped by Dexie (e.g. thrown from the 'ready' handler).
	let e = error as ErrorLike | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		if (e instanceof StorageError) return e;
		// The app was locked (the key dropped) while a read or write was under way; a
		// record that fails to decrypt is as good as an invalid one.
		if (e instanceof SecurityError)
			return new StorageError(e.fault === 'locked' ? 'locked' : 'invalid', { cause: error });
		e = (e.inner ?? e.cause) as ErrorLike | undefined;
	}
	const n = names(error);
	const has = (name: string) => n.includes(name);
	if (has('QuotaExceededError')) return new StorageError('quota', { cause: error });
	if (has('MissingAPIError') || has('InvalidAccessError') || has('SecurityError'))
		return new StorageError('unavailable', { cause: error });
	if (has('VersionError') || has('DatabaseClosedError') || has('VersionChangeError'))
		return new StorageError('stale', { cause: error });
	if (has('ZodError')) return new StorageError('invalid', { cause: error });
	if (has('OpenFailedError') || has('InvalidStateError') || has('UnknownError'))
		return new StorageError('unavailable', { cause: error });
	return new StorageError('unknown', { cause: error });
}

/** Runs a storage call and turns any failure into a StorageError. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw classifyStorageError(error);
	}
}
