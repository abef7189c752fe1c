import { z } from '../zod';

/**
 * The count of wrong passphrases on this device, as stored. The wait it causes is
 * computed in `unlock-delay.ts`.
 */
export const unlockAttemptsSchema = z
	.object({
		failures: z.number().int().min(0).max(1_000_000),
		lastFailureAt: z.iso.datetime().nullable()
	})
	.strict();
export type UnlockAttempts = z.infer<typeof unlockAttemptsSchema>;

export const NO_FAILURES: UnlockAttempts = { failures: 0, lastFailureAt: null };
