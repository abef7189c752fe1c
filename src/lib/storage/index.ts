/** The one door to the database: functions and live queries, never tables. */
export * as clients from './clients';
export * as measurements from './measurements';
export * as drafts from './drafts';
export * as profile from './profile';
export * as demo from './demo';
export * as plans from './plans';
export * as interventions from './interventions';
export * as caseworkerChanges from './caseworker-changes';
export * as statistics from './statistics';
export * as register from './register';
export type { RegisterRow, RegisterPage, RegisterDetails } from './register';
export { openDatabase, useDatabase, DATABASE_NAME } from './database';
export { onStale, onBlocked } from './events';
export { StorageError, classifyStorageError } from './errors';
export { isSecurityError, SecurityError } from '$lib/core/security/errors';
export { CURRENT_SCHEMA_VERSION } from './versions';
export { LiveQuery } from './live.svelte';
export * as exchange from './exchange';
export * as backup from './backup';
export * as deviceMeta from './device-meta';
export type {
	BackupProgress,
	RestoreCounts,
	RestorePreview,
	RestoreResult,
	SealedBackup
} from './backup';
export * as keyring from './keyring';
export * as audit from './audit';
export { isUnlocked, onSessionChange } from './session';
export type { LockState } from './keyring';
