import { expect, test } from './fixtures';
import { readTable } from './page-models/app';

test('after one visit the app works offline: reload, open a client, run and save a conversation', async ({
	page,
	context,
	app,
	conversation
}) => {
	await app.setUp();
	await app.addClient('OFF-1');
	const clientUrl = page.url();
	await app.waitForServiceWorker();

	await context.setOffline(true);
	// Every page load starts locked; the lock screen and unlocking work offline too.
	await app.reloadAndUnlock();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare OFF-1' })).toBeVisible();

	// A route never visited online still loads from the cached shell.
	await app.gotoAndUnlock('/settings');
	await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
	await app.gotoAndUnlock(clientUrl);
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare OFF-1' })).toBeVisible();

	await conversation.start({ date: '2026-10-01' });
	await conversation.answerClient([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
	await conversation.handBack();
	await conversation.answerCaseworker([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4]);
	await conversation.finish();

	await app.reloadAndUnlock();
	const rows = await readTable(page, 'Skattningar per område');
	expect(rows[1]).toEqual(['Jobbsökande', '3', '5', '+2']);
	await app.gotoAndUnlock('/');
	await expect(page.getByRole('row', { name: /OFF-1/ })).toContainText('1');
});

test.describe('control: without the service worker', () => {
	test.use({ serviceWorkers: 'block' });

	test('an offline reload fails, so the test above really measures the service worker', async ({
		page,
		context,
		app
	}) => {
		await app.setUp();
		await context.setOffline(true);
		await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	});
});
