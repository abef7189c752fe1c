/**
 * The storage module's light door, for the first screen (root layout, lock screen,
 * set-up form): what they need before the caseworker unlocks, without Dexie, zod or the
 * core schemas. Everything else goes through `$lib/storage`, loaded with `loadStorage()`
 * when it is needed (unlocking, set-up, the register).
 */
export { peekLockState, peekUnlockWaitMs, type PeekedLockState } from './lock-peek';
export { isUnlocked, onSessionChange } from './session';
export { onBlocked, onStale } from './events';
export { classifyStorageError, StorageError } from './errors';
export { isSecurityError, SecurityError } from '$lib/core/security/errors';

/** The whole storage module (Dexie, records, keyring…), loaded on demand and then cached. */
export const loadStorage = () => import('./index');
