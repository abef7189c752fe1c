import { expect, test } from './fixtures';
import { announced, App, canvasIsPainted, markLiveRegions, readTable } from './page-models/app';
import { dumpDatabase } from './page-models/idb';
import {
	downloadBytes,
	downloadText,
	Exchange,
	FILENAME,
	SV_EXCHANGE
} from './page-models/exchange';
import { hostileFiles } from '../fixtures/hostile-files';
import { encryptText } from '../../src/lib/core/exchange/crypto';

const PASS = 'en lång hemlig fras';
const LATEST_TABLE = 'Skattningar per område';

async function openLatestMeasurement(app: App) {
	await app.openClient('DEMO-1');
	await app.page.locator('table.measurements a').first().click();
	await expect(app.page.getByRole('heading', { level: 1, name: /^Mätning/ })).toBeVisible();
	await expect.poll(() => canvasIsPainted(app.page)).toBe(true);
}

test('a client exported (encrypted) and imported on a fresh device shows the same radar and table', async ({
	page,
	app,
	browser,
	pageErrors,
	security
}) => {
	await app.setUp({ withDemo: true });
	await openLatestMeasurement(app);
	const original = await readTable(page, LATEST_TABLE);
	await app.openClient('DEMO-1');
	const download = await new Exchange(page).exportClient(PASS);
	expect(download.suggestedFilename()).toMatch(FILENAME);
	expect(download.suggestedFilename()).toMatch(/^framsteg-client-/);
	const file = await downloadBytes(download);
	expect(file.toString('utf8')).not.toContain('DEMO-1');
	expect(JSON.parse(file.toString('utf8'))).toMatchObject({
		kind: 'encrypted',
		content: 'client',
		kdf: { iterations: 600000 }
	});

	// A colleague's device: a fresh browser context with its own profile.
	const other = await browser.newContext();
	await security.watch(other);
	const page2 = await other.newPage();
	const app2 = new App(page2);
	await app2.setUp({ name: 'Kollega', unit: 'Öst' });
	await app2.menu('Inställningar');
	await page2.getByRole('link', { name: 'Importera deltagare från fil' }).click();
	const exchange2 = new Exchange(page2);
	await exchange2.chooseFile('Deltagarfil (.json)', download.suggestedFilename(), file, PASS);
	await expect(page2.locator('.import-code')).toHaveText('DEMO-1');
	await expect(page2.locator('.import-count')).toHaveText('3');
	await expect(page2.getByText('framsteg 1')).toBeVisible();
	await expect(page2.getByText('Ny deltagare på den här enheten.')).toBeVisible();
	await markLiveRegions(page2);
	await page2.getByRole('button', { name: 'Importera', exact: true }).click();
	await expect(page2.getByText('Importen är klar: 3 mätningar har lagts till.')).toBeVisible();
	// Said in a status region that was there before it, so screen readers read it.
	await expect(announced(page2, 'Importen är klar: 3 mätningar har lagts till.')).toHaveCount(1);
	await page2.getByRole('link', { name: 'Öppna deltagaren' }).click();
	await page2.locator('table.measurements a').first().click();
	await expect.poll(() => canvasIsPainted(page2)).toBe(true);
	expect(await readTable(page2, LATEST_TABLE)).toEqual(original);

	// Importing the same file again adds nothing and overwrites nothing.
	await app2.menu('Inställningar');
	await page2.getByRole('link', { name: 'Importera deltagare från fil' }).click();
	await exchange2.chooseFile('Deltagarfil (.json)', 'again.json', file, PASS);
	await expect(page2.getByText('Det finns inget nytt att lägga till.')).toBeVisible();
	await expect(page2.getByText(/Deltagaren finns redan här/)).toBeVisible();
	await other.close();
	expect(pageErrors).toEqual([]);
});

