/** What an exported file holds; part of its name. */
export type ExportKind =
	'client' | 'backup' | 'research' | 'dictionary' | 'chart' | 'copy' | 'audit';

const EXTENSIONS: Record<ExportKind, string> = {
	client: 'json',
	backup: 'json',
	research: 'csv',
	dictionary: 'csv',
	chart: 'png',
	copy: 'html',
	audit: 'csv'
};

/**
 * `framsteg-<kind>-YYYY-MM-DD-<4 hex>.<ext>`: never a name or code, so a file left in
 * a shared Downloads folder says nothing about whom it concerns.
 */
export function exportFilename(kind: ExportKind, date: string, random: () => number): string {
	const hex = Math.floor(random() * 0x10000)
		.toString(16)
		.padStart(4, '0');
	return `framsteg-${kind}-${date}-${hex}.${EXTENSIONS[kind]}`;
}
