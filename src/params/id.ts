import type { ParamMatcher } from '@sveltejs/kit';
import { isIdShaped } from '$lib/core/id-shape';

/** Route ids are opaque random ids, never names. */
export const match: ParamMatcher = (param) => isIdShaped(param);
