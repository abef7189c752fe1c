import { z } from './zod';
import { caseworkerIdSchema } from './ids';
import { timestampSchema } from './time';
import { cleanText } from './client/client';

/** The caseworker using this device. */
export const profileInputSchema = z.object({
	name: z
		.string()
		.transform(cleanText)
		.pipe(z.string().min(1, { message: 'name-required' }).max(60, { message: 'too-long' })),
	unit: z
		.string()
		.transform(cleanText)
		.pipe(z.string().max(80, { message: 'too-long' })),
	/**
	 * Unit setting: show the caseworker's belief in the job chance in prints and the
	 * case-record text. Off by default (BIP domain rule); it is never shown to the client.
	 */
	showBeliefInReports: z.boolean().optional(),
	/** Minutes without activity before the app locks itself. */
	autoLockMinutes: z.number().int().min(1).max(60).optional(),
	/**
	 * Retention decision for archived clients, in months; null: no decision (nothing is
	 * removed). Never a built-in default: the unit decides.
	 */
	retentionMonths: z.number().int().min(1).max(600).nullable().optional()
});
export type ProfileInput = z.input<typeof profileInputSchema>;

export const profileSchema = z
	.object({
		id: caseworkerIdSchema,
		createdAt: timestampSchema,
		updatedAt: timestampSchema
	})
	.extend(profileInputSchema.shape)
	.strict();
export type Profile = z.infer<typeof profileSchema>;
