import { systemClock, timestampSchema, type Clock, type Timestamp } from '$lib/core';
import { database } from './database';
import { guard } from './errors';

/**
 * Facts about this device (not about any client), kept in the `meta` table beside the schema
 * version: when the last full backup was exported. Nothing here is personal data.
 */
const LAST_BACKUP_KEY = 'lastBackupAt';

/** When the last successful full backup was exported from this device, if ever. */
export async function lastBackupAt(): Promise<Timestamp | undefined> {
	return guard(async () => {
		const row = await database().meta.get(LAST_BACKUP_KEY);
		const parsed = timestampSchema.safeParse(row?.value);
		return parsed.success ? parsed.data : undefined;
	});
}

/** Records that a full backup was exported just now; returns the time recorded. */
export async function recordBackup(o: { now?: Clock } = {}): Promise<Timestamp> {
	const at = timestampSchema.parse((o.now ?? systemClock)().toISOString());
	await guard(() => database().meta.put({ key: LAST_BACKUP_KEY, value: at }));
	return at;
}
