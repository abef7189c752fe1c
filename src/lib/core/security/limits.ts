/**
 * Lock and passphrase settings, as plain numbers without zod: the first screen (lock
 * screen, set-up form, auto-lock) needs them before any schema is loaded.
 */
export const MIN_DEVICE_PASSPHRASE_LENGTH = 10;
export const MAX_DEVICE_PASSPHRASE_LENGTH = 200;
/** Minutes without activity before the app locks itself, unless the profile says otherwise. */
export const DEFAULT_AUTO_LOCK_MINUTES = 10;
export const AUTO_LOCK_CHOICES = [2, 5, 10, 15, 30] as const;
