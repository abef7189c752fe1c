import { z } from 'zod';

/**
 * The one `z` the core builds its schemas with, configured before any schema exists.
 *
 * zod 4 decides, when an object schema is built, whether to compile a fast parser with
 * `new Function`. Under our CSP (no 'unsafe-eval') that probe fails anyway, but Chromium
 * still reports it as a CSP violation, so the compiled path is turned off here. Every core
 * module imports `z` from this file, so the setting is in place before the first schema is
 * built (a module's imports run before its body), wherever zod is first loaded. zod is not
 * part of the first screen; it loads with the core schemas when they are needed.
 */
z.config({ jitless: true });

export { z };