test('hostile files are each refused with a clear message, and the database is unchanged', async ({
	page,
	app,
	pageErrors
}) => {
	test.setTimeout(400_000);
	let dialogs = 0;
	page.on('dialog', (d) => {
		dialogs++;
		void d.dismiss();
	});
	await app.setUp({ withDemo: true });
	await app.openClient('DEMO-1');
	const exchange = new Exchange(page);
	const plain = JSON.parse(await downloadText(await exchange.exportClient()));
	await app.openClient('DEMO-1');
	const encrypted = JSON.parse(await downloadText(await exchange.exportClient(PASS)));
	const files = await hostileFiles({
		plain,
		encrypted,
		passphrase: PASS,
		encrypt: (text, p) => encryptText(text, p, 'client'),
		clientItems: Object.keys(plain.measurements[0].clientAnswers).sort(),
		caseworkerItems: Object.keys(plain.measurements[0].caseworkerAnswers).sort()
	});
	expect(files.length).toBeGreaterThan(100);
	// Every variant is refused in the unit tests (tests/unit, against the same storage code);
	// in the browser, two of each kind of fault keep this test quick.
	const perFault = new Map<string, number>();
	const sample = files.filter((f) => {
		const n = perFault.get(f.fault) ?? 0;
		perFault.set(f.fault, n + 1);
		return n < 2;
	});
	expect(sample.length).toBeGreaterThan(20);
	const before = await dumpDatabase(page);
	const wrong: string[] = [];
	for (const f of sample) {
		// A fresh import page each time, opened in the app (a page load would lock it).
		await app.menu('Inställningar');
		await page.getByRole('link', { name: 'Importera deltagare från fil' }).click();
		await exchange.chooseFile('Deltagarfil (.json)', `${f.name}.json`, f.text, f.passphrase);
		const error = page.locator('.import-error');
		await expect(error, f.name).toBeVisible();
		const text = await error.innerText();
		if (
			!text.includes(SV_EXCHANGE.errors[f.message ?? f.fault]) ||
			!text.includes(SV_EXCHANGE.errors.nothingChanged)
		)
			wrong.push(`${f.name}: ${text}`);
		await expect(page.getByRole('button', { name: 'Importera', exact: true })).toHaveCount(0);
	}
	expect(wrong).toEqual([]);
	expect(await dumpDatabase(page)).toEqual(before);
	expect(dialogs).toBe(0);
	expect(pageErrors).toEqual([]);
});

test('each page names a file of the other kind and where it goes; export buttons keep focus', async ({
	page,
	app,
	pageErrors
}) => {
	await app.setUp({ withDemo: true });
	await app.openClient('DEMO-1');
	// A participant file, exported from the keyboard: the button keeps focus.
	await page.getByRole('link', { name: 'Exportera till fil' }).click();
	await page.getByLabel('Kryptera filen med en lösenfras (rekommenderas)').uncheck();
	const exportButton = page.getByRole('button', { name: 'Exportera fil' });
	await exportButton.focus();
	const [client] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
	await expect(page.getByText(/är nedladdad/)).toBeVisible();
	await expect(exportButton).toBeFocused();
	const clientFile = await downloadBytes(client);

	// A backup, the same way.
	await app.menu('Inställningar');
	await page.getByRole('link', { name: 'Säkerhetskopia och återställning' }).click();
	const backupButton = page.getByRole('button', { name: 'Ladda ner säkerhetskopia' });
	await backupButton.focus();
	const [backup] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
	await expect(page.getByText(/är nedladdad/)).toBeVisible();
	await expect(backupButton).toBeFocused();
	const backupFile = await downloadBytes(backup);
	expect(backupFile.toString('utf8').split('\n').length).toBeGreaterThan(2);

	// The participant file on the backup page: import it on the import page.
	const exchange = new Exchange(page);
	const error = page.locator('.import-error');
	await exchange.chooseFile('Säkerhetskopia (.json)', 'deltagare.json', clientFile);
	await expect(error).toContainText(SV_EXCHANGE.errors['wrong-kind-client']);
	await expect(error).toContainText('Importera deltagare från fil');
	await expect(page.getByRole('heading', { name: /^Förhandsvisning/ })).toHaveCount(0);

	// The (sealed, many-line) backup on the import page: restore it on the backup page.
	await app.menu('Inställningar');
	await page.getByRole('link', { name: 'Importera deltagare från fil' }).click();
	await exchange.chooseFile('Deltagarfil (.json)', 'kopia.json', backupFile);
	await expect(error).toContainText(SV_EXCHANGE.errors['wrong-kind-backup']);
	await expect(error).toContainText('Säkerhetskopia och återställning');
	await expect(error).not.toContainText(SV_EXCHANGE.errors['not-json']);
	await expect(page.getByRole('heading', { name: /^Förhandsvisning/ })).toHaveCount(0);
	expect(pageErrors).toEqual([]);
});

