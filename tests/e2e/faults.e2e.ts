import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { App, PASSPHRASE } from './page-models/app';
import { countRows, patchDrafts } from './page-models/idb';

test('without IndexedDB (private mode) the app says so instead of showing an empty register', async ({
	page
}) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
	});
	await page.goto('/');
	await expect(
		page.getByRole('heading', { name: 'Det går inte att komma åt lagringen' })
	).toBeVisible();
	await expect(page.getByText(/privat läge/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Kom igång med Framsteg' })).toHaveCount(0);
});

test('storage full while saving: a clear message, the answers stay, nothing saved is lost', async ({
	page,
	app,
	conversation
}) => {
	// A switch the test can flip: while on, every IndexedDB write fails with QuotaExceededError.
	await page.addInitScript(() => {
		const w = window as unknown as { __storageFull: boolean };
		w.__storageFull = false;
		for (const method of ['add', 'put'] as const) {
			const original = IDBObjectStore.prototype[method];
			IDBObjectStore.prototype[method] = function (
				this: IDBObjectStore,
				...args: [unknown, IDBValidKey?]
			) {
				if (w.__storageFull)
					throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return original.apply(this, args);
			} as typeof original;
		}
	});
	await app.setUp({ withDemo: true });
	await app.openClient('DEMO-1');
	expect(await countRows(page, 'measurements')).toBe(3);
	await conversation.start();
	await conversation.answerClient([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
	await conversation.handBack();
	await conversation.answerCaseworker([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);

	await page.evaluate(
		() => ((window as unknown as { __storageFull: boolean }).__storageFull = true)
	);
	await page.getByRole('button', { name: 'Spara samtalet' }).click();
	await expect(page.getByText(/Lagringsutrymmet på enheten är fullt/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Resultat' })).toBeVisible();
	expect(await countRows(page, 'measurements')).toBe(3);
	expect(await countRows(page, 'drafts')).toBe(1);

	// Space is freed: the same screen saves.
	await page.evaluate(
		() => ((window as unknown as { __storageFull: boolean }).__storageFull = false)
	);
	await page.getByRole('button', { name: 'Spara samtalet' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Mätning/ })).toBeVisible();
	expect(await countRows(page, 'measurements')).toBe(4);
	expect(await countRows(page, 'drafts')).toBe(0);
});

async function expectNoViolations(page: Page, where: string) {
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const summary = result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${where}`).toEqual([]);
}

/** Deletes the client of `clientUrl` in a second tab of the same browser. */
async function deleteInAnotherTab(page: Page, clientUrl: string) {
	const other = await page.context().newPage();
	await new App(other).gotoAndUnlock(clientUrl);
	await other.getByRole('button', { name: 'Radera' }).click();
	await other.getByRole('button', { name: 'Radera deltagaren' }).click();
	// The register, not the participant's own page ("Deltagare DEL-2"): the delete is done.
	await expect(
		other.getByRole('heading', { level: 1, name: 'Deltagare', exact: true })
	).toBeVisible();
	await other.close();
}

const DELETED = 'Deltagaren har raderats, troligen i en annan flik, så samtalet kan inte sparas.';

test('a client deleted in another tab before the conversation is saved: saving says so, as final, nothing half-saved', async ({
	page,
	app,
	conversation
}) => {
	await app.setUp();
	await app.addClient('DEL-1');
	const clientUrl = page.url();
	await conversation.start();
	await conversation.answerClient([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
	await conversation.handBack();
	await conversation.answerCaseworker([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);

	await deleteInAnotherTab(page, clientUrl);
	await page.getByRole('button', { name: 'Spara samtalet' }).click();
	// Told why, in the status line; no "try again" that could never succeed.
	await expect(page.getByRole('status').filter({ hasText: DELETED })).toBeVisible();
	await expect(page.getByText(/Försök igen/)).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 1, name: 'Samtalet är avbrutet' })).toBeFocused();
	await expect(page.getByRole('button', { name: 'Spara samtalet' })).toHaveCount(0);
	expect(await countRows(page, 'measurements')).toBe(0);
	expect(await countRows(page, 'clients')).toBe(0);
	await page.getByRole('link', { name: 'Tillbaka till deltagarlistan' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare' })).toBeVisible();
	await app.gotoAndUnlock(clientUrl);
	await expect(page.getByRole('heading', { name: 'Sidan finns inte' })).toBeVisible();
});

test('a client deleted in another tab during client mode: the next answer stops the conversation; the participant is asked to hand back, the caseworker is told', async ({
	page,
	app,
	conversation
}) => {
	test.setTimeout(90_000);
	await app.setUp();
	await page.getByRole('link', { name: 'Ny deltagare' }).click();
	await page.getByLabel('Kod eller pseudonym').fill('DEL-2');
	await page.getByLabel('Språk för frågorna').selectOption('ar');
	await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare DEL-2' })).toBeVisible();
	const clientUrl = page.url();
	await conversation.start();
	await page.locator('.scale input').nth(2).check();
	await expect(page.locator('.save-state')).toHaveText('تم الحفظ');
	await page.locator('.step-nav .primary').click();
	await expect(page.locator('.progress-text')).toContainText('2');

	await deleteInAnotherTab(page, clientUrl);
	// The participant answers the next question: the autosave is refused, and the
	// conversation stops at once instead of saying "Saved" for nine more questions.
	// A click, not check(): the scale is gone before check() could see it checked.
	await page.locator('.scale input').nth(3).click();
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('أعطِ الجهاز اللوحي للموظف المسؤول.');
	await expect(heading).toBeFocused();
	await expect(page.locator('.client-text .own')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('.client-text .swedish')).toContainText(
		'Ge surfplattan till handläggaren.'
	);
	await expect(page.locator('.scale')).toHaveCount(0);
	await expect(page.locator('.save-state')).toHaveText('');
	// Nothing else for the participant: no reason, no code, no way out without the passphrase.
	await expect(page.locator('main')).not.toContainText('raderats');
	await expect(page.locator('main')).not.toContainText('DEL-2');
	await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
	await expectNoViolations(page, 'client mode, client deleted');

	// The caseworker takes the tablet back with the passphrase and is told why.
	await conversation.handBack(PASSPHRASE);
	await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Samtalet är avbrutet' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: DELETED })).toBeVisible();
	await expect(page.getByText(/Försök igen/)).toHaveCount(0);
	await expectNoViolations(page, 'conversation stopped, client deleted');
	expect(await countRows(page, 'drafts')).toBe(0);
	await page.getByRole('link', { name: 'Tillbaka till deltagarlistan' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'DEL-2' })).toHaveCount(0);
});

test('a stored draft with an out-of-range answer resumes without it, and says so', async ({
	page,
	app,
	conversation
}) => {
	await app.setUp();
	await app.addClient('OOR-1');
	await conversation.start();
	await conversation.answerOne(3);
	await conversation.answerOne(4);
	// The last answer is on disk before another program changes the draft.
	await expect(page.getByText('Sparat', { exact: true })).toBeVisible();
	await patchDrafts(page, [[['clientAnswers', 'client.job-search'], 9]]);
	await app.reloadAndUnlock();
	await expect(page.getByText('Ett svar passade inte frågorna och togs bort.')).toBeVisible();
	await page.getByRole('button', { name: 'Fortsätt samtalet' }).click();
	await expect(conversation.progress()).toHaveText('Fråga 3 av 10');
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	await expect(page.getByRole('radio', { name: /^4\b/ })).toBeChecked();
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
});

test('a draft from an unknown question version cannot be resumed and is restarted on request', async ({
	page,
	app,
	conversation
}) => {
	await app.setUp();
	await app.addClient('VER-1');
	await conversation.start();
	await conversation.answerOne(3);
	// The last answer is on disk before another program changes the draft.
	await expect(page.getByText('Sparat', { exact: true })).toBeVisible();
	await patchDrafts(page, [[['catalogueVersion'], 99]]);
	await app.reloadAndUnlock();
	await expect(page.getByText(/frågeversion som den här appen inte känner till/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Fortsätt samtalet' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Börja om' }).click();
	await expect(page.getByRole('heading', { name: /Samtal med/ })).toBeVisible();
	expect(await countRows(page, 'drafts')).toBe(1);
});

test('a personal identity number is refused as a client code', async ({ page, app }) => {
	await app.setUp();
	await page.getByRole('link', { name: 'Ny deltagare' }).click();
	for (const pin of ['19850412-1234', '850412-1234', '198504121234']) {
		await page.getByLabel('Kod eller pseudonym').fill(pin);
		await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
		await expect(page.getByText(/ser ut som ett personnummer/)).toBeVisible();
		await expect(page.getByLabel('Kod eller pseudonym')).toHaveAttribute('aria-invalid', 'true');
	}
	expect(await countRows(page, 'clients')).toBe(0);
});

test('another tab upgrading the database: this tab stops and asks for a reload', async ({
	page,
	context,
	app
}) => {
	await app.setUp();
	const other = await context.newPage();
	await other.goto('/settings');
	// A newer build in the other tab opens the database at a higher version.
	await other.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const open = indexedDB.open('framsteg', 10_000);
				open.onupgradeneeded = () => undefined;
				open.onsuccess = () => {
					open.result.close();
					resolve();
				};
			})
	);
	await expect(page.getByText(/Framsteg har uppdaterats i en annan flik/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Ladda om sidan' })).toBeVisible();
});
