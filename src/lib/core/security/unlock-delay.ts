import type { UnlockAttempts } from './unlock-attempts';

/**
 * Wrong passphrases slow the next try: the first three are free, then the wait
 * doubles from 2 s up to 5 minutes. The count lives on the device, so a reload
 * does not reset it. A correct passphrase resets it.
 *
 * Plain arithmetic without zod, so the lock screen can show the wait before the
 * storage module (and the schemas) are loaded; the stored count is validated by
 * `unlockAttemptsSchema` in `unlock-attempts.ts`.
 */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60_000;

export function delayAfter(failures: number): number {
	if (failures < FREE_ATTEMPTS) return 0;
	return Math.min(MAX_DELAY_MS, 2000 * 2 ** (failures - FREE_ATTEMPTS));
}

/** Milliseconds to wait before the next try may be made (0: try now). */
export function waitBeforeNextTry(attempts: UnlockAttempts, now: Date): number {
	if (!attempts.lastFailureAt) return 0;
	const since = now.getTime() - Date.parse(attempts.lastFailureAt);
	// A clock set back must not make the wait endless: never more than the full delay.
	const wait = delayAfter(attempts.failures) - Math.max(0, since);
	return Math.max(0, Math.min(wait, delayAfter(attempts.failures)));
}

export function recordFailure(attempts: UnlockAttempts, now: Date): UnlockAttempts {
	return { failures: attempts.failures + 1, lastFailureAt: now.toISOString() };
}
