import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { REQUEST_LOG_LINES } from './security-log';

type Line = {
	test: string;
	requests: number;
	byOrigin: Record<string, number>;
	foreign: string[];
	cspViolations: unknown[];
};

/**
 * Sums the per-test request log into reports/request-log.json: how many requests went to
 * which origin over the whole suite, and every foreign request or CSP violation with its test.
 */
export default function globalTeardown(): void {
	if (!existsSync(REQUEST_LOG_LINES)) return;
	const lines = readFileSync(REQUEST_LOG_LINES, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as Line);
	const byOrigin: Record<string, number> = {};
	for (const line of lines)
		for (const [origin, n] of Object.entries(line.byOrigin))
			byOrigin[origin] = (byOrigin[origin] ?? 0) + n;
	const summary = {
		tests: lines.length,
		requests: lines.reduce((n, l) => n + l.requests, 0),
		byOrigin,
		foreign: lines.flatMap((l) => l.foreign.map((url) => ({ test: l.test, url }))),
		cspViolations: lines.flatMap((l) => l.cspViolations.map((v) => ({ test: l.test, v })))
	};
	writeFileSync(REQUEST_LOG_LINES.replace(/\.jsonl$/, '.json'), JSON.stringify(summary, null, 2));
}
