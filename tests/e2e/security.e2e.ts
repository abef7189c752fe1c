import { expect, test } from './fixtures';
import { PASSPHRASE } from './page-models/app';

test.describe('encryption at rest and the lock', () => {
	test('set-up, lock, wrong passphrase, unlock; reload starts locked', async ({ app, page }) => {
		await app.setUp();
		await app.addClient('LÅS-1');
		await expect(app.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
		await page.getByRole('button', { name: 'Lås nu' }).click();
		await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible();
		await expect(page.getByText('LÅS-1')).toHaveCount(0);
		await page.getByLabel('Lösenfras', { exact: true }).fill('fel lösenfras här');
		await page.getByRole('button', { name: 'Lås upp', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('Det stämmer inte');
		await app.unlock(PASSPHRASE);
		await expect(page.getByRole('heading', { level: 1, name: /LÅS-1/ })).toBeVisible();
		await app.reloadAndUnlock();
		await expect(page.getByRole('heading', { level: 1, name: /LÅS-1/ })).toBeVisible();
	});
});
