import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { drawnText, recordCanvasText, type DrawnText } from './page-models/canvas-text';
import { writeTeamFiles } from './page-models/team-files';

/** Layout on small screens and with long text: nothing clipped, nothing out of reach. */

const PHONE = { width: 390, height: 844 };

/** How far the page scrolls sideways (0: it does not). */
const sideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Dark pixels in the outermost columns of a chart's canvas: a label drawn past its edge. */
async function inkAtCanvasEdges(canvas: Locator): Promise<number> {
	return canvas.evaluate((el: HTMLCanvasElement) => {
		const ctx = el.getContext('2d')!;
		let ink = 0;
		for (const x of [0, 1, el.width - 2, el.width - 1]) {
			const { data } = ctx.getImageData(x, 0, 1, el.height);
			for (let i = 0; i < data.length; i += 4)
				if (data[i + 3] > 128 && data[i] + data[i + 1] + data[i + 2] < 300) ink++;
		}
		return ink;
	});
}

test('on a phone the radar keeps every axis name inside the chart, in Swedish and Arabic', async ({
	page,
	app
}) => {
	await page.setViewportSize(PHONE);
	await app.setUp({ withDemo: true });
	await page.locator('table a').first().click();
	const radar = page.locator('.radar canvas').first();
	await radar.waitFor();
	await page.evaluate(() => document.fonts.ready);
	await expect.poll(() => inkAtCanvasEdges(radar)).toBe(0);
	// No tall empty bands: the chart is about as tall as it is wide.
	const box = (await page.locator('.radar').first().boundingBox())!;
	expect(box.height).toBeLessThan(box.width * 1.25);

	await page.locator('#ui-language').selectOption('ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await page.evaluate(() => document.fonts.ready);
	await expect.poll(() => inkAtCanvasEdges(page.locator('.radar canvas').first())).toBe(0);
});

/** Drawn text a reader cannot read whole: cut off at the canvas edge, slanted or squeezed. */
const unreadable = (texts: DrawnText[]) =>
	texts
		.filter((d) => !d.inside || d.slanted || d.squeezed)
		.map((d) => `${d.text}${d.inside ? '' : ' (cut off)'}${d.slanted ? ' (slanted)' : ''}`);

test('on a phone the team statistics bar charts draw every row name whole and level, in Swedish and Arabic', async ({
	page,
	app
}, testInfo) => {
	await recordCanvasText(page);
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const paths = writeTeamFiles(testInfo.outputPath('team'));
	await app.setUp();
	await app.menu('Teamstatistik');
	await page.getByLabel('Välj teamets statistikfiler').setInputFiles(paths);
	await page.setViewportSize({ width: 360, height: 740 });

	const charts = page.locator('.team-chart');
	await expect(charts).toHaveCount(3);
	for (const language of ['sv', 'ar']) {
		if (language !== 'sv') await page.locator('#ui-language').selectOption(language);
		await page.evaluate(() => document.fonts.ready);
		expect(await sideways(page), language).toBe(0);
		for (const chart of await charts.all()) {
			const canvas = chart.locator('canvas');
			await canvas.scrollIntoViewIfNeeded();
			// Every row name of the table beside the chart, word for word, on the chart too.
			const rows = await chart
				.locator('tbody th[scope=row]')
				.evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
			const words = rows.flatMap((r) => r.split(/\s+/));
			await expect
				.poll(async () => {
					const drawn = await drawnText(canvas);
					const onChart = new Set(drawn.flatMap((d) => d.text.split(/\s+/)));
					return [...unreadable(drawn), ...words.filter((w) => !onChart.has(w))];
				}, `${language}: ${rows[0]}`)
				.toEqual([]);
		}
	}
	await testInfo.attach('team-phone-ar', {
		body: await page.locator('.team-chart').nth(1).screenshot(),
		contentType: 'image/png'
	});
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('a participant code of one long word wraps instead of widening the page', async ({
	page,
	app
}) => {
	await app.setUp();
	await app.addClient('W'.repeat(40));
	expect(await sideways(page)).toBe(0);
	await page.setViewportSize(PHONE);
	expect(await sideways(page)).toBe(0);
});

test('passphrase fields are as large as the other fields (touch targets)', async ({ page }) => {
	await page.goto('/');
	const name = page.getByLabel('Ditt namn eller dina initialer');
	const passphrase = page.getByLabel('Lösenfras', { exact: true });
	await expect(passphrase).toBeVisible();
	const nameHeight = (await name.boundingBox())!.height;
	const passphraseHeight = (await passphrase.boundingBox())!.height;
	expect(nameHeight).toBeGreaterThanOrEqual(44);
	expect(passphraseHeight).toBe(nameHeight);
});

test('a table too wide for a phone is a named region the keyboard can scroll', async ({
	page,
	app
}) => {
	await app.setUp({ withDemo: true });
	const wrapper = page.locator('.register-table');
	// On a tablet the register fits: no extra tab stop.
	await expect(wrapper).not.toHaveAttribute('tabindex');
	await page.setViewportSize(PHONE);
	await expect(wrapper).toHaveAttribute('tabindex', '0');
	await expect(page.getByRole('region', { name: 'Deltagare på den här enheten' })).toBeVisible();
	await wrapper.focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => wrapper.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('the interventions and action plan pages fit a phone; their tables scroll in their box', async ({
	page,
	app
}) => {
	await app.setUp({ withDemo: true });
	const href = (await page.locator('table a').first().getAttribute('href'))!;
	await page.setViewportSize(PHONE);
	for (const path of [`${href}/interventions`, `${href}/plan`]) {
		await app.gotoAndUnlock(path);
		await page.locator('main table').first().waitFor();
		expect(await sideways(page), path).toBe(0);
	}
});

test('a caseworker change refuses an identity number and a date in the future', async ({
	page,
	app
}) => {
	await app.setUp();
	await app.addClient('K-2');
	const href = new URL(page.url()).pathname;
	await app.gotoAndUnlock(`${href}/interventions`);
	await page.getByLabel('Datum för bytet').fill('2026-01-02');
	await page.getByLabel('Från (namn eller initialer)').fill('Karin');
	await page.getByLabel('Till (namn eller initialer)').fill('19850101-1234');
	await page.getByRole('button', { name: 'Lägg till bytet' }).click();
	await expect(page.getByText('Skriv namn eller initialer, inte ett personnummer.')).toBeVisible();
	await expect(page.getByText('19850101-1234', { exact: false })).toHaveCount(0);
	await page.getByLabel('Till (namn eller initialer)').fill('Omar');
	await page.getByLabel('Datum för bytet').fill('2099-06-01');
	await page.getByRole('button', { name: 'Lägg till bytet' }).click();
	await expect(page.getByText('Bytet kan inte ligga i framtiden.')).toBeVisible();
	await page.getByLabel('Datum för bytet').fill('2026-01-02');
	await page.getByRole('button', { name: 'Lägg till bytet' }).click();
	await expect(page.getByText('Karin → Omar').first()).toBeVisible();
});
