/**
 * Why a file cannot be imported or restored. Each code is an i18n key under
 * `exchange:errors.*`; the core holds no text. Every such error means that
 * nothing was written.
 */
export const EXCHANGE_FAULTS = [
	'too-large',
	'empty',
	'not-json',
	'forbidden-key',
	'not-framsteg',
	'wrong-kind',
	'newer-version',
	'schema',
	'pin-shaped-code',
	'unknown-catalogue',
	'out-of-range-answer',
	'duplicate-id',
	'foreign-record',
	'bad-date',
	'bad-header',
	'weak-kdf',
	'kdf-too-costly',
	'needs-passphrase',
	'wrong-passphrase',
	'deleted-client',
	'changed-since-preview',
	// Sealed backups (format 3):
	'damaged',
	'needs-backup-secret',
	'wrong-backup-secret',
	'restore-busy'
] as const;
export type ExchangeFault = (typeof EXCHANGE_FAULTS)[number];

export class ExchangeError extends Error {
	readonly messageKey: string;
	constructor(
		readonly fault: ExchangeFault,
		/** Where in the file (a path such as `measurements.3.note`), when known. */
		readonly where?: string,
		/** A more precise message than the fault's own (`exchange:errors.<fault>`). */
		messageKey?: string
	) {
		super(where ? `${fault} at ${where}` : fault);
		this.name = 'ExchangeError';
		this.messageKey = messageKey ?? `exchange:errors.${fault}`;
	}
}

/**
 * A Framsteg file of another kind than the page takes (`wrong-kind`). When the
 * file says what it is (a backup, a participant's hand-over file), the message
 * names it and the page where it belongs; any other kind gets the general message.
 */
export function wrongKindError(found: unknown): ExchangeError {
	if (found === 'backup' || found === 'client')
		return new ExchangeError('wrong-kind', undefined, `exchange:errors.wrong-kind-${found}`);
	return new ExchangeError('wrong-kind');
}

export function isExchangeError(error: unknown): error is ExchangeError {
	return error instanceof ExchangeError;
}
