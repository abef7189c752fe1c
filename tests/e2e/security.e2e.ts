import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PASSPHRASE } from './page-models/app';

/** Everything the origin keeps on the device, as text: IndexedDB (all stores), web storage, caches. */
async function everythingStored(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const parts: string[] = [];
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('framsteg');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const bytes = (v: unknown) =>
			v instanceof Uint8Array || v instanceof ArrayBuffer
				? new TextDecoder('latin1').decode(v instanceof ArrayBuffer ? new Uint8Array(v) : v)
				: v;
		for (const name of [...db.objectStoreNames]) {
			const rows = await new Promise<unknown[]>((resolve) => {
				const r = db.transaction(name).objectStore(name).getAll();
				r.onsuccess = () => resolve(r.result);
			});
			for (const row of rows) parts.push(JSON.stringify(row, (_k, v) => bytes(v)));
		}
		db.close();
		for (const store of [localStorage, sessionStorage])
			for (let i = 0; i < store.length; i++)
				parts.push(`${store.key(i)}=${store.getItem(store.key(i)!)}`);
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				if (response && /json|html|text/.test(response.headers.get('content-type') ?? ''))
					parts.push(await response.text());
			}
		}
		return parts.join('\n');
	});
}

async function deleteAuditEntry(page: Page, seq: number) {
	await page.evaluate(
		(seq) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('framsteg');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('audit', 'readwrite');
					tx.objectStore('audit').delete(seq);
					tx.oncomplete = () => (open.result.close(), resolve());
				};
			}),
		seq
	);
}

