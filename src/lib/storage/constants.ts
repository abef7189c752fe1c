/**
 * Names in the database that code outside Dexie needs too (the lock peek on the first
 * screen). Plain constants: importing them loads neither Dexie nor zod.
 */
export const DATABASE_NAME = 'framsteg';

/** Keys of rows in the `meta` store (`{ key, value }`). */
export const META_KEYS = {
	/** The schema version the data was last written with (newer than this build: refused). */
	dataSchemaVersion: 'dataSchemaVersion',
	/** The wrapped data key; present once set-up has chosen a passphrase. */
	keyring: 'keyring',
	/** The count of wrong passphrases (the wait before the next try). */
	unlockAttempts: 'unlockAttempts'
} as const;

/** The object store that holds `META_KEYS` rows. */
export const META_STORE = 'meta';
