/** Saves text as a file through a temporary link (nothing leaves the device otherwise). */
export function downloadText(text: string, filename: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `framsteg-<kind>-YYYY-MM-DD-<4 hex>.<ext>`: never a name in a filename. */
export function exportFilename(kind: string, today: string, ext: string): string {
	const hex = Math.floor(Math.random() * 0x10000)
		.toString(16)
		.padStart(4, '0');
	return `framsteg-${kind}-${today}-${hex}.${ext}`;
}
