import { expect, type Page } from '@playwright/test';

/** The passphrase every test device is set up with. */
export const PASSPHRASE = 'korrekt häst batteri';

/** The whole app as a caseworker uses it (Swedish interface). */
export class App {
	/** The recovery key shown at set-up (tests that need it read it here). */
	recoveryKey = '';

	constructor(readonly page: Page) {}

	async setUp(o: { name?: string; unit?: string; withDemo?: boolean; passphrase?: string } = {}) {
		await this.page.goto('/');
		await expect(this.page.getByRole('heading', { name: 'Kom igång med Framsteg' })).toBeVisible();
		await this.page.getByLabel('Ditt namn eller dina initialer').fill(o.name ?? 'Anna Berg');
		await this.page
			.getByLabel('Enhet eller verksamhet (valfritt)')
			.fill(o.unit ?? 'Jobbtorget Väst');
		await this.page.getByLabel('Lösenfras', { exact: true }).fill(o.passphrase ?? PASSPHRASE);
		await this.page.getByLabel('Skriv lösenfrasen en gång till').fill(o.passphrase ?? PASSPHRASE);
		if (o.withDemo) await this.page.getByLabel('Prova med exempeldata').check();
		await this.page.getByRole('button', { name: 'Börja använda Framsteg' }).click();
		await expect(
			this.page.getByRole('heading', { name: 'Spara din återställningsnyckel' })
		).toBeVisible({ timeout: 15_000 });
		this.recoveryKey = (await this.page.getByTestId('recovery-key').textContent()) ?? '';
		await this.page.getByLabel('Jag har sparat återställningsnyckeln på ett säkert ställe').check();
		await this.page.getByRole('button', { name: 'Fortsätt' }).click();
		await expect(this.page.getByRole('heading', { name: 'Deltagare', level: 1 })).toBeVisible();
	}

	/** Unlocks the app on the lock screen (after a reload, a new tab or auto-lock). */
	async unlock(passphrase: string = PASSPHRASE) {
		await expect(this.page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible({
			timeout: 15_000
		});
		await this.page.getByLabel('Lösenfras', { exact: true }).fill(passphrase);
		await this.page.getByRole('button', { name: 'Lås upp', exact: true }).click();
		await expect(this.page.getByRole('heading', { name: 'Framsteg är låst' })).toBeHidden({
			timeout: 15_000
		});
	}

	/** A reload (or `goto`) starts locked: unlock again. */
	async reloadAndUnlock() {
		await this.page.reload();
		await this.unlock();
	}

	async gotoAndUnlock(url: string) {
		await this.page.goto(url);
		await this.unlock();
	}

	async addClient(code: string, o: { gender?: string } = {}) {
		await this.page.getByRole('link', { name: 'Ny deltagare' }).click();
		await this.page.getByLabel('Kod eller pseudonym').fill(code);
		if (o.gender) await this.page.getByLabel('Kön').selectOption({ label: o.gender });
		await this.page.getByRole('button', { name: 'Lägg till deltagare' }).click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: `Deltagare ${code}` })
		).toBeVisible();
	}

	/**
	 * Back to the register in the app (the header's brand link), as a caseworker does it:
	 * no page load, so the app stays unlocked. Works in every interface language.
	 */
	async home() {
		await this.page.locator('header a.brand').click();
		await expect(this.page).toHaveURL((url) => url.pathname === '/');
		await expect(this.page.locator('main h1')).toBeVisible();
	}

	/** Follows a link of the main menu in the header (Swedish interface). */
	async menu(name: 'Deltagare' | 'Teamstatistik' | 'Inställningar') {
		await this.page
			.getByRole('navigation', { name: 'Huvudmeny' })
			.getByRole('link', { name, exact: true })
			.click();
		await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
	}

	async openClient(code: string) {
		await this.home();
		await this.page.getByRole('link', { name: code, exact: true }).click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: new RegExp(code) })
		).toBeVisible();
	}

	/** Waits until the service worker controls the page, so the app works offline. */
	async waitForServiceWorker() {
		await this.page.evaluate(() => navigator.serviceWorker.ready);
		await this.page.waitForFunction(() => !!navigator.serviceWorker.controller);
	}
}

/** A client's answer per question: a step value, or one of the ways of not answering. */
export type ScriptedAnswer = number | 'dont-understand' | 'declined';

export class Conversation {
	constructor(readonly page: Page) {}

	async start(o: { date?: string } = {}) {
		await this.page.getByRole('link', { name: /Starta nytt samtal|Fortsätt samtalet/ }).click();
		await expect(this.page.getByRole('heading', { name: /Samtal med/ })).toBeVisible();
		if (o.date) await this.page.getByLabel('Datum för samtalet').fill(o.date);
		await this.page.getByRole('button', { name: 'Starta deltagarens frågor' }).click();
	}

	progress() {
		return this.page.locator('.progress-text');
	}

	async answerClient(answers: ScriptedAnswer[]) {
		for (const [i, a] of answers.entries()) {
			await expect(this.progress()).toHaveText(`Fråga ${i + 1} av ${answers.length}`);
			await this.answerOne(a);
		}
		await expect(this.page.getByRole('heading', { name: 'Tack för dina svar!' })).toBeVisible();
	}