test('C1/C2: while locked, the device holds no readable name, note or answer, and routes show the lock', async ({
	app,
	conversation,
	page
}) => {
	await app.setUp({ name: 'Handläggare Markör', unit: 'Enhet Markör' });
	await app.addClient('KOD-MARKÖR');
	await conversation.start();
	await conversation.answerOne(4);
	await expect(page.getByText('Sparat', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Lämna deltagarläget (handläggare)' }).click();
	await page.getByLabel('Lösenfras', { exact: true }).fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Fortsätt som handläggare' }).click();
	await page.getByRole('navigation').getByRole('link', { name: 'Deltagare', exact: true }).click();
	await page.getByRole('link', { name: 'KOD-MARKÖR', exact: true }).click();
	await page.getByRole('button', { name: 'Lås nu' }).click();
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible();

	const stored = await everythingStored(page);
	expect(stored.length).toBeGreaterThan(1000);
	for (const marker of ['KOD-MARKÖR', 'Handläggare Markör', 'Enhet Markör', 'korrekt häst'])
		expect(stored).not.toContain(marker);
	expect(stored).not.toContain(PASSPHRASE);
	expect(stored).not.toContain(app.recoveryKey);

	// A client's address while locked shows the lock screen, not the client.
	await page.goto(page.url());
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible();
	await expect(page.locator('body')).not.toContainText('KOD-MARKÖR');
});

test('C8: wrong passphrases slow down, the recovery key unlocks and sets a new passphrase', async ({
	app,
	page
}) => {
	await app.setUp();
	await app.addClient('R-1');
	await app.reloadAndUnlock();
	await page.getByRole('button', { name: 'Lås nu' }).click();
	for (let i = 0; i < 3; i++) {
		await page.getByLabel('Lösenfras', { exact: true }).fill(`fel lösenfras ${i}`);
		await page.getByRole('button', { name: 'Lås upp', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('Det stämmer inte');
	}
	await expect(page.getByRole('alert')).toContainText(/Vänta \d+ sekund/);
	await expect(page.getByRole('button', { name: 'Lås upp', exact: true })).toBeDisabled();
	// The wait survives a reload (the count is on the device).
	await page.reload();
	await expect(page.getByRole('alert')).toContainText(/Vänta \d+ sekund/);

	await page.getByRole('button', { name: 'Har du glömt lösenfrasen?' }).click();
	await page.getByLabel('Återställningsnyckel').fill(app.recoveryKey.toLowerCase());
	await page.getByLabel('Ny lösenfras').fill('en ny lång lösenfras');
	await page.getByLabel('Skriv lösenfrasen en gång till').fill('en ny lång lösenfras');
	await expect(page.getByRole('button', { name: 'Lås upp och spara ny lösenfras' })).toBeEnabled({
		timeout: 10_000
	});
	await page.getByRole('button', { name: 'Lås upp och spara ny lösenfras' }).click();
	await expect(page.getByRole('heading', { name: 'Deltagare R-1', level: 1 })).toBeVisible({
		timeout: 15_000
	});
	await page.reload();
	await app.unlock('en ny lång lösenfras');
	await expect(page.getByRole('heading', { name: 'Deltagare R-1', level: 1 })).toBeVisible();
});

test('C5: auto-lock warns first, can be put off again and again, locks every tab and resumes the conversation', async ({
	app,
	conversation,
	page,
	context
}) => {
	await page.clock.install();
	await app.setUp();
	await app.addClient('AUTO-1');
	await conversation.start();
	await conversation.answerOne(3);
	await conversation.answerOne(5);
	await expect(conversation.progress()).toHaveText('Fråga 3 av 10');

	// A second tab of the app, unlocked.
	const other = await context.newPage();
	await other.goto('/');
	await other.getByLabel('Lösenfras', { exact: true }).fill(PASSPHRASE);
	await other.getByRole('button', { name: 'Lås upp', exact: true }).click();
	await expect(other.getByRole('heading', { name: 'Deltagare', level: 1 })).toBeVisible({
		timeout: 15_000
	});

	const warning = page.getByRole('alertdialog', { name: 'Framsteg låses snart' });
	for (let i = 0; i < 10; i++) {
		await page.clock.fastForward('09:05');
		await expect(warning).toBeVisible();
		await expect(warning).toContainText(/Låses om (5[0-9]|60) sekunder/);
		await warning.getByRole('button', { name: 'Fortsätt arbeta' }).click();
		await expect(warning).toBeHidden();
	}
	// Ten times put off: still unlocked, on the same question.
	await expect(conversation.progress()).toHaveText('Fråga 3 av 10');

	await page.clock.fastForward('09:05');
	await expect(warning).toBeVisible();
	await page.clock.fastForward('01:00');
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible();
	// The other tab locks too, within a second.
	await expect(other.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible({
		timeout: 1_000
	});
	await expect(page.locator('body')).not.toContainText('AUTO-1');

	await app.unlock();
	await expect(conversation.progress()).toHaveText('Fråga 3 av 10');
	await conversation.answerOne(2);
	await expect(conversation.progress()).toHaveText('Fråga 4 av 10');
});

test('C6: client mode cannot be left by back, address, reload or a new tab; the page holds one client only', async ({
	app,
	conversation,
	page,
	context
}) => {
	await app.setUp();
	await app.addClient('ANNAN-KLIENT');
	await page.getByRole('navigation').getByRole('link', { name: 'Deltagare', exact: true }).click();
	await app.addClient('DENNA-KLIENT');
	await conversation.start();
	await conversation.answerOne(4);
	await expect(conversation.progress()).toHaveText('Fråga 2 av 10');
	const url = page.url();

	// No navigation on screen, no other client in the DOM.
	await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
	await expect(page.locator('a[href]:not([href^="#"])')).toHaveCount(0);
	expect(await page.content()).not.toContain('ANNAN-KLIENT');

	// Browser back: stays on the question.
	await page.goBack();
	await expect(conversation.progress()).toHaveText('Fråga 2 av 10');
	expect(page.url()).toBe(url);

	// Back from the first question asks for the caseworker's passphrase.
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	await expect(conversation.progress()).toHaveText('Fråga 1 av 10');
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	const dialog = page.getByRole('dialog', { name: 'Handläggaren tar över' });
	await expect(dialog).toBeVisible();
	await dialog.getByLabel('Lösenfras', { exact: true }).fill('gissar ett lösenord');
	await dialog.getByRole('button', { name: 'Fortsätt som handläggare' }).click();
	await expect(dialog.getByRole('alert')).toContainText('Det stämmer inte');
	await dialog.getByRole('button', { name: 'Avbryt' }).click();
	await expect(conversation.progress()).toHaveText('Fråga 1 av 10');

	// A new tab, or a typed address (a new page load), meets the lock screen.
	const tab = await context.newPage();
	await tab.goto('/');
	await expect(tab.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible();
	expect(await tab.content()).not.toContain('ANNAN-KLIENT');
	await tab.close();
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible();
	expect(await page.content()).not.toContain('ANNAN-KLIENT');
	await page.goBack();
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible();

	// The caseworker unlocks; the conversation is offered again, answers kept.
	await app.unlock();
	await page.getByRole('button', { name: 'Fortsätt samtalet' }).click();
	await expect(conversation.progress()).toHaveText('Fråga 1 av 10');
});

test('C9: the audit log shows who did what, exports, and detects a removed entry', async ({
	app,
	conversation,
	page
}) => {
	await app.setUp();
	await app.addClient('LOGG-1');
	await page.getByRole('link', { name: 'Ändra' }).click();
	await page.getByLabel('Kod eller pseudonym').fill('LOGG-2');
	await page.getByRole('button', { name: 'Spara' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /LOGG-2/ })).toBeVisible();
	void conversation;
	await page
		.getByRole('navigation', { name: 'Huvudmeny' })
		.getByRole('link', { name: 'Inställningar' })
		.click();
	await page.getByRole('link', { name: 'Logg över händelser' }).click();
	await expect(page.getByTestId('audit-check')).toContainText('Loggen är hel');
	const table = page.locator('table', { has: page.locator('caption', { hasText: 'Händelser' }) });
	await expect(table).toContainText('Skapade');
	await expect(table).toContainText('Ändrade');
	await expect(table).toContainText('Öppnade deltagare');
	await expect(table).toContainText('LOGG-2');
	await expect(table).toContainText('Anna Berg');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Exportera loggen (CSV)' }).click();
	expect((await download).suggestedFilename()).toMatch(
		/^framsteg-audit-\d{4}-\d\d-\d\d-[0-9a-f]{4}\.csv$/
	);

	await deleteAuditEntry(page, 2);
	await app.reloadAndUnlock();
	await expect(page.getByTestId('audit-check')).toContainText(
		'Varning: loggen är bruten vid post 2'
	);
});

test('A5: killing the page during saves, twenty times, loses nothing that was saved', async ({
	app,
	conversation,
	page,
	context
}) => {
	test.setTimeout(180_000);
	await app.setUp();
	await app.addClient('KRASCH-1');
	await conversation.start();
	await conversation.answerOne(4);
	await expect(conversation.progress()).toHaveText('Fråga 2 av 10');
	const conversationUrl = page.url();
	const checkedIndex = (p: Page) =>
		p
			.locator('input[type="radio"]')
			.evaluateAll((radios) => radios.findIndex((r) => (r as HTMLInputElement).checked));
	let current = page;
	for (let round = 0; round < 20; round++) {
		const confirmed = round % 6;
		const cutOff = (round + 3) % 6;
		// An answer that is saved ("Sparat" shown) ...
		await current.locator('input[type="radio"]').nth(confirmed).check();
		await expect(current.getByText('Sparat', { exact: true })).toBeVisible();
		// ... then a change, and the page is killed while that save may be under way.
		await current.locator('input[type="radio"]').nth(cutOff).check();
		await current.close({ runBeforeUnload: false });

		current = await context.newPage();
		await current.goto(conversationUrl);
		await current.getByLabel('Lösenfras', { exact: true }).fill(PASSPHRASE);
		await current.getByRole('button', { name: 'Lås upp', exact: true }).click();
		await current.getByRole('button', { name: 'Fortsätt samtalet' }).click();
		// Same question, earlier answers kept, and this answer is the saved one or the newer one.
		await expect(current.locator('.progress-text')).toHaveText('Fråga 2 av 10');
		expect([confirmed, cutOff]).toContain(await checkedIndex(current));
	}
	await current.getByRole('button', { name: 'Tillbaka' }).click();
	await expect(current.locator('input[type="radio"]').nth(3)).toBeChecked();
	void page;
});

test('D7: with the clock set back two years the app warns, and history keeps its order', async ({
	app,
	conversation,
	page
}) => {
	test.setTimeout(120_000);
	const runConversation = async (date?: string) => {
		await conversation.start(date ? { date } : {});
		await conversation.answerClient([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
		await page.getByRole('button', { name: 'Jag är handläggaren, fortsätt' }).click();
		const dialog = page.getByRole('dialog', { name: 'Handläggaren tar över' });
		await dialog.getByLabel('Lösenfras', { exact: true }).fill(PASSPHRASE);
		await dialog.getByRole('button', { name: 'Fortsätt som handläggare' }).click();
		await conversation.answerCaseworker([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
		await conversation.finish();
	};
	await app.setUp();
	await app.addClient('KLOCKA-1');
	await runConversation('2026-10-01');

	// The device clock goes two years back.
	await page.clock.install({ time: new Date('2024-11-27T10:00:00') });
	await app.reloadAndUnlock();
	await expect(page.getByTestId('clock-warning')).toContainText('klocka');
	await page.getByRole('link', { name: 'Tillbaka till deltagaren' }).first().click();
	await runConversation();
	await page.getByRole('link', { name: 'Tillbaka till deltagaren' }).first().click();
	// The client page (and its list of both conversations) has rendered.
	await expect(page.getByRole('heading', { level: 1, name: /KLOCKA-1/ })).toBeVisible();
	await expect(page.locator('main')).toContainText('1 okt. 2026');
	await expect(page.locator('main')).toContainText('27 nov. 2024');
	const text = (await page.locator('main').textContent()) ?? '';
	// Newest conversation date first, whatever the clock said when it was saved.
	expect(text.indexOf('1 okt. 2026')).toBeGreaterThan(-1);
	expect(text.indexOf('27 nov. 2024')).toBeGreaterThan(text.indexOf('1 okt. 2026'));
});

test('D3: retention lists archived participants past the period and removes them on confirmation', async ({
	app,
	page
}) => {
	await app.setUp();
	await app.addClient('GALLRA-1');
	await page.getByRole('button', { name: 'Arkivera' }).click();
	await page.getByRole('navigation').getByRole('link', { name: 'Deltagare', exact: true }).click();
	await app.addClient('BEHÅLL-1');
	await page
		.getByRole('navigation', { name: 'Huvudmeny' })
		.getByRole('link', { name: 'Inställningar' })
		.click();
	await page.getByRole('link', { name: 'Gallring av arkiverade deltagare' }).click();
	await page.getByLabel('Spara arkiverade deltagare i').selectOption({ label: '6 månader' });
	await expect(page.getByText('Gallringstiden är sparad.')).toBeVisible();
	await expect(page.getByText('Ingen deltagare ska gallras nu.')).toBeVisible();

	// Seven months later.
	await page.clock.install({ time: new Date(Date.now() + 213 * 86_400_000) });
	await app.reloadAndUnlock();
	await expect(page.getByTestId('retention-due')).toContainText('GALLRA-1');
	await expect(page.getByTestId('retention-due')).not.toContainText('BEHÅLL-1');
	await page.getByRole('button', { name: 'Gallra 1 deltagare nu' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Gallra 1 deltagare nu' }).click();
	await expect(page.getByText('1 deltagare har gallrats.')).toBeVisible();
	await page.getByRole('link', { name: 'Tillbaka till inställningar' }).click();
	await page.getByRole('link', { name: 'Logg över händelser' }).click();
	await expect(page.getByTestId('audit-check')).toContainText('Loggen är hel');
	await expect(page.locator('table')).toContainText('Gallrade');
	await expect(page.locator('table')).not.toContainText('GALLRA-1');
});
