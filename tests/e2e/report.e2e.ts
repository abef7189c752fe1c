import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { App, canvasIsPainted, PASSPHRASE, readTable } from './page-models/app';
import { downloadBytes, downloadText, Exchange, FILENAME } from './page-models/exchange';

const OUT = 'reports/print';

/** Counts chart-coloured pixels (the series' blue and orange) in page 1 of a PDF, rendered by poppler. */
function colouredPixels(pdf: string, name: string): number {
	execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', pdf, `${OUT}/${name}`]);
	const ppm = readFileSync(`${OUT}/${name}-1.ppm`);
	// P6 header: "P6\n<w> <h>\n255\n" then RGB bytes.
	const header = ppm.subarray(0, 30).toString('latin1').split(/\s+/);
	const width = Number(header[1]);
	const height = Number(header[2]);
	const offset = ppm.length - width * height * 3;
	let count = 0;
	for (let i = offset; i < ppm.length; i += 3) {
		const [r, g, b] = [ppm[i], ppm[i + 1], ppm[i + 2]];
		const isBlue = b > 100 && b - r > 50;
		const isOrange = r > 140 && r - b > 80 && g > 50;
		if (isBlue || isOrange) count++;
	}
	return count;
}

async function printToPdf(page: Page, name: string): Promise<{ text: string; coloured: number }> {
	mkdirSync(OUT, { recursive: true });
	const path = `${OUT}/${name}.pdf`;
	await page.emulateMedia({ media: 'print' });
	await page.pdf({ path, format: 'A4', printBackground: true });
	await page.emulateMedia({ media: 'screen' });
	const text = execFileSync('pdftotext', [path, '-']).toString('utf8').replace(/\s+/g, ' ');
	return { text, coloured: colouredPixels(path, name) };
}

/** The demo client's latest measurement, reached in the app from the register (any interface language). */
async function openDemoMeasurement(page: Page) {
	await new App(page).home();
	await page.locator('table a').first().click();
	await page.locator('table.measurements a').first().click();
	await expect.poll(() => canvasIsPainted(page)).toBe(true);
}

test.use({ reducedMotion: 'reduce' });

test('the measurement report prints to A4 PDF in Swedish, with the chart, even with an English interface', async ({
	page,
	app,
	pageErrors
}) => {
	await app.setUp({ withDemo: true });
	// Switch the interface to English: the report must stay Swedish.
	await page.evaluate(() => localStorage.setItem('framsteg.uiLanguage', 'en'));
	// A page load starts locked, here in English.
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Framsteg is locked' })).toBeVisible();
	await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Unlock', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible({
		timeout: 15_000
	});
	await openDemoMeasurement(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('link', { name: 'Print for the case file' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'BIP-mätning i Framsteg' })
	).toBeVisible();
	await expect(page.locator('.report')).toHaveAttribute('lang', 'sv');
	await expect.poll(() => canvasIsPainted(page, '.report-chart canvas')).toBe(true);
	const canvasSize = await page
		.locator('.report-chart canvas')
		.evaluate((c: HTMLCanvasElement) => [c.clientWidth, c.clientHeight]);

	// The print button opens the browser's print dialog.
	await page.evaluate(() => {
		(window as unknown as { printed: number }).printed = 0;
		window.print = () => (window as unknown as { printed: number }).printed++;
	});
	// The caseworker's controls are in the interface language; only the report is Swedish.
	await expect(page.getByText('The report is always in Swedish for the case file.')).toBeVisible();
	await page.getByRole('button', { name: 'Print', exact: true }).click();
	expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

	const { text, coloured } = await printToPdf(page, 'measurement');
	for (const expected of [
		'BIP-mätning i Framsteg',
		'Deltagare (kod)',
		'DEMO-1',
		'Handläggare',
		'Anna Berg',
		'Jobbtorget Väst',
		'Deltagaren svarade på',
		'svenska (vanlig text)',
		'Jobbsökande',
		'Tilltro till att klara ett jobb',
		'Skillnad',
		'Förändring',
		'Vad har förändrats sedan förra gången?',
		'Fokus till nästa gång',
		'Underskrifter',
		'Ort och datum'
	])
		expect(text, expected).toContain(expected);
	expect(text).not.toContain('Print for the case file');
	expect(text).not.toContain('The report is always');
	expect(coloured, 'chart lines on page 1').toBeGreaterThan(300);
	// The chart keeps its fixed size in print: no resize, no blank canvas.
	expect(
		await page
			.locator('.report-chart canvas')
			.evaluate((c: HTMLCanvasElement) => [c.clientWidth, c.clientHeight])
	).toEqual(canvasSize);
	expect(pageErrors).toEqual([]);
});

