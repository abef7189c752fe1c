import { SecurityError } from '$lib/core/security/errors';

/**
 * The unlocked data key of this tab, in memory only, as a non-extractable
 * CryptoKey. Locking drops it; a reload or a new tab starts locked. Nothing here
 * is ever written anywhere.
 */
let dataKey: CryptoKey | undefined;
type Listener = (state: 'locked' | 'unlocked') => void;
const listeners = new Set<Listener>();

export function isUnlocked(): boolean {
	return dataKey !== undefined;
}

/** The data key, or `locked` when there is none. */
export function requireKey(): CryptoKey {
	if (!dataKey) throw new SecurityError('locked');
	return dataKey;
}

export function setKey(key: CryptoKey): void {
	dataKey = key;
	for (const l of listeners) l('unlocked');
}

/** Drops the key. Every later seal or open fails with `locked`. */
export function dropKey(): void {
	const had = dataKey !== undefined;
	dataKey = undefined;
	if (had) for (const l of listeners) l('locked');
}

export function onSessionChange(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
