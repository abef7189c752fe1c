import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { App, PASSPHRASE, readTable } from './page-models/app';
import { countRows, openDatabase } from './page-models/idb';
import { downloadBytes, Exchange } from './page-models/exchange';

/**
 * Full backups (sealed, format 4): made with one button, restored on the same device
 * without a passphrase, and on another device with the passphrase that was in use when
 * the backup was made. Each device seals its rows with its own data key, so devices are
 * compared by the records they hold.
 */
const OTHER_PASSPHRASE = 'en helt annan lösenfras 7';

async function openBackupPage(app: App) {
	await app.menu('Inställningar');
	await app.page.getByRole('link', { name: 'Säkerhetskopia och återställning' }).click();
	await expect(
		app.page.getByRole('heading', { level: 1, name: 'Säkerhetskopia och återställning' })
	).toBeVisible();
}

/** A device with demo data, two own clients and a deletion (a tombstone), and its backup. */
async function deviceWithBackup(app: App, page: Page) {
	await app.setUp({ withDemo: true });
	await app.addClient('K-200');
	await app.home();
	await app.addClient('K-300');
	await app.openClient('K-300');
	await page.locator('.client-header .danger').click();
	await page.locator('dialog[open] .danger').click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare' })).toBeVisible();
	const before = await openDatabase(page);
	expect(before.tombstones).toHaveLength(1);
	expect(before.clients).toHaveLength(2);

	await openBackupPage(app);
	await expect(page.getByText(/krypteras alltid med den här enhetens nyckel/)).toBeVisible();
	// The pages are hashed and gathered off the main thread, in the app's own worker (CSP worker-src 'self').
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
	const download = await new Exchange(page).backup();
	expect(workers).toEqual([expect.stringMatching(/^\/_app\/immutable\/workers\/backup-pages/)]);
	expect(download.suggestedFilename()).toMatch(
		/^framsteg-backup-\d{4}-\d{2}-\d{2}-[0-9a-f]{4}\.json$/
	);
	const file = await downloadBytes(download);
	const lines = file.toString('utf8').trimEnd().split('\n');
	expect(JSON.parse(lines[0])).toMatchObject({ app: 'framsteg', kind: 'backup', formatVersion: 4 });
	expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, pages: lines.length - 2 });
	// Sealed rows only: no code, name or note in the file.
	for (const secret of ['K-200', 'DEMO-1', 'Anna Berg'])
		expect(file.toString('utf8')).not.toContain(secret);
	return { before, file, name: download.suggestedFilename() };
}

test('a backup restores on the same device after changes, with no passphrase to give', async ({
	page,
	app,
	pageErrors
}) => {
	const { before, file, name } = await deviceWithBackup(app, page);
	// A change after the backup: a new client.
	await app.home();
	await app.addClient('K-400');
	await openBackupPage(app);
	await new Exchange(page).chooseFile('Säkerhetskopia (.json)', name, file);
	await expect(page.getByRole('heading', { name: /^Förhandsvisning/ })).toBeVisible();
	await expect(
		page.getByText('Säkerhetskopian gjordes med den här enhetens nyckel.')
	).toBeVisible();
	// Every row says what the device holds now, beside the file: what the restore replaces.
	const table = await readTable(page, 'Innehåll');
	expect(table[0]).toEqual(['Innehåll', 'I filen', 'På enheten nu']);
	const count = expect.stringMatching(/^[1-9]\d*$/);
	expect(table.slice(1)).toEqual([
		['Deltagare', '2', '3'],
		['Mätningar', '3', '3'],
		['Pågående samtal', '0', '0'],
		['Borttagningsmarkeringar', '1', '1'],
		['Handlingsplaner', '1', '1'],
		['Insatser', count, count],
		['Byten av handläggare', count, count]
	]);
	// The demo's interventions and caseworker changes are on the device as in the file.
	for (const row of table.slice(6)) expect(row[2], row[0]).toBe(row[1]);
	await page.getByRole('button', { name: 'Ersätt allt och återställ' }).click();
	await expect(page.getByText('Återställningen är klar.', { exact: false })).toBeVisible();
	expect(await openDatabase(page)).toEqual(before);
	// The measurements came back in packs, not one row each; the app reads them as before.
	expect(await countRows(page, 'measurements')).toBe(0);
	expect(await countRows(page, 'measurementPackRows')).toBe(1);
	// With the directory that tells a save whether its measurement is packed already.
	expect(await countRows(page, 'packDirectory')).toBeGreaterThan(0);
	await app.home();
	await expect(page.getByRole('link', { name: 'K-200' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'K-400' })).toHaveCount(0);
	await app.openClient('DEMO-1');
	await expect(page.locator('table.measurements tbody tr')).toHaveCount(3);
	// A packed measurement opens, with its radar.
	await page.locator('table.measurements a').first().click();
	await expect(page.locator('canvas').first()).toBeVisible();
	expect(pageErrors).toEqual([]);
});