/** The text of each page of a PDF, by poppler. */
function pagesOf(pdf: string): string[] {
	const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
	return text.split('\f').filter((page, n, all) => n < all.length - 1 || page.trim() !== '');
}

test('the printed report never leaves its last line alone on a sheet, however long the note', async ({
	page,
	app
}) => {
	await app.setUp({ withDemo: true });
	await openDemoMeasurement(page);
	await page.getByRole('link', { name: 'Utskrift för akten' }).click();
	await expect.poll(() => canvasIsPainted(page, '.report-chart canvas')).toBe(true);
	mkdirSync(OUT, { recursive: true });
	const path = `${OUT}/note-length.pdf`;
	await page.emulateMedia({ media: 'print' });
	// A note grows three lines at a time (less than the closing block is tall) over more
	// than a page: every place the page break can fall in the closing block is met.
	let longest = 0;
	for (let lines = 0; lines <= 60; lines += 3) {
		await page
			.locator('.report p.note')
			.evaluate(
				(note, n) =>
					(note.textContent = Array.from({ length: n }, (_, i) => `Rad ${i + 1}`).join('\n')),
				lines
			);
		await page.pdf({ path, format: 'A4' });
		const pages = pagesOf(path);
		longest = Math.max(longest, pages.length);
		const last = pages[pages.length - 1];
		expect(last, `${lines} note lines`).toContain('Utskriven från Framsteg');
		// The footer line shares its sheet with the signatures, never alone.
		expect(last, `${lines} note lines`).toContain('Ort och datum');
	}
	expect(longest, 'the note pushed the report onto another sheet').toBeGreaterThan(2);
});

test('the history report prints every measurement in Swedish', async ({ page, app }) => {
	await app.setUp({ withDemo: true });
	await app.home();
	await page.locator('table a').first().click();
	await page.getByRole('link', { name: 'Skriv ut historik' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'BIP-mätningar i Framsteg' })
	).toBeVisible();
	await expect.poll(() => canvasIsPainted(page, '.report-chart canvas')).toBe(true);
	const rows = await readTable(page, /Deltagarens egna skattningar per mätning/);
	expect(rows[0]).toHaveLength(4);
	expect(rows).toHaveLength(11);
	const { text, coloured } = await printToPdf(page, 'history');
	for (const expected of ['BIP-mätningar i Framsteg', 'DEMO-1', 'Antal mätningar', 'Underskrifter'])
		expect(text, expected).toContain(expected);
	expect(coloured).toBeGreaterThan(300);
});

test('case-record package: one click gives a labelled PNG and the Swedish text on the clipboard', async ({
	page,
	app,
	context,
	pageErrors
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await app.setUp({ withDemo: true });
	await openDemoMeasurement(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Skapa bild och kopiera text' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(FILENAME);
	expect(download.suggestedFilename()).toMatch(/^framsteg-chart-.*\.png$/);
	const png = await downloadBytes(download);
	expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 1200]);
	expect(png.length).toBeGreaterThan(40_000);
	// No text metadata chunks in the PNG.
	expect(png.includes(Buffer.from('tEXt'))).toBe(false);
	expect(png.includes(Buffer.from('iTXt'))).toBe(false);

	await expect(page.getByText(/texten är kopierad/)).toBeVisible();
	const clip = await page.evaluate(() => navigator.clipboard.readText());
	expect(clip).toMatch(/^BIP-mätning i Framsteg \d{4}-\d{2}-\d{2}/);
	for (const expected of [
		'Deltagare (kod): DEMO-1',
		'Handläggare: Anna Berg, Jobbtorget Väst',
		'Deltagaren svarade på: svenska (Vanlig text)',
		'– Jobbsökande: ',
		'Vad har förändrats:'
	])
		expect(clip, expected).toContain(expected);
	// The caseworker's belief is left out unless the unit turns it on (see plan.e2e.ts).
	expect(clip).not.toContain('Handläggarens tilltro');
	await expect(page.getByLabel('Text till akten')).toHaveValue(clip);
	expect(pageErrors).toEqual([]);
});

