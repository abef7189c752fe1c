import { rmSync } from 'node:fs';
import { REQUEST_LOG_LINES } from './security-log';

/** Starts the suite's request log afresh. */
export default function globalSetup(): void {
	rmSync(REQUEST_LOG_LINES, { force: true });
}
