/**
 * Database events the whole app listens to, kept apart from `database.ts` (Dexie) so the
 * root layout can subscribe on the first screen without loading Dexie.
 */
type Listener = () => void;
const staleListeners = new Set<Listener>();
const blockedListeners = new Set<Listener>();

/** Called when another tab upgrades the database: this tab must stop writing and reload. */
export function onStale(listener: Listener): () => void {
	staleListeners.add(listener);
	return () => staleListeners.delete(listener);
}

/** Called when our upgrade waits for an older tab to close. */
export function onBlocked(listener: Listener): () => void {
	blockedListeners.add(listener);
	return () => blockedListeners.delete(listener);
}

export function notifyStale(): void {
	for (const l of staleListeners) l();
}

export function notifyBlocked(): void {
	for (const l of blockedListeners) l();
}
