import { z } from './zod';
import { ID_MAX_LENGTH, ID_MIN_LENGTH, ID_PATTERN } from './id-shape';

export { isIdShaped } from './id-shape';

/** Random, opaque ids: records can travel between devices without clashes. */
const idString = z.string().min(ID_MIN_LENGTH).max(ID_MAX_LENGTH).regex(ID_PATTERN);

export const clientIdSchema = idString.brand<'ClientId'>();
export const measurementIdSchema = idString.brand<'MeasurementId'>();
export const draftIdSchema = idString.brand<'DraftId'>();
export const caseworkerIdSchema = idString.brand<'CaseworkerId'>();

export type ClientId = z.infer<typeof clientIdSchema>;
export type MeasurementId = z.infer<typeof measurementIdSchema>;
export type DraftId = z.infer<typeof draftIdSchema>;
export type CaseworkerId = z.infer<typeof caseworkerIdSchema>;

/** A source of random ids; injected so tests and demo data are deterministic. */
export type IdSource = () => string;

export const randomId: IdSource = () => globalThis.crypto.randomUUID();
