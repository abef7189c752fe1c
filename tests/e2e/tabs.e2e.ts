import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { App, Conversation, readTable } from './page-models/app';

/** A second tab of the same browser (same database), unlocked at the same address. */
async function secondTab(context: BrowserContext, page: Page): Promise<Page> {
	const tab = await context.newPage();
	await new App(tab).gotoAndUnlock(page.url());
	return tab;
}

const CONFLICT = /har ändrats i en annan flik eller ett annat fönster sedan du öppnade dem/;

test('two tabs editing the same participant: the second save is refused, nothing is lost', async ({
	page,
	context,
	app,
	pageErrors
}) => {
	await app.setUp();
	await app.addClient('AR-2');
	await page.getByRole('link', { name: 'Ändra', exact: true }).click();
	await expect(page.getByLabel('Kod eller pseudonym')).toHaveValue('AR-2');
	const tabB = await secondTab(context, page);
	await expect(tabB.getByLabel('Kod eller pseudonym')).toHaveValue('AR-2');

	// Tab A changes the code and saves.
	await page.getByLabel('Kod eller pseudonym').fill('AR-2A');
	await page.getByRole('button', { name: 'Spara', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare AR-2A' })).toBeVisible();

	// Tab B, opened before that save, changes only the gender: refused, with its values kept.
	await tabB.getByLabel('Kön').selectOption({ label: 'Man' });
	await tabB.getByRole('button', { name: 'Spara', exact: true }).click();
	await expect(tabB.getByRole('alert')).toContainText(CONFLICT);
	await expect(tabB.getByLabel('Kön')).toHaveValue('man');
	await expect(tabB.getByLabel('Kod eller pseudonym')).toHaveValue('AR-2');

	// Tab A's code is still stored; tab B asks for the latest and makes its change on it.
	await tabB.getByRole('button', { name: 'Visa det senaste (mina ändringar tas bort)' }).click();
	await expect(tabB.getByLabel('Kod eller pseudonym')).toHaveValue('AR-2A');
	await expect(tabB.getByRole('alert')).toHaveCount(0);
	await tabB.getByLabel('Kön').selectOption({ label: 'Man' });
	await tabB.getByRole('button', { name: 'Spara', exact: true }).click();
	await expect(tabB.getByRole('heading', { level: 1, name: 'Deltagare AR-2A' })).toBeVisible();

	await app.reloadAndUnlock();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare AR-2A' })).toBeVisible();
	await page.getByRole('link', { name: 'Ändra', exact: true }).click();
	await expect(page.getByLabel('Kön')).toHaveValue('man');
	expect(pageErrors).toEqual([]);
});

test('two tabs editing the same action plan: a step added in one is not removed by the other', async ({
	page,
	context,
	app
}) => {
	await app.setUp();
	await app.addClient('PLAN-2');
	await page.getByRole('link', { name: 'Gör en handlingsplan' }).click();
	await page.getByRole('button', { name: 'Lägg till mål' }).click();
	await page.getByLabel(/^Mål för/).fill('Söka tre jobb i månaden');
	await page.getByRole('button', { name: 'Spara handlingsplanen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare PLAN-2' })).toBeVisible();

	await page.getByRole('link', { name: 'Redigera handlingsplanen' }).click();
	await expect(page.getByLabel('Status')).toBeVisible();
	const tabB = await secondTab(context, page);
	await expect(tabB.getByLabel('Status')).toHaveValue('active');

	// Tab A adds a step and saves.
	await page.getByLabel('Vad ska göras').fill('Nytt steg från flik A');
	await page.getByLabel('Vem', { exact: true }).selectOption({ label: 'Deltagaren' });
	await page.getByRole('button', { name: 'Lägg till steg' }).click();
	await page.getByRole('button', { name: 'Spara handlingsplanen' }).click();
	await expect(page.locator('.plan-summary')).toContainText('Nytt steg från flik A');

	// Tab B changes only the status: refused, the status it chose stays on screen.
	await tabB.getByLabel('Status').selectOption({ label: 'Följd upp' });
	await tabB.getByRole('button', { name: 'Spara handlingsplanen' }).click();
	await expect(tabB.getByRole('alert')).toContainText(CONFLICT);
	await expect(tabB.getByLabel('Status')).toHaveValue('reviewed');

	await app.reloadAndUnlock();
	await expect(page.locator('.plan-summary')).toContainText('Nytt steg från flik A');

	// Asking for the latest shows tab A's step in tab B's editor.
	await tabB.getByRole('button', { name: 'Visa det senaste (mina ändringar tas bort)' }).click();
	await expect(tabB.getByRole('rowheader', { name: 'Nytt steg från flik A' })).toBeVisible();
	await expect(tabB.getByLabel('Status')).toHaveValue('active');
});

test('the same conversation saved in two tabs: the second keeps its answers and can save them as a measurement of their own', async ({
	page,
	context,
	app,
	conversation
}) => {
	test.setTimeout(120_000);
	await app.setUp();
	await app.addClient('SAMTAL-2');
	await conversation.start();
	await expect(conversation.progress()).toHaveText('Fråga 1 av 10');

	// Tab B carries on the same conversation (the same draft).
	const tabB = await context.newPage();
	const appB = new App(tabB);
	const convB = new Conversation(tabB);
	await appB.gotoAndUnlock(page.url());
	await tabB.getByRole('button', { name: 'Fortsätt samtalet' }).click();
	await expect(convB.progress()).toHaveText('Fråga 1 av 10');

	await conversation.answerClient([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
	await conversation.handBack();
	await conversation.answerCaseworker([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
	await conversation.finish();
	const savedUrl = page.url();

	await convB.answerClient([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
	await convB.handBack();
	await convB.answerCaseworker([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
	await tabB.getByRole('button', { name: 'Spara samtalet' }).click();

	// Tab B is told, stays on its own result, and is not shown tab A's measurement.
	const alert = tabB.getByRole('alert');
	await expect(alert).toContainText(
		'Samtalet har redan sparats i en annan flik eller ett annat fönster, med andra svar.'
	);
	await expect(tabB.getByRole('heading', { level: 1, name: 'Resultat' })).toBeVisible();
	await expect(tabB).not.toHaveURL(savedUrl);

	// Its own answers are still on screen.
	const shownB = await readTable(tabB, 'Skattningar per område');
	expect(shownB[1].slice(1, 3)).toEqual(['5', '4']);

	await alert.getByRole('button', { name: 'Spara svaren här som en egen mätning' }).click();
	await expect(tabB.getByRole('heading', { level: 1, name: /^Mätning/ })).toBeVisible();
	expect(tabB.url()).not.toBe(savedUrl);
	const savedB = await readTable(tabB, 'Skattningar per område');
	expect(savedB[1].slice(1, 3)).toEqual(['5', '4']);

	// Both measurements are kept, each with its own answers.
	const savedA = await readTable(page, 'Skattningar per område');
	expect(savedA[1].slice(1, 3)).toEqual(['2', '2']);
	await app.openClient('SAMTAL-2');
	expect(await readTable(page, 'Mätningar, nyaste först')).toHaveLength(3);
});
