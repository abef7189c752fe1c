import { z } from 'zod';

/** Random, opaque ids: records can travel between devices without clashes. */
const idString = z
	.string()
	.min(8)
	.max(64)
	.regex(/^[A-Za-z0-9-]+$/);

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

/** True when a string has the shape of one of our ids (used by the route matcher). */
export function isIdShaped(value: string): boolean {
	return idString.safeParse(value).success;
}