test('the export buttons on the measurement page keep keyboard focus after their work', async ({
	page,
	app,
	context,
	pageErrors
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await app.setUp({ withDemo: true });
	await openDemoMeasurement(page);
	// Keyboard: focus the button, Enter. A button disabled while busy would drop focus to <body>.
	const caseRecord = page.getByRole('button', { name: 'Skapa bild och kopiera text' });
	await caseRecord.focus();
	const [chart] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
	expect(chart.suggestedFilename()).toMatch(/^framsteg-chart-.*\.png$/);
	await expect(page.getByText(/texten är kopierad/)).toBeVisible();
	await expect(caseRecord).toBeFocused();
	await expect(caseRecord).not.toHaveAttribute('aria-disabled', 'true');
	expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
	// Once more, with the mouse.
	await Promise.all([page.waitForEvent('download'), caseRecord.click()]);
	await expect(page.getByText(/texten är kopierad/)).toBeVisible();
	await expect(caseRecord).toBeFocused();

	const copy = page.getByRole('button', { name: 'Ladda ner deltagarens egen kopia' });
	await copy.focus();
	const [own] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
	expect(own.suggestedFilename()).toMatch(/^framsteg-copy-.*\.html$/);
	await expect(page.getByText(/framsteg-copy-/)).toBeVisible();
	await expect(copy).toBeFocused();
	expect(pageErrors).toEqual([]);
});

test("the client's own copy is a script-free HTML file in the client's language, without caseworker data", async ({
	page,
	app
}) => {
	await app.setUp({ withDemo: true });
	await openDemoMeasurement(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Ladda ner deltagarens egen kopia' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^framsteg-copy-.*\.html$/);
	const html = await downloadText(download);
	expect(html).toContain('<html lang="sv" dir="ltr">');
	expect(html).toContain('Mina svar');
	expect(html).toContain('Jobbsökande');
	expect(html.toLowerCase()).not.toContain('<script');
	expect(html).not.toMatch(/\son\w+=/i);
	expect(html).not.toContain('Handläggaren');
	expect(html).not.toContain('Tilltro till deltagarens');
	expect(html).toContain("default-src 'none'");
});

test('zero axe violations on the new routes', async ({ page, app, context }) => {
	test.setTimeout(120_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
	const visit = async (where: string) => {
		const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
		expect(
			result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
			where
		).toEqual([]);
	};
	await app.setUp({ withDemo: true });
	await openDemoMeasurement(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Skapa bild och kopiera text' }).click()
	]);
	void download;
	await page.getByLabel('Text till akten').waitFor();
	await visit('measurement with case-record text');
	await page.getByRole('link', { name: 'Utskrift för akten' }).click();
	await expect.poll(() => canvasIsPainted(page, '.report-chart canvas')).toBe(true);
	await visit('measurement report');
	await app.home();
	await page.locator('table a').first().click();
	await page.getByRole('link', { name: 'Skriv ut historik' }).click();
	await expect.poll(() => canvasIsPainted(page, '.report-chart canvas')).toBe(true);
	await visit('history report');
	await page.goBack();
	const exchange = new Exchange(page);
	const file = await downloadBytes(await exchange.exportClient('en lång lösenfras'));
	await visit('export');
	await app.menu('Inställningar');
	await page.getByRole('link', { name: 'Importera deltagare från fil' }).click();
	await page.getByLabel('Deltagarfil (.json)').waitFor();
	await visit('import');
	await exchange.chooseFile('Deltagarfil (.json)', 'a.json', file);
	await visit('import, passphrase');
	await exchange.chooseFile('Deltagarfil (.json)', 'a.json', file, 'en lång lösenfras');
	await visit('import, preview');
	await exchange.chooseFile(
		'Deltagarfil (.json)',
		'bad.json',
		'{"app":"framsteg","kind":"client","formatVersion":9}'
	);
	await page.locator('.import-error').waitFor();
	await visit('import, error');
	await app.menu('Inställningar');
	await visit('settings');
	await page.getByRole('link', { name: 'Säkerhetskopia och återställning' }).click();
	const backupFile = await downloadBytes(await exchange.backup());
	await visit('backup');
	await exchange.chooseFile('Säkerhetskopia (.json)', 'b.json', backupFile);
	await visit('restore preview');
	await app.menu('Inställningar');
	await page.getByRole('link', { name: 'Forsknings- och ESF-export' }).click();
	await page.getByRole('button', { name: 'Ladda ner data (CSV)' }).waitFor();
	await visit('research');
});
