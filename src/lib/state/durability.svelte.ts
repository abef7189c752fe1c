import {
	backupReminder,
	systemClock,
	type BackupReminder,
	type Clock,
	type Profile
} from '$lib/core';
import { deviceMeta, LiveQuery } from '$lib/storage';

/**
 * Whether the caseworker should be reminded to back up: the last full backup (live from
 * storage) and the core rule. Create it in a component's script; `profile` is read lazily.
 * The reminder is worked out again when the last backup or the profile changes.
 */
export class BackupStatus {
	readonly lastBackup = new LiveQuery(() => deviceMeta.lastBackupAt());
	readonly reminder: BackupReminder | undefined = $derived.by(() => {
		if (this.lastBackup.loading) return undefined;
		return backupReminder({
			lastBackupAt: this.lastBackup.current,
			setUpAt: this.profile()?.createdAt,
			now: this.now()
		});
	});

	constructor(
		private readonly profile: () => Profile | undefined,
		private readonly now: Clock = systemClock
	) {}
}
