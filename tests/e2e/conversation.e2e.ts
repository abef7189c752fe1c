import { expect, test } from './fixtures';
import {
	App,
	canvasIsPainted,
	PASSPHRASE,
	readTable,
	type ScriptedAnswer
} from './page-models/app';
import { expectedResultRows, expectedTalkingPoints, INDICATOR_LABELS } from './expected';

const FIRST = {
	date: '2026-06-01',
	shown: '1 juni 2026',
	client: [2, 3, 'dont-understand', 4, 3, 2, 'declined', 4, 2, 3] as ScriptedAnswer[],
	caseworker: [4, 3, 3, 4, 5, 2, 3, 4, 4, 3, 4]
};
const SECOND = {
	date: '2026-09-01',
	shown: '1 sep. 2026',
	client: [4, 4, 3, 5, 3, 3, 2, 5, 3, 4] as ScriptedAnswer[],
	caseworker: [4, 4, 4, 4, 4, 3, 3, 4, 5, 4, 5]
};

test('a caseworker registers a client and runs two conversations; the radar compares them', async ({
	page,
	app,
	conversation,
	pageErrors
}) => {
	await app.setUp();
	await app.addClient('K-101', { gender: 'Kvinna' });

	// First conversation.
	await conversation.start({ date: FIRST.date });
	// Client mode: no navigation, nothing about other clients.
	await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
	await conversation.answerClient(FIRST.client);
	// The hand-back screen is still client mode.
	await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
	await conversation.handBack();
	await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
	await conversation.answerCaseworker(FIRST.caseworker);
	const firstRows = await readTable(page, 'Skattningar per område');
	expect(firstRows.slice(1)).toEqual(
		expectedResultRows(FIRST.client, FIRST.caseworker.slice(0, 10))
	);
	await expect(page.locator('tr.highlight th')).toHaveCount(
		expectedTalkingPoints(FIRST.client, FIRST.caseworker).length
	);
	await expect(page.getByText('Det här är den första mätningen.')).toBeVisible();
	expect(await canvasIsPainted(page)).toBe(true);
	await conversation.finish({ focus: ['Jobbsökande', 'Samarbete'], note: 'Vill prova praktik.' });

	// Second conversation, three months later.
	await page.getByRole('link', { name: 'Tillbaka till deltagaren' }).click();
	await conversation.start({ date: SECOND.date });
	await conversation.answerClient(SECOND.client);
	await conversation.handBack();
	await conversation.answerCaseworker(SECOND.caseworker);
	const secondRows = await readTable(page, 'Skattningar per område');
	expect(secondRows[0]).toEqual([
		'Område',
		'Deltagaren nu',
		'Handläggaren nu',
		'Skillnad',
		'Deltagaren förra gången',
		'Förändring'
	]);
	expect(secondRows.slice(1)).toEqual(
		expectedResultRows(SECOND.client, SECOND.caseworker.slice(0, 10), FIRST.client)
	);
	await expect(
		page.getByText('Jobbsökande: deltagaren skattar högre än förra gången (2 → 4).')
	).toBeVisible();
	await conversation.finish({ focus: ['Ta kontakt'] });

	// The saved measurement shows the same numbers, and the previous one.
	const savedRows = await readTable(page, 'Skattningar per område');
	expect(savedRows.slice(1)).toEqual(
		expectedResultRows(SECOND.client, SECOND.caseworker.slice(0, 10), FIRST.client)
	);

	// Client page: both measurements, newest first, overlaid on one radar with a table.
	await page.getByRole('link', { name: 'Tillbaka till deltagaren' }).click();
	const list = await readTable(page, 'Mätningar, nyaste först');
	expect(list.slice(1).map((r) => r[0])).toEqual([SECOND.shown, FIRST.shown]);
	const overlay = await readTable(page, 'Siffrorna i jämförelsen');
	expect(overlay[0]).toEqual(['Område', FIRST.shown, SECOND.shown]);
	const show = (a: ScriptedAnswer) => (typeof a === 'number' ? String(a) : '–');
	expect(overlay.slice(1)).toEqual(
		INDICATOR_LABELS.map((label, i) => [label, show(FIRST.client[i]), show(SECOND.client[i])])
	);
	expect(await canvasIsPainted(page)).toBe(true);
	// The caseworker's perspective on the same radar.
	await page.getByRole('radio', { name: 'Handläggarens' }).check();
	const caseworkerOverlay = await readTable(page, 'Siffrorna i jämförelsen');
	expect(caseworkerOverlay[1]).toEqual(['Jobbsökande', '4', '4']);
	expect(caseworkerOverlay[5]).toEqual(['Stöd från nätverk', '5', '4']);
	// A line chart per indicator, each with its table.
	await expect(page.locator('.trend canvas')).toHaveCount(10);
	await page.getByText('Visa siffrorna som tabell').first().click();
	const trend = await readTable(page, 'Jobbsökande över tid');
	expect(trend.slice(1)).toEqual([
		[FIRST.shown, '2', '4'],
		[SECOND.shown, '4', '4']
	]);
	// Overlay choice lives in the URL: unselect the first measurement.
	await page
		.getByRole('checkbox', { name: `Visa mätningen från ${FIRST.shown} i jämförelsen` })
		.uncheck();
	await expect(page).toHaveURL(/compare=/);
	const single = await readTable(page, 'Siffrorna i jämförelsen');
	expect(single[0]).toEqual(['Område', SECOND.shown]);

	expect(pageErrors).toEqual([]);
});

