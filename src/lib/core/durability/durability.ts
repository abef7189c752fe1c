/**
 * Durability of the data on this device: when to remind about a backup, and storage
 * amounts in a unit a person can read. Pure: the caller passes the clock's "now".
 */

/** Days without a full backup after which the app reminds the caseworker to make one. */
export const BACKUP_REMINDER_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

export type BackupReminder =
	/** A full backup was made within the threshold. */
	| { due: false; reason: 'recent'; daysSince: number }
	/** The device was set up within the threshold and has not been backed up yet. */
	| { due: false; reason: 'new-device'; daysSince: undefined }
	/** There has been a backup, but longer ago than the threshold. */
	| { due: true; reason: 'old'; daysSince: number }
	/** There has never been a backup, and the device has been in use longer than the threshold. */
	| { due: true; reason: 'never'; daysSince: undefined };

/**
 * Whether to remind about a backup. A device that has never been backed up counts from the
 * day it was set up, so a new caseworker is not greeted by a reminder on the first day.
 * Timestamps are ISO-8601; an unreadable one counts as absent.
 */
export function backupReminder(o: {
	lastBackupAt: string | undefined;
	setUpAt: string | undefined;
	now: Date;
	thresholdDays?: number;
}): BackupReminder {
	const threshold = (o.thresholdDays ?? BACKUP_REMINDER_DAYS) * DAY_MS;
	const last = parseTime(o.lastBackupAt);
	if (last !== undefined) {
		const age = Math.max(0, o.now.getTime() - last);
		const daysSince = Math.floor(age / DAY_MS);
		return age >= threshold
			? { due: true, reason: 'old', daysSince }
			: { due: false, reason: 'recent', daysSince };
	}
	const setUp = parseTime(o.setUpAt);
	if (setUp !== undefined && o.now.getTime() - setUp < threshold)
		return { due: false, reason: 'new-device', daysSince: undefined };
	return { due: true, reason: 'never', daysSince: undefined };
}

function parseTime(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

export type StorageUnit = 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte';

/**
 * A byte count as a value and an Intl unit (decimal, as browsers and operating systems show
 * storage): 1 234 567 bytes → `{ value: 1.2, unit: 'megabyte' }`.
 */
export function storageAmount(bytes: number): { value: number; unit: StorageUnit } {
	const b = Math.max(0, Number.isFinite(bytes) ? bytes : 0);
	const units: [StorageUnit, number][] = [
		['gigabyte', 1e9],
		['megabyte', 1e6],
		['kilobyte', 1e3]
	];
	for (const [unit, size] of units)
		if (b >= size) return { value: Math.round((b / size) * 10) / 10, unit };
	return { value: b, unit: 'byte' };
}
