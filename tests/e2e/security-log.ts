import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';

/** One request made by a page or the service worker of a watched browser context. */
export type LoggedRequest = {
	url: string;
	method: string;
	resourceType: string;
	fromServiceWorker: boolean;
};

/** A `securitypolicyviolation` event seen in a page. */
export type CspViolation = {
	directive: string;
	blockedURI: string;
	sourceFile: string;
	line: number;
	documentURI: string;
};

export const REQUEST_LOG_LINES = join(
	dirname(fileURLToPath(import.meta.url)),
	'../../reports/request-log.jsonl'
);
const BINDING = '__framstegCspViolation';

/**
 * Records, for every browser context a test uses, each request and each CSP violation,
 * so the fixture can fail a test that talks to another origin or trips the policy.
 */
export class SecurityLog {
	readonly requests: LoggedRequest[] = [];
	readonly violations: CspViolation[] = [];

	constructor(readonly appOrigin: string) {}

	/** Starts recording a context; call before its first page opens. */
	async watch(context: BrowserContext): Promise<void> {
		context.on('request', (request) =>
			this.requests.push({
				url: request.url(),
				method: request.method(),
				resourceType: request.resourceType(),
				fromServiceWorker: request.serviceWorker() !== null
			})
		);
		await context.exposeBinding(BINDING, (_source, v: CspViolation) => this.violations.push(v));
		await context.addInitScript((binding) => {
			document.addEventListener(
				'securitypolicyviolation',
				(e) => {
					const report = (window as unknown as Record<string, (v: unknown) => void>)[binding];
					report?.({
						directive: e.effectiveDirective,
						blockedURI: e.blockedURI,
						sourceFile: e.sourceFile,
						line: e.lineNumber,
						documentURI: e.documentURI
					});
				},
				true
			);
		}, BINDING);
	}

	/** Requests to anything but the app's own origin (blob: URLs of the app's origin are its own). */
	foreignRequests(): LoggedRequest[] {
		return this.requests.filter((r) => {
			try {
				return new URL(r.url).origin !== this.appOrigin;
			} catch {
				return true;
			}
		});
	}

	/** Appends this test's requests to the suite's request log (reports/request-log.jsonl). */
	writeLog(test: string): void {
		mkdirSync(dirname(REQUEST_LOG_LINES), { recursive: true });
		const byOrigin: Record<string, number> = {};
		for (const r of this.requests) {
			const origin = safeOrigin(r.url);
			byOrigin[origin] = (byOrigin[origin] ?? 0) + 1;
		}
		const line = {
			test,
			requests: this.requests.length,
			byOrigin,
			foreign: this.foreignRequests().map((r) => r.url),
			cspViolations: this.violations
		};
		appendFileSync(REQUEST_LOG_LINES, JSON.stringify(line) + '\n');
	}
}

function safeOrigin(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return 'invalid';
	}
}
