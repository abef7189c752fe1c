import { encryptText, type ExchangeKind } from '$lib/core';

/**
 * A hand-over file as a downloadable JSON blob, encrypted with the passphrase when
 * one is given (encryption runs before and outside any database transaction).
 * Backups are sealed files of their own (storage `backup.exportBackup`).
 */
export async function exportBlob(
	kind: ExchangeKind,
	data: unknown,
	passphrase: string | undefined
): Promise<Blob> {
	const text = JSON.stringify(data);
	const body = passphrase ? JSON.stringify(await encryptText(text, passphrase, kind)) : text;
	return new Blob([body], { type: 'application/json' });
}
