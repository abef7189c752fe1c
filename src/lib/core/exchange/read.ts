import { ExchangeError, isExchangeError, wrongKindError } from './errors';
import { openFileText, type ExchangeKind } from './envelope';
import { decryptText, parseEncryptedFile, type EncryptedFile } from './crypto';
import { BACKUP_HEADER_MAX_BYTES, isSealedBackupHead } from './sealed-backup';

/** A file after the first look: either plain data to validate, or an encrypted file that needs a passphrase. */
export type OpenedFile =
	| { encrypted: EncryptedFile; value?: undefined }
	| { encrypted?: undefined; value: Record<string, unknown> };

/**
 * Whether a text that is not one JSON document (or too large for a hand-over
 * file) is a sealed backup: its first line is a backup header.
 */
export function isSealedBackupText(text: string): boolean {
	return isSealedBackupHead(new TextEncoder().encode(text.slice(0, BACKUP_HEADER_MAX_BYTES)));
}

/** Size, JSON, forbidden keys, header and (for encrypted files) the KDF parameters. */
export function openFile(text: string, expected: ExchangeKind): OpenedFile {
	let opened: ReturnType<typeof openFileText>;
	try {
		opened = openFileText(text, expected);
	} catch (error) {
		// A sealed backup is many JSON lines, not one document: say it is a backup, not "unreadable".
		const unreadable =
			isExchangeError(error) && (error.fault === 'not-json' || error.fault === 'too-large');
		if (unreadable && expected === 'client' && isSealedBackupText(text))
			throw wrongKindError('backup');
		throw error;
	}
	const { header, value } = opened;
	if (header.kind === 'encrypted') return { encrypted: parseEncryptedFile(value, expected) };
	return { value };
}

/** Decrypts an encrypted file and opens what was inside (which must itself be plain). */
export async function unlockFile(
	file: EncryptedFile,
	passphrase: string,
	expected: ExchangeKind
): Promise<Record<string, unknown>> {
	const text = await decryptText(file, passphrase);
	const inner = openFile(text, expected);
	if (inner.encrypted) throw new ExchangeError('bad-header');
	return inner.value;
}

/**
 * The whole first half of an import: open, and decrypt when needed. Without a
 * passphrase an encrypted file gives `needs-passphrase`, so the UI can ask for one.
 */
export async function decodeFile(
	text: string,
	expected: ExchangeKind,
	passphrase: string | undefined
): Promise<Record<string, unknown>> {
	const opened = openFile(text, expected);
	if (!opened.encrypted) return opened.value;
	if (passphrase === undefined) throw new ExchangeError('needs-passphrase');
	return unlockFile(opened.encrypted, passphrase, expected);
}