test('script in text fields stays inert text on every page, print and clipboard included', async ({
	page,
	app,
	context,
	pageErrors
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await app.setUp({ withDemo: true });
	await app.openClient('DEMO-1');
	const plain = JSON.parse(await downloadText(await new Exchange(page).exportClient()));
	// Another client (new ids), not demo data, with markup in its code and notes.
	const code = '<img src=x onerror=window.__x=1>';
	const note = '<script>window.__x=2</script><b>fet</b> =cmd|calc';
	const clientId = 'c0ffee00-0000-4000-8000-000000000001';
	plain.client = { ...plain.client, id: clientId, code, isDemo: false };
	plain.measurements = plain.measurements.map((m: Record<string, unknown>, i: number) => ({
		...m,
		id: `c0ffee00-0000-4000-8000-00000000010${i}`,
		clientId,
		isDemo: false,
		note
	}));
	await app.menu('Inställningar');
	await page.getByRole('link', { name: 'Importera deltagare från fil' }).click();
	await new Exchange(page).chooseFile('Deltagarfil (.json)', 'x.json', JSON.stringify(plain));
	await expect(page.locator('.import-code')).toHaveText(code);
	await page.getByRole('button', { name: 'Importera', exact: true }).click();
	await page.getByRole('link', { name: 'Öppna deltagaren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
	await page.locator('table.measurements a').first().click();
	await expect(page.locator('p.note')).toHaveText(note);
	await page.getByRole('button', { name: 'Skapa bild och kopiera text' }).click();
	const clip = await page.evaluate(() => navigator.clipboard.readText());
	expect(clip).toContain(`Deltagare (kod): ${code}`);
	expect(clip).toContain(note);
	await page.getByRole('link', { name: 'Utskrift för akten' }).click();
	await expect(page.locator('.report p.note')).toHaveText(note);
	await expect(page.locator('.report')).toContainText(code);
	await page.emulateMedia({ media: 'print' });
	expect(await page.locator('.report img, .report script').count()).toBe(0);
	expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();

	// The research export holds no code and no note, and neutralises nothing it does not need to.
	await page.emulateMedia({ media: 'screen' });
	await app.menu('Inställningar');
	await page.getByRole('link', { name: 'Forsknings- och ESF-export' }).click();
	const [data] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Ladda ner data (CSV)' }).click()
	]);
	expect(data.suggestedFilename()).toMatch(/^framsteg-research-.*\.csv$/);
	const csv = await downloadText(data);
	expect(csv.startsWith('\uFEFFparticipant_id;measurement_id;')).toBe(true);
	expect(csv).not.toContain('onerror');
	expect(csv).not.toContain('calc');
	expect(csv).toContain(clientId);
	expect(csv).not.toContain(plain.client.code);
	const [dictionary] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Ladda ner dataordbok (CSV)' }).click()
	]);
	const dict = await downloadText(dictionary);
	expect(dict).toContain('participant_id;');
	expect(dict).toContain('Deltagarens svar: Jobbsökande');
	expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
	expect(pageErrors).toEqual([]);
});