	async answerOne(a: ScriptedAnswer) {
		if (a === 'declined') {
			await this.page.getByRole('button', { name: 'Jag vill inte svara' }).click();
			return;
		}
		if (a === 'dont-understand') {
			await this.page.getByRole('button', { name: 'Jag förstår inte frågan' }).click();
			await this.page
				.getByRole('button', { name: 'Jag förstår fortfarande inte, gå vidare' })
				.click();
			return;
		}
		await this.page.getByRole('radio', { name: new RegExp(`^${a}\\b`) }).check();
		await this.page.getByRole('button', { name: 'Nästa' }).click();
	}

	/**
	 * The caseworker takes the tablet back on the hand-back screen: leaving client mode
	 * asks for the caseworker's passphrase.
	 */
	async handBack(passphrase: string = PASSPHRASE) {
		await this.page.getByRole('button', { name: 'Jag är handläggaren, fortsätt' }).click();
		await this.confirmCaseworker(passphrase);
	}

	/** Gives the passphrase in the dialog that guards every way out of client mode. */
	async confirmCaseworker(passphrase: string = PASSPHRASE) {
		const dialog = this.page.getByRole('dialog', { name: 'Handläggaren tar över' });
		await expect(dialog).toBeVisible();
		// Client mode holds until the passphrase is given.
		await expect(this.page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
		await dialog.getByLabel('Lösenfras', { exact: true }).fill(passphrase);
		await dialog.getByRole('button', { name: 'Fortsätt som handläggare' }).click();
		await expect(dialog).toBeHidden({ timeout: 15_000 });
	}

	async answerCaseworker(answers: number[]) {
		for (const [i, a] of answers.entries()) {
			await expect(this.progress()).toHaveText(`Handläggarens fråga ${i + 1} av ${answers.length}`);
			await this.page.getByRole('radio', { name: new RegExp(`^${a}\\b`) }).check();
			await this.page.getByRole('button', { name: 'Nästa' }).click();
		}
		await expect(this.page.getByRole('heading', { name: 'Resultat' })).toBeVisible();
	}

	async finish(o: { focus?: string[]; note?: string } = {}) {
		for (const f of o.focus ?? [])
			await this.page.getByRole('checkbox', { name: f, exact: true }).check();
		if (o.note) await this.page.getByLabel('Anteckning').fill(o.note);
		await this.page.getByRole('button', { name: 'Spara samtalet' }).click();
		await expect(this.page.getByRole('heading', { level: 1, name: /^Mätning/ })).toBeVisible();
	}
}

/** Reads a data table (caption → rows of cell texts, header row first). */
export async function readTable(page: Page, caption: string | RegExp): Promise<string[][]> {
	const table = page
		.locator('table', { has: page.locator('caption', { hasText: caption }) })
		.first();
	await expect(table).toBeVisible();
	return table
		.locator('tr')
		.evaluateAll((rows) =>
			rows.map((r) =>
				[...r.querySelectorAll('th, td')].map((c) =>
					(c.firstChild?.textContent ?? c.textContent ?? '').trim()
				)
			)
		);
}

/** True when a canvas inside the locator has painted pixels. */
export async function canvasIsPainted(page: Page, selector = '.radar canvas'): Promise<boolean> {
	return page
		.locator(selector)
		.first()
		.evaluate((canvas: HTMLCanvasElement) => {
			const ctx = canvas.getContext('2d');
			if (!ctx || canvas.width === 0) return false;
			const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
			let painted = 0;
			for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
			return painted > 1000;
		});
}

/**
 * Marks every live region on the page now. Screen readers read a change to a live region
 * that is already in the DOM; a region that arrives together with its text is often not
 * read at all. After the save, `announced` finds only regions that were there before.
 */
export async function markLiveRegions(page: Page): Promise<void> {
	await page
		.locator('[role=status], [role=alert], [aria-live]')
		.evaluateAll((regions) => regions.forEach((r) => r.setAttribute('data-e2e-before', '')));
}

/** A message in a polite live region that was in the DOM before (see `markLiveRegions`). */
export function announced(page: Page, text: string) {
	return page
		.locator('[data-e2e-before]:is([role=status], [aria-live=polite])')
		.filter({ hasText: text });
}

/**
 * Text in `language` whose nearest `lang` is another one: a screen reader would read it
 * with the wrong voice. Scans the text and the accessible-name attributes under `main`
 * for the script of `pattern`.
 */
export async function wronglyMarked(page: Page, pattern: RegExp, language: string) {
	return page.locator('main').evaluate(
		(main, [source, flags, lang]) => {
			const script = new RegExp(source, flags);
			const wrong: string[] = [];
			const langOf = (el: Element | null) => el?.closest('[lang]')?.getAttribute('lang');
			const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode())
				if (script.test(n.textContent ?? '') && langOf(n.parentElement) !== lang)
					wrong.push(`${langOf(n.parentElement)}: ${n.textContent?.trim()}`);
			for (const el of main.querySelectorAll('[aria-label], [title], [alt], [placeholder]'))
				for (const a of ['aria-label', 'title', 'alt', 'placeholder'])
					if (script.test(el.getAttribute(a) ?? '') && langOf(el) !== lang)
						wrong.push(`${langOf(el)} @${a}: ${el.getAttribute(a)}`);
			return wrong;
		},
		[pattern.source, pattern.flags, language] as const
	);
}
