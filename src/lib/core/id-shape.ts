/**
 * The shape of our ids (random, opaque strings), without zod: the route matcher runs on
 * the first screen, before any schema is loaded. `ids.ts` builds its schemas from this.
 */
export const ID_MIN_LENGTH = 8;
export const ID_MAX_LENGTH = 64;
export const ID_PATTERN = /^[A-Za-z0-9-]+$/;

/** True when a string has the shape of one of our ids (used by the route matcher). */
export function isIdShaped(value: string): boolean {
	return value.length >= ID_MIN_LENGTH && value.length <= ID_MAX_LENGTH && ID_PATTERN.test(value);
}