test('a conversation survives a reload and a closed tab, and continues where it was', async ({
	page,
	context,
	app,
	conversation
}) => {
	await app.setUp();
	await app.addClient('K-202');
	await conversation.start();
	await conversation.answerOne(5);
	await conversation.answerOne('declined');
	await conversation.answerOne(2);
	await expect(conversation.progress()).toHaveText('Fråga 4 av 10');
	await expect(page.getByText('Sparat', { exact: true })).toBeVisible();

	// A reload starts locked; after unlocking, the conversation is offered again.
	await app.reloadAndUnlock();
	await expect(page.getByRole('heading', { name: 'Ett samtal pågår' })).toBeVisible();
	await page.getByRole('button', { name: 'Fortsätt samtalet' }).click();
	await expect(conversation.progress()).toHaveText('Fråga 4 av 10');
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	await expect(page.getByRole('radio', { name: /^2\b/ })).toBeChecked();
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	await expect(page.getByRole('button', { name: 'Jag vill inte svara' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	// Close the tab; a new tab finds the conversation from the client page.
	const url = page.url().replace(/\/conversation$/, '');
	await page.close();
	const tab = await context.newPage();
	const tabApp = new App(tab);
	await tabApp.gotoAndUnlock(url);
	await expect(tab.getByText(/Ett samtal från .* pågår/)).toBeVisible();
	await tab.getByRole('link', { name: 'Fortsätt samtalet' }).click();
	await tab.getByRole('button', { name: 'Fortsätt samtalet' }).click();
	await expect(tab.locator('.progress-text')).toHaveText('Fråga 2 av 10');

	// The register marks the client as having a conversation in progress.
	await tabApp.gotoAndUnlock('/');
	await expect(tab.getByRole('row', { name: /K-202/ })).toContainText('Samtal pågår');
});

test('the whole conversation can be done with the keyboard only', async ({ page, app }) => {
	await app.setUp();
	await app.addClient('K-303');

	/** Presses Tab until the focused element has this accessible text. */
	async function tabTo(name: RegExp, max = 40) {
		for (let i = 0; i < max; i++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				return (
					el?.getAttribute('aria-label') ||
					el?.innerText ||
					el?.closest('label')?.innerText ||
					''
				).trim();
			});
			if (name.test(focused)) return;
		}
		throw new Error(`could not reach ${name} with Tab`);
	}

	await tabTo(/^Starta nytt samtal$/);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /Samtal med/ })).toBeVisible();
	await tabTo(/^Starta deltagarens frågor$/);
	await page.keyboard.press('Enter');

	/** Selects step `value` in the scale with Space and arrow keys, then goes on with Enter on Next. */
	async function rate(value: number) {
		await tabTo(/^1\s/);
		await page.keyboard.press('Space');
		for (let i = 1; i < value; i++) await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('radio', { name: new RegExp(`^${value}\\b`) })).toBeChecked();
		await tabTo(/^Nästa$/);
		await page.keyboard.press('Enter');
	}

	for (let i = 0; i < 10; i++) await rate((i % 6) + 1);
	await expect(page.getByRole('heading', { name: 'Tack för dina svar!' })).toBeVisible();
	await tabTo(/^Jag är handläggaren, fortsätt$/);
	await page.keyboard.press('Enter');
	// Leaving client mode asks for the caseworker's passphrase, also by keyboard.
	const check = page.getByRole('dialog', { name: 'Handläggaren tar över' });
	await expect(check).toBeVisible();
	for (let i = 0; i < 10; i++) {
		if (await page.evaluate(() => document.activeElement?.id === 'caseworker-check-passphrase'))
			break;
		await page.keyboard.press('Tab');
	}
	await expect(check.getByLabel('Lösenfras', { exact: true })).toBeFocused();
	await page.keyboard.type(PASSPHRASE);
	await page.keyboard.press('Enter');
	await expect(check).toBeHidden({ timeout: 15_000 });
	for (let i = 0; i < 11; i++) await rate((i % 5) + 1);
	await expect(page.getByRole('heading', { name: 'Resultat' })).toBeVisible();
	await tabTo(/^Jobbsökande$/);
	await page.keyboard.press('Space');
	await expect(page.getByRole('checkbox', { name: 'Jobbsökande', exact: true })).toBeChecked();
	await tabTo(/^Spara samtalet$/);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: /^Mätning/ })).toBeVisible();
	const rows = await readTable(page, 'Skattningar per område');
	expect(rows[1].slice(0, 3)).toEqual(['Jobbsökande', '1', '1']);
	expect(rows[2].slice(0, 3)).toEqual(['Kunskap om arbetsmarknaden', '2', '2']);
});
