import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page, where: string) {
	// Let charts and live regions settle before scanning.
	await page.waitForLoadState('networkidle');
	const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${where}`).toEqual([]);
}

for (const language of ['sv', 'en'] as const) {
	test(`every route and conversation screen has zero axe violations (${language})`, async ({
		page,
		app,
		conversation
	}) => {
		test.setTimeout(120_000);
		await page.goto('/');
		if (language === 'en') {
			await page.getByLabel('Språk').selectOption('en');
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		}
		await expectNoViolations(page, 'setup');
		// The rest of the walk uses the Swedish page models, so set up in Swedish and switch after.
		if (language === 'en') await page.getByLabel('Language').selectOption('sv');
		await app.setUp({ withDemo: true });
		if (language === 'en') await page.getByLabel('Språk').selectOption('en');
		const lang = language;
		const visit = async (where: string) => expectNoViolations(page, `${where} (${lang})`);

		await visit('register');
		await page.goto('/?');
		await page.locator('input[type=radio][value=archived]').check();
		await visit('register, archived (empty)');
		await page.goto('/clients/new');
		await visit('new client');
		await page.goto('/settings');
		await visit('settings');
		await page.goto('/clients/00000000-0000-0000-0000-000000000000');
		await visit('not found');

		await page.goto('/');
		await page.locator('table a', { hasText: 'DEMO-1' }).click();
		await page.locator('.trend canvas').first().waitFor();
		await visit('client page');
		const clientUrl = page.url();
		await page.locator('details summary').first().click();
		await visit('client page, table open');
		await page.goto(`${clientUrl}/edit`);
		await visit('edit client');
		await page.goto(clientUrl);
		await page.locator('table.measurements a').first().click();
		await page.locator('.radar canvas').waitFor();
		await visit('measurement');

		await page.goto(`${clientUrl}/conversation`);
		await page.locator('[data-step=intro]').waitFor();
		await visit('conversation intro');
		await page.locator('[data-step=intro] button.primary').click();
		await visit('client question');
		await page.locator('button[aria-controls=help-panel]').click();
		await visit('client question, help open');
		for (let i = 0; i < 10; i++) {
			await page.locator('.scale input').nth(3).check();
			await page.locator('.step-nav .primary').click();
		}
		await page.locator('[data-step=handback]').waitFor();
		await visit('hand-back');
		await page.locator('.caseworker button.primary').click();
		await visit('caseworker question');
		for (let i = 0; i < 11; i++) {
			await page.locator('.scale input').nth(2).check();
			await page.locator('.step-nav .primary').click();
		}
		await page.locator('[data-step=result]').waitFor();
		await visit('result');
		await page.reload();
		await page.locator('#resume-title').waitFor();
		await visit('resume prompt');

		// The delete confirmation dialog.
		await page.goto(clientUrl);
		await page.locator('.client-header .danger').click();
		await expect(page.locator('dialog[open]')).toBeVisible();
		await visit('delete dialog');
		void conversation;
	});
}