test('a backup restores on another device with the passphrase in use when it was made', async ({
	page,
	app,
	browser,
	security,
	pageErrors
}) => {
	const { before, file, name } = await deviceWithBackup(app, page);

	// Another device, set up with another passphrase (so another data key).
	const other = await browser.newContext();
	await security.watch(other);
	const page2 = await other.newPage();
	const errors2: string[] = [];
	page2.on('pageerror', (e) => errors2.push(e.message));
	const app2 = new App(page2);
	await app2.setUp({ name: 'Ny enhet', passphrase: OTHER_PASSPHRASE });
	await openBackupPage(app2);
	const exchange2 = new Exchange(page2);
	await exchange2.chooseFile('Säkerhetskopia (.json)', name, file);
	const ask = page2.getByLabel('Lösenfras eller återställningsnyckel för säkerhetskopian');
	await expect(ask).toBeVisible();
	await expect(page2.getByText(/gjordes med en annan nyckel än den här enhetens/)).toBeVisible();
	// This device's own passphrase does not open it, and nothing changes.
	await ask.fill(OTHER_PASSPHRASE);
	await page2.getByRole('button', { name: 'Lås upp' }).click();
	await expect(page2.locator('.import-error')).toContainText(
		'Lösenfrasen eller återställningsnyckeln passar inte till den här säkerhetskopian.'
	);
	await expect(ask).toBeVisible();
	// The first device's passphrase does.
	await ask.fill(PASSPHRASE);
	await page2.getByRole('button', { name: 'Lås upp' }).click();
	await expect(page2.getByRole('heading', { name: /^Förhandsvisning/ })).toBeVisible();
	await expect(page2.getByText(/Allt krypteras om med den här enhetens nyckel/)).toBeVisible();
	const table = await readTable(page2, 'Innehåll');
	expect(table.slice(1)).toEqual([
		['Deltagare', '2', '0'],
		['Mätningar', '3', '0'],
		['Pågående samtal', '0', '0'],
		['Borttagningsmarkeringar', '1', '0'],
		['Handlingsplaner', '1', '0'],
		['Insatser', expect.stringMatching(/^\d+$/), '0'],
		['Byten av handläggare', expect.stringMatching(/^\d+$/), '0']
	]);
	await page2.getByRole('button', { name: 'Ersätt allt och återställ' }).click();
	await expect(page2.getByText('Återställningen är klar.', { exact: false })).toBeVisible();
	// Re-sealed with this device's key: opened with this device's passphrase, the same records.
	expect(await openDatabase(page2, OTHER_PASSPHRASE)).toEqual(before);
	// The restored profile is in use at once; the device keeps its own passphrase.
	await expect(page2.getByText('Anna Berg', { exact: false }).first()).toBeVisible();
	await page2.reload();
	await app2.unlock(OTHER_PASSPHRASE);
	await app2.home();
	await expect(page2.getByRole('link', { name: 'K-200' })).toBeVisible();
	await other.close();
	expect(errors2).toEqual([]);
	expect(pageErrors).toEqual([]);
});

test('a backup changed after it was made is refused by the restore, and nothing changes', async ({
	page,
	app,
	pageErrors
}) => {
	const { before, file, name } = await deviceWithBackup(app, page);
	// One sealed byte changed in the measurements' page: the header, the first page and the
	// sealed trailer are as they were, so the preview shows; the restore reads every line.
	const lines = file.toString('utf8').trimEnd().split('\n');
	const at = lines.findIndex((line) => line.startsWith('{"t":"measurements"'));
	expect(at).toBeGreaterThan(0);
	const digit = lines[at].indexOf('"enc":"') + 20;
	const swapped = lines[at][digit] === 'A' ? 'B' : 'A';
	lines[at] = lines[at].slice(0, digit) + swapped + lines[at].slice(digit + 1);
	const changed = Buffer.from(`${lines.join('\n')}\n`, 'utf8');

	await openBackupPage(app);
	await new Exchange(page).chooseFile('Säkerhetskopia (.json)', name, changed);
	await expect(page.getByRole('heading', { name: /^Förhandsvisning/ })).toBeVisible();
	await page.getByRole('button', { name: 'Ersätt allt och återställ' }).click();
	await expect(page.getByText('Säkerhetskopian är skadad', { exact: false })).toBeVisible();
	await expect(page.getByText('Inget har importerats eller ändrats.')).toBeVisible();
	expect(await openDatabase(page)).toEqual(before);
	expect(pageErrors).toEqual([]);
});
