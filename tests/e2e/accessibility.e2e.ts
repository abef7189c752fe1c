import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PASSPHRASE } from './page-models/app';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LANGUAGES = ['sv', 'en', 'ar', 'fa', 'prs', 'so', 'ti', 'uk'];
const RTL = new Set(['ar', 'fa', 'prs']);

async function expectNoViolations(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${where}`).toEqual([]);
}

// The walk uses ids and structure, not text, so it runs unchanged in every interface language.
for (const language of LANGUAGES) {
	test(`every route and conversation screen has zero axe violations (${language})`, async ({
		page
	}) => {
		test.setTimeout(180_000);
		await page.addInitScript((l) => localStorage.setItem('framsteg.uiLanguage', l), language);
		/** Each page's title, by its path: pages at different paths must not share one. */
		const titles = new Map<string, Set<string>>();
		const visit = async (where: string) => {
			const path = new URL(page.url()).pathname;
			titles.set(path, (titles.get(path) ?? new Set()).add(await page.title()));
			await expectNoViolations(page, `${where} (${language})`);
		};
		/** Unlocks on the lock screen (by ids: any language). */
		const unlock = async () => {
			await page.locator('#lock-passphrase').fill(PASSPHRASE);
			await page.locator('.lock form button[type=submit]').click();
			await page.locator('#lock-title').waitFor({ state: 'detached', timeout: 15_000 });
		};
		/** Every page load starts locked. */
		const go = async (url: string) => {
			await page.goto(url);
			await page.locator('#lock-title').waitFor({ timeout: 15_000 });
			await unlock();
		};
		/** Follows a link of the app to `path` (in-app navigation: the app stays unlocked). */
		const follow = async (path: string) => {
			await page.locator(`a[href="${path}"]`).first().click();
			await expect(page).toHaveURL((url) => url.pathname === path);
		};

		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await expect(page.locator('html')).toHaveAttribute('dir', RTL.has(language) ? 'rtl' : 'ltr');
		await page.locator('#setup-name').waitFor();
		await visit('setup');
		await page.locator('#setup-name').fill('AB');
		await page.locator('#setup-passphrase').fill(PASSPHRASE);
		await page.locator('#setup-repeat').fill(PASSPHRASE);
		await page.locator('#setup-demo').check();
		await page.locator('form button[type=submit]').click();
		await page.locator('[data-testid=recovery-key]').waitFor({ timeout: 15_000 });
		await visit('recovery key');
		await page.locator('#recovery-stored').check();
		await page.locator('.recovery button.primary').click();

		await page.locator('table a').first().waitFor();
		await visit('register');
		await page.locator('input[type=radio][value=archived]').check();
		await page.locator('main .notice').waitFor();
		await visit('register, archived (empty)');
		await page.goto('/clients/new');
		await page.locator('#lock-title').waitFor({ timeout: 15_000 });
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await visit('lock screen');
		await unlock();
		await page.locator('#client-code').waitFor();
		await visit('new client');
		await follow('/settings');
		await page.locator('#settings-name').waitFor();
		await page.locator('section.storage [data-persisted]').waitFor();
		await visit('settings');
		await follow('/settings/translations');
		await page.locator('main table tbody tr').first().waitFor();
		await visit('translations');
		await go('/clients/00000000-0000-0000-0000-000000000000');
		await page.locator('main h1').waitFor();
		await visit('not found');

		await follow('/');
		await page.locator('table a').first().click();
		await page.locator('.trend canvas').first().waitFor();
		await visit('client page');
		const clientUrl = page.url();
		const clientPath = new URL(clientUrl).pathname;
		await page.locator('details summary').first().click();
		await visit('client page, table open');
		await follow(`${clientPath}/edit`);
		await page.locator('#client-code').waitFor();
		await visit('edit client');
		await follow(clientPath);
		await page.locator('table.measurements a').first().click();
		await page.locator('.radar canvas').waitFor();
		await visit('measurement');

		// A conversation in the participant's language = the interface language here.
		await follow(clientPath);
		await follow(`${clientPath}/conversation`);
		await page.locator('#conversation-language').selectOption(language);
		await page.locator('[data-step=intro]').waitFor();
		await visit('conversation intro');
		await page.locator('[data-step=intro] section button.primary').click();
		await page.locator('.scale').waitFor();
		await visit('participant question');
		await page.locator('button[aria-controls=help-panel]').click();
		await visit('participant question, help open');
		for (let i = 0; i < 10; i++) {
			await page.locator('.scale input').nth(3).check();
			await page.locator('.step-nav .primary').click();
		}
		await page.locator('[data-step=handback]').waitFor();
		await visit('hand-back');
		// Leaving client mode asks for the caseworker's passphrase.
		await page.locator('.caseworker button.primary').click();
		await page.locator('dialog[open] #caseworker-check-passphrase').waitFor();
		await visit('client-mode passphrase dialog');
		await page.locator('#caseworker-check-passphrase').fill(PASSPHRASE);
		await page.locator('dialog[open] button[type=submit]').click();
		await page.locator('[data-step=caseworker] .scale').waitFor({ timeout: 15_000 });
		await visit('caseworker question');
		for (let i = 0; i < 11; i++) {
			await page.locator('.scale input').nth(2).check();
			await page.locator('.step-nav .primary').click();
		}
		await page.locator('.radar canvas').waitFor();
		await visit('result');
		await page.reload();
		await page.locator('#lock-title').waitFor({ timeout: 15_000 });
		await unlock();
		await page.locator('#resume-title').waitFor();
		await visit('resume prompt');

		await go(clientUrl);
		await page.locator('.client-header .danger').click();
		await expect(page.locator('dialog[open]')).toBeVisible();
		await visit('delete dialog');
		// A screen-reader user hears the title first: two different pages never share one.
		const seen = new Map<string, string>();
		for (const [path, set] of titles)
			for (const title of set) {
				expect(seen.get(title), `"${title}" is the title of ${path} and ${seen.get(title)}`).toBe(
					undefined
				);
				seen.set(title, path);
			}
	});
}

// The privacy and accessibility statement, in its own test so the long walk above stays within its time.
for (const language of LANGUAGES) {
	test(`the privacy and accessibility statement has zero axe violations (${language})`, async ({
		page
	}) => {
		await page.addInitScript((l) => localStorage.setItem('framsteg.uiLanguage', l), language);
		await page.goto('/');
		await page.locator('#setup-name').fill('AB');
		await page.locator('form button[type=submit]').click();
		await page.locator('main h1').waitFor();
		await page.goto('/privacy');
		await page.locator('#a11y-heading').waitFor();
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await expect(page.locator('html')).toHaveAttribute('dir', RTL.has(language) ? 'rtl' : 'ltr');
		await expectNoViolations(page, `privacy statement (${language})`);
	});
}

test('control: axe does report a violation when there is one', async ({ page }) => {
	await page.goto('/');
	await page.locator('#setup-name').waitFor();
	await page.evaluate(() => {
		const img = document.createElement('img');
		img.src = '/icon-192.png';
		document.querySelector('main')?.append(img);
	});
	const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	expect(result.violations.map((v) => v.id)).toContain('image-alt');
});
