import {
	ExchangeError,
	exportFilename,
	localIsoDate,
	type ClientId,
	type ExportKind
} from '$lib/core';
import { audit } from '$lib/storage';

/**
 * The bridge to the browser's file handling: downloads, reading a chosen file and
 * the clipboard. Nothing leaves the device except through these, and only on a
 * user action.
 */

/** A file name for an export, `framsteg-<kind>-YYYY-MM-DD-<4 hex>.<ext>` (never a name or code). */
export function filenameFor(kind: ExportKind, now: Date = new Date()): string {
	const random = () => crypto.getRandomValues(new Uint16Array(1))[0] / 0x10000;
	return exportFilename(kind, localIsoDate(now), random);
}

/** Offers a file as a download, and records the export in the audit log. */
export function download(blob: Blob, filename: string, o: { clientId?: ClientId } = {}): void {
	const kind = /^framsteg-([a-z]+)-/.exec(filename)?.[1] ?? 'file';
	void audit.recordQuietly('export', { clientId: o.clientId ?? null, detail: kind });
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.rel = 'noopener';
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Give the browser time to start the download before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a chosen file as UTF-8 text; the size is checked BEFORE reading. */
export async function readFileText(file: File, maxBytes: number): Promise<string> {
	if (file.size > maxBytes) throw new ExchangeError('too-large');
	if (file.size === 0) throw new ExchangeError('empty');
	try {
		const bytes = new Uint8Array(await file.arrayBuffer());
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new ExchangeError('not-json');
	}
}

/** The first bytes of a chosen file (at most `bytes`), to tell what it is before reading it whole. */
export async function readFileHead(file: Blob, bytes: number): Promise<Uint8Array> {
	return new Uint8Array(await file.slice(0, bytes).arrayBuffer());
}

/** Copies text to the clipboard; false when the browser refuses (the UI then shows the text to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}
