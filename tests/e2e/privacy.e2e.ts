import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Exchange } from './page-models/exchange';

const STATEMENT = 'Integritet och tillgänglighet';

/** Presses Tab until the link with this name has focus (the way a keyboard user gets there). */
async function tabTo(page: Page, name: string) {
	for (let i = 0; i < 80; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
		if (focused === name) return;
	}
	throw new Error(`no focusable "${name}" within 80 tabs`);
}

/**
 * Grants persistent storage as a browser would for an installed or much-used app.
 * Playwright has no name for this permission in Chromium, so it goes through CDP.
 */
async function grantPersistence(context: BrowserContext, page: Page, baseURL: string | undefined) {
	const session = await context.newCDPSession(page);
	const { targetInfo } = await session.send('Target.getTargetInfo');
	await session.send('Browser.grantPermissions', {
		origin: new URL(baseURL ?? '').origin,
		browserContextId: targetInfo.browserContextId,
		permissions: ['durableStorage']
	});
	// The override lasts as long as this session: it is not detached, and ends with the context.
}

test('the privacy and accessibility statement is reached by keyboard and has its sections', async ({
	page,
	app
}) => {
	await app.setUp();
	await tabTo(page, STATEMENT);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/privacy$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(STATEMENT);
	await expect(page.getByRole('heading', { level: 2 })).toHaveText([
		'Vilka uppgifter som sparas',
		'Var uppgifterna finns',
		'Hur länge uppgifterna sparas',
		'Vem som kan se uppgifterna',
		'Ingenting lämnar enheten utan att du gör det',
		'Exportera och ta bort uppgifter',
		'Rättslig grund',
		'Tillgänglighetsredogörelse'
	]);
	await expect(page.getByRole('heading', { level: 3 })).toHaveText([
		'Hur vi testar',
		'Kända brister',
		'Rapportera brister',
		'Tillsyn'
	]);
	await expect(page.getByText(/uppgift av allmänt intresse/)).toBeVisible();
	await expect(page.getByText(/inte med stöd av samtycke/)).toBeVisible();
	await expect(page.getByText(/WCAG 2\.1 på nivå AA/)).toBeVisible();
	await expect(page.getByText(/DIGG/)).toBeVisible();
	await expect(page.getByText(/maskinöversatta utkast/)).toBeVisible();
	// The footer link says where we are; settings link here too.
	await expect(page.getByRole('link', { name: STATEMENT })).toHaveAttribute('aria-current', 'page');
	await app.gotoAndUnlock('/settings');
	await page.getByRole('link', { name: 'Läs om integritet och tillgänglighet' }).click();
	await expect(page).toHaveURL(/\/privacy$/);
});

test('the statement follows the interface language: Arabic is right to left', async ({
	page,
	app
}) => {
	await app.setUp();
	await page.evaluate(() => localStorage.setItem('framsteg.uiLanguage', 'ar'));
	await page.goto('/privacy');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('الخصوصية وإمكانية الوصول');
	await expect(page.getByRole('heading', { level: 2 })).toHaveCount(8);
	await expect(page.getByRole('heading', { level: 2 }).last()).toHaveText('بيان إمكانية الوصول');
	await expect(page.getByRole('link', { name: 'الخصوصية وإمكانية الوصول' })).toBeVisible();
});

test('storage that is not persistent is flagged in the app and in settings; granted, it says so', async ({
	page,
	context,
	app,
	baseURL
}) => {
	// Count the app's requests for persistence (the real API still answers).
	await page.addInitScript(() => {
		const w = window as unknown as { persistCalls: number };
		const persist = navigator.storage.persist.bind(navigator.storage);
		w.persistCalls = 0;
		navigator.storage.persist = () => (w.persistCalls++, persist());
	});
	await app.setUp();
	// Set-up asks once there is something to keep; a start-up asks again while not granted.
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls))
		.toBe(1);
	await app.reloadAndUnlock();
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls))
		.toBe(1);
	// Headless Chromium does not grant persistence to a site by itself.
	const alert = page.getByRole('complementary', { name: 'Lagring' });
	await expect(alert).toContainText('Webbläsaren kan ta bort uppgifterna på den här enheten');
	await alert.getByRole('link', { name: 'Lagring i inställningarna' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
	// Settings has the whole story, so the alert is not repeated there.
	await expect(alert).toHaveCount(0);
	const section = page.locator('section.storage');
	await expect(section.getByRole('heading', { level: 2 })).toHaveText('Lagring');
	await expect(section.locator('[data-persisted=false]')).toContainText(
		'Lagringen är inte beständig'
	);
	await expect(section.locator('.usage')).toHaveText(
		/^Appen använder [\d,\s\u00a0]+(byte|B|kB|MB|GB) av ungefär [\d,\s\u00a0]+(kB|MB|GB) som webbläsaren ger den\.$/
	);
	await expect(section.locator('.last-backup')).toHaveText(
		'Ingen säkerhetskopia har gjorts på den här enheten.'
	);

	await grantPersistence(context, page, baseURL);
	await section.getByRole('button', { name: 'Be om beständig lagring' }).click();
	await expect(section.locator('[data-persisted=true]')).toHaveText(
		'Lagringen är beständig. Webbläsaren tar inte bort uppgifterna av sig själv.'
	);
	await app.gotoAndUnlock('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare' })).toBeVisible();
	await expect(alert).toHaveCount(0);
});

test('a full backup is remembered; after 30 days without one the app reminds', async ({
	page,
	context,
	app,
	baseURL
}) => {
	await grantPersistence(context, page, baseURL);
	const start = new Date('2026-11-02T09:00:00+01:00');
	await page.clock.setFixedTime(start);
	await app.setUp();
	const alert = page.getByRole('complementary', { name: 'Lagring' });
	await expect(alert).toHaveCount(0);

	await app.gotoAndUnlock('/settings/backup');
	await new Exchange(page).backup();
	await app.gotoAndUnlock('/settings');
	await expect(page.locator('section.storage .last-backup')).toHaveText(
		'Senaste säkerhetskopia: 2 nov. 2026.'
	);

	// 29 days later: quiet. 30 days later: a reminder in the app and in settings.
	await page.clock.setFixedTime(new Date(start.getTime() + 29 * 86_400_000));
	await app.gotoAndUnlock('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare' })).toBeVisible();
	await expect(alert).toHaveCount(0);
	await page.clock.setFixedTime(new Date(start.getTime() + 30 * 86_400_000));
	await app.reloadAndUnlock();
	await expect(alert).toContainText('Ingen säkerhetskopia på minst 30 dagar.');
	await alert.getByRole('button', { name: 'Dölj' }).click();
	await expect(alert).toHaveCount(0);
	await app.gotoAndUnlock('/settings');
	await expect(page.locator('section.storage .backup-due')).toHaveText(
		'Det har gått minst 30 dagar utan säkerhetskopia. Gör en säkerhetskopia nu.'
	);
});
