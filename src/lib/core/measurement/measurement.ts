import { z } from '../zod';
import { caseworkerIdSchema, clientIdSchema, measurementIdSchema } from '../ids';
import { isoDateSchema, timestampSchema } from '../time';
import { catalogueRefSchema, indicatorIdSchema } from '../catalogue/schema';
import { answersSchema } from './answers';
import { languageCodeSchema, registerSchema } from '../languages';

export const MAX_FOCUS_INDICATORS = 3;
export const MAX_NOTE_LENGTH = 2000;

/** One BIP conversation as saved: raw answers only, scores are always derived. */
export const measurementSchema = z
	.object({
		id: measurementIdSchema,
		clientId: clientIdSchema,
		caseworkerId: caseworkerIdSchema,
		/** The date of the conversation. */
		takenOn: isoDateSchema,
		createdAt: timestampSchema,
		updatedAt: timestampSchema,
		/** The client's language and register while answering. */
		language: languageCodeSchema,
		register: registerSchema,
		clientAnswers: answersSchema,
		caseworkerAnswers: answersSchema,
		focusIndicators: z.array(indicatorIdSchema).max(MAX_FOCUS_INDICATORS),
		note: z.string().max(MAX_NOTE_LENGTH),
		isDemo: z.boolean()
	})
	.extend(catalogueRefSchema.shape)
	.strict();
export type Measurement = z.infer<typeof measurementSchema>;
