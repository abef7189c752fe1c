import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { readTable, wronglyMarked } from './page-models/app';
import { drawnTextOfAll, recordCanvasText } from './page-models/canvas-text';
import { asDeviceWithoutScriptFonts, renderedFonts } from './page-models/fonts';
import { writeTeamFiles } from './page-models/team-files';

const ARABIC_ANSWERS = [3, 4, 2, 5, 3, 4, 3, 2, 4, 5];

test('a whole conversation in Arabic on the bilingual screen: RTL, Swedish beside it, values kept', async ({
	page,
	app,
	conversation
}) => {
	await app.setUp();
	await page.getByRole('link', { name: 'Ny deltagare' }).click();
	await page.getByLabel('Kod eller pseudonym').fill('AR-1');
	await page.getByLabel('Språk för frågorna').selectOption('ar');
	await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
	await page.getByRole('link', { name: 'Starta nytt samtal' }).click();
	// The caseworker's intro stays in the caseworker's language.
	await expect(page.getByRole('heading', { name: /Samtal med/ })).toBeVisible();
	await expect(page.getByLabel('Deltagarens språk')).toHaveValue('ar');
	await page.getByRole('button', { name: 'Starta deltagarens frågor' }).click();

	const own = page.locator('.client-text .own').first();
	const swedish = page.locator('.client-text .swedish').first();
	await expect(own).toHaveAttribute('lang', 'ar');
	await expect(own).toHaveAttribute('dir', 'rtl');
	await expect(own.locator('h1')).toHaveText(/[\u0600-\u06FF]/);
	await expect(swedish).toHaveAttribute('lang', 'sv');
	// Swedish beside it in the register the Arabic was translated from (easy Swedish).
	await expect(swedish).toContainText('Jag letar efter ett jobb eller en utbildning.');
	await expect(page.locator('.scale')).toHaveAttribute('dir', 'rtl');
	// Honest labelling: machine-drafted Arabic carries the notice in both languages.
	await expect(page.locator('.translation-notice')).toContainText('Maskinöversatt, inte granskad');
	// Headless Chromium has no Arabic voice: the screen says so instead of reading in a wrong voice.
	await expect(page.locator('.question .hint')).toHaveAttribute('lang', 'ar');

	// In RTL the lowest step is at the inline start, i.e. on the right.
	const first = await page.locator('.scale .step').first().boundingBox();
	const last = await page.locator('.scale .step').last().boundingBox();
	expect(first!.x).toBeGreaterThan(last!.x);
	await page.screenshot({ path: 'reports/screenshots/arabic-question.png' });
	// On a device without an Arabic font, the Arabic text is drawn with the font the app
	// ships (precached), never as empty boxes. (This machine has Arabic fonts of its own.)
	expect(await asDeviceWithoutScriptFonts(page)).toMatch(
		/^['"]Framsteg Arabic['"], ['"]Framsteg Ethiopic['"]/
	);
	const arabicFonts = await renderedFonts(page, own.locator('h1'));
	expect(arabicFonts).toContainEqual(
		expect.objectContaining({ isCustomFont: true, familyName: expect.stringMatching(/Arabic/) })
	);
	// Spaces and digits may come from the system font; no Arabic letter does.
	expect(arabicFonts.filter((f) => !f.isCustomFont && /Arabic/.test(f.familyName))).toEqual([]);

	for (const [i, value] of ARABIC_ANSWERS.entries()) {
		await expect(page.locator('.progress-text')).toHaveAttribute('lang', 'ar');
		if (i === 1) {
			// One language only, then back: the answer on screen is kept.
			await page
				.locator('.scale input')
				.nth(value - 1)
				.check();
			await page.locator('.display-toggle input').nth(1).check();
			await expect(page.locator('.client-text .swedish')).toHaveCount(0);
			await expect(page.locator('.scale input').nth(value - 1)).toBeChecked();
			await page.locator('.display-toggle input').nth(0).check();
			await expect(page.locator('.client-text .swedish').first()).toBeVisible();
		}
		if (i === 2) {
			// All Arabic on the participant's screen is marked as Arabic (the "Saved" status
			// too), so a screen reader does not read it with the Swedish voice of the page.
			await expect(page.locator('.save-state')).toHaveText('تم الحفظ');
			expect(await wronglyMarked(page, /[\u0600-\u06FF]/, 'ar')).toEqual([]);
		}
		await page
			.locator('.scale input')
			.nth(value - 1)
			.check();
		await page.locator('.step-nav .primary').click();
	}
	await expect(page.locator('#handback-title')).toHaveAttribute('id', 'handback-title');
	await expect(page.locator('.handback .swedish').first()).toContainText('Tack för dina svar!');
	await conversation.handBack();
	// The caseworker's screens are back in Swedish.
	await expect(page.locator('.progress-text')).toHaveText('Handläggarens fråga 1 av 11');
	for (let i = 0; i < 11; i++) {
		await page.getByRole('radio', { name: /^3\b/ }).check();
		await page.getByRole('button', { name: 'Nästa' }).click();
	}
	// "What changed" also in the participant's language.
	await expect(page.locator('.client-summary')).toHaveAttribute('dir', 'rtl');
	await page.getByRole('button', { name: 'Spara samtalet' }).click();
	const rows = await readTable(page, 'Skattningar per område');
	// The stored values are the steps chosen (direction-free).
	expect(rows.slice(1).map((r) => r[1])).toEqual(ARABIC_ANSWERS.map(String));
	await expect(page.locator('.facts')).toContainText('العربية');
});

test('Tigrinya renders in Ge’ez script with a font that has the glyphs', async ({ page, app }) => {
	await page.addInitScript(() => localStorage.setItem('framsteg.uiLanguage', 'ti'));
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ti');
	await expect(page.locator('h1')).toHaveText(/[\u1200-\u137F]/);
	await page.evaluate(() => document.fonts.ready);
	// On a device without a Ge'ez font, the letters are drawn with the font the app ships.
	await asDeviceWithoutScriptFonts(page);
	const ethiopicFonts = await renderedFonts(page, page.locator('h1'));
	expect(ethiopicFonts).toContainEqual(
		expect.objectContaining({ isCustomFont: true, familyName: expect.stringMatching(/Ethiopic/) })
	);
	expect(ethiopicFonts.filter((f) => !f.isCustomFont && /Ethiopic/.test(f.familyName))).toEqual([]);
	await page.screenshot({ path: 'reports/screenshots/tigrinya-setup.png' });
	void app;
});

test('every interface language loads and switches offline after one visit', async ({
	page,
	context,
	app
}) => {
	await app.setUp();
	await app.waitForServiceWorker();
	await context.setOffline(true);
	await app.reloadAndUnlock();
	const expected: Record<string, RegExp> = {
		en: /Participants/,
		ar: /[\u0600-\u06FF]/,
		fa: /[\u0600-\u06FF]/,
		prs: /[\u0600-\u06FF]/,
		so: /\w/,
		ti: /[\u1200-\u137F]/,
		uk: /[\u0400-\u04FF]/,
		sv: /Deltagare/
	};
	for (const [language, heading] of Object.entries(expected)) {
		await page.locator('#ui-language').selectOption(language);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await expect(page.locator('main h1')).toHaveText(heading);
	}
});

const LATIN_DIGIT = /[0-9]/;
const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/;
const PERSIAN_DIGIT = /[\u06F0-\u06F9]/;

/**
 * Waits until every chart under `scope` has drawn a number and none in `wrong` digits
 * (after a language switch the charts draw again), and `own` digits appear somewhere.
 */
async function expectChartDigits(scope: Locator, wrong: RegExp, own: RegExp, where: string) {
	await expect
		.poll(async () => {
			const all = await drawnTextOfAll(scope);
			const texts = all.flat().map((d) => d.text);
			return [
				...(all.length === 0 ? ['no chart'] : []),
				...all.filter((c) => !c.some((d) => /\p{Nd}/u.test(d.text))).map(() => 'no number'),
				...(texts.some((d) => own.test(d)) ? [] : [`no ${own}`]),
				...texts.filter((d) => wrong.test(d))
			];
		}, where)
		.toEqual([]);
}
const textsOf = (cells: Locator) =>
	cells.evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));

