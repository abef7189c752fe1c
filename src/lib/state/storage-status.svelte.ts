/**
 * The browser's storage for this app, as rune state: whether it is persistent (the browser
 * will not evict it by itself) and how much is used. The one bridge to `navigator.storage`.
 *
 * Storage is best-effort until `navigator.storage.persist()` is granted; Chromium decides
 * without asking (site engagement, installed app), Firefox asks the user, Safari grants it
 * to apps on the home screen. Private windows lose everything when they close.
 */
class StorageStatus {
	/** Whether this browser has the StorageManager API at all. */
	readonly isSupported =
		typeof navigator !== 'undefined' && typeof navigator.storage?.persist === 'function';
	/** undefined until known (or when the browser cannot tell). */
	persisted = $state<boolean | undefined>(undefined);
	usage = $state<number | undefined>(undefined);
	quota = $state<number | undefined>(undefined);
	#requested = false;

	/** Reads the current state without asking for anything. */
	async refresh(): Promise<void> {
		if (!this.isSupported) return;
		try {
			this.persisted = await navigator.storage.persisted();
			const estimate = await navigator.storage.estimate();
			this.usage = estimate.usage;
			this.quota = estimate.quota;
		} catch {
			// Some browsers refuse in special modes; the page then says the state is unknown.
			this.persisted = undefined;
		}
	}

	/**
	 * Asks for persistent storage when it is not granted yet (once per page load unless
	 * `force`), then refreshes. Returns whether storage is now persistent.
	 */
	async requestPersistence(o: { force?: boolean } = {}): Promise<boolean | undefined> {
		if (!this.isSupported) return undefined;
		try {
			if (!(await navigator.storage.persisted()) && (o.force || !this.#requested)) {
				this.#requested = true;
				await navigator.storage.persist();
			}
		} catch {
			// A refusal is not an error: the warning stays and explains what to do.
		}
		await this.refresh();
		return this.persisted;
	}
}

export const storageStatus = new StorageStatus();
