import { test as base } from '@playwright/test';
import { App, Conversation } from './page-models/app';

/** Every test gets a fresh browser context (empty IndexedDB) and page models. */
export const test = base.extend<{ app: App; conversation: Conversation; pageErrors: string[] }>({
	pageErrors: async ({ page }, use) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await use(errors);
	},
	app: async ({ page }, use) => use(new App(page)),
	conversation: async ({ page }, use) => use(new Conversation(page))
});

export { expect } from '@playwright/test';
