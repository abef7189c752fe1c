import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
	expectedAggregates,
	generateTeamFiles,
	type ExpectedCell
} from '../fixtures/team-statistics';
import { writeTeamFiles } from './page-models/team-files';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
async function expectNoViolations(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${where}`).toEqual([]);
}

test('a plan made after a conversation shows on the client page; an overdue review shows in the register', async ({
	page,
	app,
	conversation
}) => {
	test.setTimeout(90_000);
	await app.setUp();
	await app.addClient('PLAN-1');
	await conversation.start({ date: '2025-01-10' });
	await conversation.answerClient([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
	await conversation.handBack();
	await conversation.answerCaseworker([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
	await conversation.finish({ focus: ['Jobbsökande'] });

	await page.getByRole('link', { name: 'Gör en handlingsplan utifrån samtalet' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Handlingsplan/ })).toBeVisible();
	// Default review: three months after the conversation.
	await expect(page.getByLabel('Datum för uppföljning')).toHaveValue('2025-04-10');
	await page.getByLabel('Mål för Jobbsökande').fill('Söka tre jobb i månaden');
	await page.getByLabel('Vad ska göras').fill('Besöka arbetsförmedlingen');
	await page.getByLabel('Vem', { exact: true }).selectOption({ label: 'Deltagaren' });
	await page.getByLabel('Senast').fill('2025-02-01');
	await page.getByRole('button', { name: 'Lägg till steg' }).click();
	await expect(page.getByRole('rowheader', { name: 'Besöka arbetsförmedlingen' })).toBeVisible();
	await expectNoViolations(page, 'plan editor');
	await page.getByRole('button', { name: 'Spara handlingsplanen' }).click();

	await expect(page.getByRole('heading', { level: 1, name: /Deltagare PLAN-1/ })).toBeVisible();
	const summary = page.locator('.plan-summary');
	await expect(summary).toContainText('Mål för Jobbsökande: Söka tre jobb i månaden');
	await expect(summary).toContainText('Besöka arbetsförmedlingen (Deltagaren, senast');
	await expect(summary).toContainText('Uppföljningen är försenad');
	await expect(page.locator('.client-plan')).toContainText('Nästa mätning:');

	await app.menu('Deltagare');
	const row = page.getByRole('row', { name: /PLAN-1/ });
	await expect(row.locator('[data-plan-review=overdue]')).toContainText('försenad');

	// The plan is part of the print report (after the chart) and of the case-record text.
	await app.openClient('PLAN-1');
	await page.locator('table.measurements a').first().click();
	await page.getByRole('link', { name: 'Utskrift för akten' }).click();
	const report = page.locator('article.report');
	await expect(report.locator('.plan-summary')).toContainText(
		'Mål för Jobbsökande: Söka tre jobb i månaden'
	);
	// The caseworker's belief is a unit setting, off by default.
	await expect(report).not.toContainText('Handläggarens tilltro');
	await page.goBack();
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.getByRole('button', { name: 'Skapa bild och kopiera text' }).click();
	await expect(page.getByLabel('Text till akten')).toHaveValue(
		/Handlingsplan[\s\S]*Söka tre jobb i månaden/
	);
	await expect(page.getByLabel('Text till akten')).not.toHaveValue(/Handläggarens tilltro/);

	// With the unit setting on, the belief is printed.
	await app.menu('Inställningar');
	await page.getByLabel('Visa handläggarens tilltro i utskrifter och journaltext').check();
	await expect(page.getByText('Sparat.', { exact: true })).toBeVisible();
	await app.openClient('PLAN-1');
	await page.locator('table.measurements a').first().click();
	await page.getByRole('link', { name: 'Utskrift för akten' }).click();
	await expect(page.locator('article.report')).toContainText('Handläggarens tilltro');
});

test('interventions show on a timeline with a table and flags', async ({ page, app }) => {
	await app.setUp();
	await app.addClient('TL-1');
	await page.getByRole('link', { name: 'Registrera insatser' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Insatser/ })).toBeVisible();
	await expectNoViolations(page, 'interventions (empty)');

	const add = async (type: string, start: string, end?: string) => {
		await page.getByLabel('Typ av insats').selectOption({ label: type });
		await page.getByLabel('Startdatum').fill(start);
		if (end) await page.getByLabel('Slutdatum').fill(end);
		await page.getByRole('button', { name: 'Lägg till insatsen' }).click();
		await expect(page.getByText('Insatsen är sparad.')).toBeVisible();
	};
	await add('Hälsa eller rehabilitering', '2025-01-01', '2025-01-31');
	await add('Arbete eller arbetsträning', '2025-04-01');
	await page.getByLabel('Datum för bytet').fill('2025-05-01');
	await page.getByLabel('Från (namn eller initialer)').fill('AB');
	await page.getByLabel('Till (namn eller initialer)').fill('CD');
	await page.getByRole('button', { name: 'Lägg till bytet' }).click();

	const timeline = page.locator('section.timeline');
	await expect(timeline.getByText(/Uppehåll utan insats: .*\(59 dagar\)/)).toBeVisible();
	await expect(timeline.getByText(/Bara Arbete eller arbetsträning:/)).toBeVisible();
	await timeline.getByText('Visa som tabell').click();
	const table = timeline.locator('table.timeline-table');
	await expect(table.locator('tbody tr')).toHaveCount(3);
	await expect(table).toContainText('Pågår');
	await expect(table).toContainText('Byte av handläggare');
	await expectNoViolations(page, 'interventions with timeline');

	// The same timeline sits under the progress charts on the client page.
	await page.getByRole('link', { name: 'Tillbaka till deltagaren' }).click();
	await expect(page.locator('section.timeline .bar').first()).toBeVisible();
	await expect(page.locator('section.timeline')).toContainText('Uppehåll utan insats');
});

const sv = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const shown = (c: ExpectedCell, percent = false) =>
	c === 'suppressed'
		? 'färre än 5'
		: c === 'hidden'
			? 'dolt'
			: c === 'empty'
				? '–'
				: percent
					? `${sv.format(c)} %`
					: sv.format(c);
const GROUP_ORDER = ['total', 'woman', 'man', 'other', 'not-stated'] as const;

async function rowCells(page: Page, table: string, row: string): Promise<string[]> {
	return page
		.locator(`table[data-table=${table}] tr[data-row="${row}"] td`)
		.evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
}

test('three team files merge into the team view with the expected, protected numbers', async ({
	page,
	app
}, testInfo) => {
	const files = generateTeamFiles(42);
	const expected = expectedAggregates(files);
	const paths = writeTeamFiles(testInfo.outputPath('team'), files);

	await app.setUp({ withDemo: true });
	await page.getByRole('link', { name: 'Teamstatistik' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Teamstatistik' })).toBeVisible();
	// Demo data never counts.
	await expect(page.getByText('Visar den här enhetens data: 0 deltagare')).toBeVisible();
	await expectNoViolations(page, 'team (device, empty)');

	await page.getByLabel('Välj teamets statistikfiler').setInputFiles(paths);
	await expect(
		page.getByText(`Filer: 3. Deltagare sammanlagt: ${expected.clientCount}.`)
	).toBeVisible();
	await expect(
		page.getByText(`Visar importerade teamfiler: ${expected.clientCount} deltagare.`)
	).toBeVisible();
	await expect(page.getByText('Filerna har olika versioner av frågorna')).toBeVisible();

	for (const [q, row] of Object.entries(expected.clientsPerQuarter))
		expect(await rowCells(page, 'clientsPerQuarter', q), q).toEqual(
			GROUP_ORDER.map((g) => shown(row[g]))
		);
	for (const [q, row] of Object.entries(expected.measurementsPerQuarter))
		expect(await rowCells(page, 'measurementsPerQuarter', q)).toEqual(
			GROUP_ORDER.map((g) => shown(row[g]))
		);
	for (const id of ['clients', 'mean'] as const)
		expect(await rowCells(page, 'measurementsPerClient', id)).toEqual(
			GROUP_ORDER.map((g) => shown(expected.measurementsPerClient[id][g]))
		);
	expect(await rowCells(page, 'changeParticipant', 'job-search')).toEqual(
		GROUP_ORDER.map((g) => shown(expected.changeParticipant['job-search'][g]))
	);
	expect(await rowCells(page, 'improving', 'improving')).toEqual(
		GROUP_ORDER.map((g) => shown(expected.improving[g], true))
	);
	for (const [q, row] of Object.entries(expected.beliefPerQuarter))
		expect(await rowCells(page, 'beliefPerQuarter', q)).toEqual(
			GROUP_ORDER.map((g) => shown(row[g]))
		);
	// The small "other" group is never shown.
	expect((await rowCells(page, 'measurementsPerClient', 'clients'))[3]).toBe('färre än 5');
	await expect(page.locator('#belief-why')).toContainText('rutinkontroll');
	await expect(page.locator('.team-chart canvas').first()).toBeVisible();
	await expectNoViolations(page, 'team (merged files)');

	// Importing a file again counts it once.
	await page.getByLabel('Välj teamets statistikfiler').setInputFiles(paths[0]);
	await expect(page.getByText('1 fil var redan inläst och räknas en gång.')).toBeVisible();

	// CSV of the aggregated table.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Exportera tabellerna (CSV)' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(
		/^framsteg-team-table-\d{4}-\d{2}-\d{2}-[0-9a-f]{4}\.csv$/
	);
	const csv = readFileSync(await file.path(), 'utf8');
	expect(csv.startsWith('\uFEFFTabell;Rad;Alla;Kvinnor;Män;Annat;Ej angett\r\n')).toBe(true);
	const clientsRow = expected.measurementsPerClient.clients;
	expect(csv).toContain(
		`Mätningar per deltagare;Antal deltagare;${GROUP_ORDER.map((g) => shown(clientsRow[g])).join(';')}`
	);

	// The team files never enter the register.
	await app.menu('Deltagare');
	await expect(page.locator('table tbody tr')).toHaveCount(1);
});

test('a caseworker exports an anonymised statistics file', async ({ page, app, conversation }) => {
	await app.setUp();
	await app.addClient('EXP-1', { gender: 'Kvinna' });
	await conversation.start();
	await conversation.answerClient([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
	await conversation.handBack();
	await conversation.answerCaseworker([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
	await conversation.finish({ note: 'hemlig anteckning' });
	await app.menu('Teamstatistik');
	await expect(page.getByText('Visar den här enhetens data: 1 deltagare')).toBeVisible();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Spara statistikfil' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^framsteg-team-\d{4}-\d{2}-\d{2}-[0-9a-f]{4}\.json$/);
	const text = readFileSync(await file.path(), 'utf8');
	expect(text).not.toContain('EXP-1');
	expect(text).not.toContain('hemlig');
	expect(JSON.parse(text).clients).toHaveLength(1);
	// A single person is never shown.
	expect((await rowCells(page, 'measurementsPerClient', 'clients'))[0]).toBe('färre än 5');
});
