/**
 * Lock and passphrase settings, as plain numbers without zod: the first screen (lock
 * screen, set-up form, auto-lock) needs them before any schema is loaded.
 */
/** The shortest passphrase that may be chosen, for the device and for an export file alike. */
export const MIN_DEVICE_PASSPHRASE_LENGTH = 10;
export const MAX_DEVICE_PASSPHRASE_LENGTH = 200;
/** Minutes without activity before the app locks itself, unless the profile says otherwise. */
export const DEFAULT_AUTO_LOCK_MINUTES = 10;
export const AUTO_LOCK_CHOICES = [2, 5, 10, 15, 30] as const;

/** What is wrong with a new passphrase and its repetition, per field (error codes). */
export type NewPassphraseProblems = {
	passphrase?: 'passphrase-too-short' | 'passphrase-too-long';
	repeat?: 'passphrase-mismatch';
};

/**
 * Checks a new passphrase and its repetition together, so a form can show every problem
 * at once at its own field (the same length rules as `checkPassphrase`, without zod).
 * The one rule for every passphrase the caseworker chooses: at set-up, in settings, after
 * the recovery key, and for an encrypted export file (which leaves the device and can be
 * attacked offline just like the device's wrapped key). Entering an existing passphrase
 * (unlocking, opening an older file) is never checked against it.
 */
export function checkNewPassphrase(passphrase: string, repeat: string): NewPassphraseProblems {
	const length = [...passphrase.normalize('NFC')].length;
	const problems: NewPassphraseProblems = {};
	if (length < MIN_DEVICE_PASSPHRASE_LENGTH) problems.passphrase = 'passphrase-too-short';
	else if (length > MAX_DEVICE_PASSPHRASE_LENGTH) problems.passphrase = 'passphrase-too-long';
	if (passphrase !== repeat) problems.repeat = 'passphrase-mismatch';
	return problems;
}