test('Persian and Dari write every number in Persian digits: charts, quarters, birth years; Arabic in Latin digits', async ({
	page,
	app
}, testInfo) => {
	test.setTimeout(120_000);
	await recordCanvasText(page);
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await app.setUp({ withDemo: true });
	await page.locator('table a').first().click();
	await page.locator('.line canvas').first().waitFor();
	await page.locator('#ui-language').selectOption('fa');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fa');

	// Radar and line charts: the steps of the scale and the dates.
	const main = page.locator('main');
	await expectChartDigits(main, LATIN_DIGIT, PERSIAN_DIGIT, 'fa: radar and line charts');
	// The year-of-birth band of the participant, and the choices in the form.
	const details = await textsOf(page.locator('.details dd'));
	expect(details.filter((d) => LATIN_DIGIT.test(d))).toEqual([]);
	expect(details.some((d) => /[۰-۹]{4}–[۰-۹]{4}/.test(d))).toBe(true);
	await page.locator('a[href$="/edit"]').click();
	// The edit page loads after the click: wait for its choices before reading them.
	await expect(page.locator('#client-birth option')).toHaveCount(8);
	const bands = await textsOf(page.locator('#client-birth option'));
	expect(bands.filter((b) => LATIN_DIGIT.test(b))).toEqual([]);
	expect(bands).toContain('۱۹۶۰–۱۹۶۹');

	// Team statistics: quarter names, cells and the bar charts' axes.
	const paths = writeTeamFiles(testInfo.outputPath('team'));
	await page.locator('a[href="/team"]').first().click();
	await page.locator('#team-files').setInputFiles(paths);
	await expect(page.locator('.team-chart')).toHaveCount(3);
	for (const language of ['fa', 'prs', 'ar'] as const) {
		await page.locator('#ui-language').selectOption(language);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		const wrong = language === 'ar' ? EASTERN_DIGIT : LATIN_DIGIT;
		// The tables redraw in the new language after the switch: wait for the quarter names.
		const quarterNames = page.locator('[data-table=clientsPerQuarter] tbody th[scope=row]');
		await expect(quarterNames.first()).toBeVisible();
		await expect
			.poll(async () => (await textsOf(quarterNames)).filter((q) => wrong.test(q)), {
				message: language
			})
			.toEqual([]);
		const cells = await textsOf(page.locator('.team-report table td, .team-report table th'));
		expect(
			cells.filter((c) => wrong.test(c)),
			language
		).toEqual([]);
		const notes = await textsOf(page.locator('.team-report p'));
		expect(
			notes.filter((c) => wrong.test(c)),
			language
		).toEqual([]);
		const own = language === 'ar' ? LATIN_DIGIT : PERSIAN_DIGIT;
		await expectChartDigits(page.locator('.team-report'), wrong, own, `${language}: bar charts`);
	}
});

test('the translation status shows one part of the app at a time, or all of them', async ({
	page,
	app
}) => {
	await app.setUp();
	await app.gotoAndUnlock('/settings/translations');
	await expect(page.getByRole('heading', { level: 1, name: 'Översättningar' })).toBeVisible();
	const keys = page.locator('main table tbody th[scope=row]');
	const prefixes = async () =>
		new Set((await keys.allTextContents()).map((key) => key.slice(0, key.indexOf(':'))));
	await expect(keys.first()).toBeVisible();
	expect(await prefixes()).toEqual(new Set(['common']));
	const general = await keys.count();

	await page.getByLabel('Del av appen').selectOption({ label: 'Samtalet' });
	await expect(keys.first()).toHaveText(/^conversation:/);
	expect(await prefixes()).toEqual(new Set(['conversation']));

	await page.getByLabel('Del av appen').selectOption({ label: 'Alla delar' });
	await expect.poll(() => keys.count()).toBeGreaterThan(general);
	expect(await prefixes()).toEqual(
		new Set(['common', 'catalogue', 'conversation', 'exchange', 'plan', 'privacy'])
	);
});
