import { z } from 'zod';

// zod 4 probes for eval support with `new Function('')` to compile fast parsers. Under our
// CSP (no 'unsafe-eval') the probe fails anyway, but Chromium still reports it as a CSP
// violation, so turn the compiled path off before any schema parses.
z.config({ jitless: true });
