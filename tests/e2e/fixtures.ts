import { test as base } from '@playwright/test';
import { App, Conversation } from './page-models/app';
import { SecurityLog } from './security-log';

/**
 * Every test gets a fresh browser context (empty IndexedDB) and page models.
 * Every test also records each request and each CSP violation of its context (and of any
 * extra context it registers with `security.watch`), and fails when a request went to
 * another origin than the app's or when the Content Security Policy blocked anything.
 * A test that provokes a violation on purpose removes it from `security.violations`.
 */
export const test = base.extend<{
	app: App;
	conversation: Conversation;
	pageErrors: string[];
	security: SecurityLog;
}>({
	security: [
		async ({ baseURL }, use, testInfo) => {
			const log = new SecurityLog(new URL(baseURL ?? 'http://127.0.0.1').origin);
			await use(log);
			log.writeLog(testInfo.titlePath.join(' › '));
			const foreign = log.foreignRequests().map((r) => `${r.method} ${r.url}`);
			if (foreign.length > 0)
				throw new Error(`requests to another origin than the app's:\n${foreign.join('\n')}`);
			if (log.violations.length > 0)
				throw new Error(`CSP violations:\n${JSON.stringify(log.violations, null, 2)}`);
		},
		{ auto: true }
	],
	context: async ({ context, security }, use) => {
		await security.watch(context);
		await use(context);
	},
	pageErrors: async ({ page }, use) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await use(errors);
	},
	app: async ({ page }, use) => use(new App(page)),
	conversation: async ({ page }, use) => use(new Conversation(page))
});

export { expect } from '@playwright/test';
