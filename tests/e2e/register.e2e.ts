import { expect, test } from './fixtures';
import { countRows } from './page-models/idb';

test('clients can be added, searched, edited, archived, restored and deleted', async ({
	page,
	app
}) => {
	await app.setUp({ withDemo: true });
	await expect(page.getByText('Exempel')).toBeVisible();
	await app.addClient('Ärende-17');
	await app.home();
	await app.addClient('K-900');
	await app.home();

	// Search ignores case and accents.
	await page.getByLabel('Sök på kod').fill('arende');
	await expect(page.getByRole('link', { name: 'Ärende-17' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'K-900' })).toHaveCount(0);
	await page.getByLabel('Sök på kod').fill('zzz');
	await expect(page.getByText('Ingen deltagare har en kod som matchar sökningen.')).toBeVisible();
	await page.getByLabel('Sök på kod').fill('');

	// Edit: a code already in use is refused.
	await app.openClient('K-900');
	await page.getByRole('link', { name: 'Ändra' }).click();
	await page.getByLabel('Kod eller pseudonym').fill('ärende-17');
	await page.getByRole('button', { name: 'Spara' }).click();
	await expect(
		page.getByText('En annan deltagare har redan den koden på den här enheten.')
	).toBeVisible();
	await page.getByLabel('Kod eller pseudonym').fill('K-901');
	await page.getByLabel('Språk för frågorna').selectOption('en');
	await page.getByRole('radio', { name: 'Lättläst' }).check();
	await page.getByRole('button', { name: 'Spara' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare K-901' })).toBeVisible();
	await expect(page.locator('.details')).toContainText('English');
	await expect(page.locator('.details')).toContainText('Lättläst');

	// Archive moves the client out of the active list; restore brings it back.
	await page.getByRole('button', { name: 'Arkivera' }).click();
	await expect(page.getByText('(arkiverad)')).toBeVisible();
	await app.home();
	await expect(page.getByRole('link', { name: 'K-901' })).toHaveCount(0);
	await page.getByRole('radio', { name: 'Arkiverade' }).check();
	await page.getByRole('link', { name: 'K-901' }).click();
	await page.getByRole('button', { name: 'Återställ från arkivet' }).click();
	await expect(page.getByText('(arkiverad)')).toHaveCount(0);

	// Delete asks first; cancelling keeps everything, confirming removes the client and measurements.
	await app.openClient('DEMO-1');
	expect(await countRows(page, 'measurements')).toBe(3);
	await page.getByRole('button', { name: 'Radera' }).click();
	await page.getByRole('button', { name: 'Avbryt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /DEMO-1/ })).toBeVisible();
	await page.getByRole('button', { name: 'Radera' }).click();
	await page.getByRole('button', { name: 'Radera deltagaren' }).click();
	await expect(page.getByRole('link', { name: 'DEMO-1' })).toHaveCount(0);
	expect(await countRows(page, 'measurements')).toBe(0);
	expect(await countRows(page, 'clients')).toBe(2);
});

test('demo data is clearly marked and removed in one step from settings', async ({ page, app }) => {
	await app.setUp({ withDemo: true });
	await app.addClient('REAL-1');
	await app.menu('Inställningar');
	await page.getByRole('button', { name: 'Ta bort exempeldata' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Ta bort exempeldata' }).click();
	await expect(page.getByText('Exempeldata är borttagen.')).toBeVisible();
	// A fresh page load (locked first) shows what is stored.
	await app.gotoAndUnlock('/');
	await expect(page.getByRole('link', { name: 'DEMO-1' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'REAL-1' })).toBeVisible();
	expect(await countRows(page, 'measurements')).toBe(0);
});

test('a confirmation dialog holds the keyboard, closes with Escape and gives focus back', async ({
	page,
	app
}) => {
	await app.setUp();
	await app.addClient('K-1');
	const opener = page.getByRole('button', { name: 'Radera', exact: true });
	await opener.focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Radera deltagaren?' });
	await expect(dialog).toBeVisible();
	// Focus is inside, and Tab goes round the dialog's two buttons, never behind it.
	const inDialog = () =>
		page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null);
	expect(await inDialog()).toBe(true);
	for (let i = 0; i < 4; i++) {
		await page.keyboard.press('Tab');
		if (!(await inDialog())) {
			// Chromium lets Tab reach the browser's own UI after the last button; the
			// page behind the dialog stays out of reach.
			expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
		}
	}
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(opener).toBeFocused();
	// Nothing was deleted.
	await expect(page.getByRole('heading', { level: 1, name: /K-1/ })).toBeVisible();
	expect(await countRows(page, 'clients')).toBe(1);
});

test('no page scrolls sideways on a 320 px wide screen', async ({ page, app }) => {
	await page.setViewportSize({ width: 320, height: 700 });
	await app.setUp({ withDemo: true });
	const overflow = () =>
		page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
	expect(await overflow()).toBe(0);
	await page.locator('table a').first().click();
	await page.locator('.trend canvas').first().waitFor();
	expect(await overflow()).toBe(0);
	await page.locator('table.measurements a').first().click();
	await page.locator('.radar canvas').waitFor();
	expect(await overflow()).toBe(0);
	// The lock screen, too.
	await page.goto('/settings');
	await page.getByRole('heading', { name: 'Framsteg är låst' }).waitFor();
	expect(await overflow()).toBe(0);
	await app.unlock();
	await page.getByRole('heading', { level: 1, name: 'Inställningar' }).waitFor();
	expect(await overflow()).toBe(0);
});
