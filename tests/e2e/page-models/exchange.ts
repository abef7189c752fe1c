import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Download, type Page } from '@playwright/test';

/** The Swedish texts of the exchange namespace, to check messages by their key. */
export const SV_EXCHANGE = JSON.parse(
	readFileSync(join(process.cwd(), 'locales/sv/exchange.json'), 'utf8')
) as { errors: Record<string, string> } & Record<string, Record<string, string>>;

export const FILENAME =
	/^framsteg-(client|backup|chart|copy|research|dictionary)-\d{4}-\d{2}-\d{2}-[0-9a-f]{4}\.(json|png|html|csv)$/;

export async function downloadText(download: Download): Promise<string> {
	const path = await download.path();
	return readFileSync(path, 'utf8');
}

export async function downloadBytes(download: Download): Promise<Buffer> {
	return readFileSync(await download.path());
}

/** Getting data out and back in, as a caseworker does it (Swedish interface). */
export class Exchange {
	constructor(readonly page: Page) {}

	/** Exports the client whose page is open; encrypted when a passphrase is given. */
	async exportClient(passphrase?: string): Promise<Download> {
		await this.page.getByRole('link', { name: 'Exportera till fil' }).click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: /Exportera deltagaren/ })
		).toBeVisible();
		return this.exportForm('Exportera fil', passphrase);
	}

	async exportForm(button: string, passphrase?: string): Promise<Download> {
		const box = this.page.getByLabel('Kryptera filen med en lösenfras (rekommenderas)');
		await expect(box).toBeChecked();
		if (passphrase) {
			await this.page.getByLabel('Lösenfras', { exact: true }).fill(passphrase);
			await this.page.getByLabel('Skriv lösenfrasen en gång till').fill(passphrase);
		} else await box.uncheck();
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: button }).click()
		]);
		await expect(this.page.getByText(/är nedladdad/)).toBeVisible();
		return download;
	}

	/**
	 * Makes a full backup on the backup page (one button: a sealed backup needs no
	 * passphrase of its own) and returns the download.
	 */
	async backup(): Promise<Download> {
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: 'Ladda ner säkerhetskopia' }).click()
		]);
		await expect(this.page.getByText(/är nedladdad/)).toBeVisible();
		return download;
	}

	/**
	 * Chooses a file on an import or restore page; unlocks it when a passphrase is given:
	 * a file's own passphrase, or the passphrase or recovery key of a backup made with
	 * another device's key.
	 */
	async chooseFile(
		label: string,
		name: string,
		content: string | Buffer,
		passphrase?: string
	): Promise<void> {
		await this.page.getByLabel(label).setInputFiles({
			name,
			mimeType: 'application/json',
			buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content
		});
		const error = this.page.locator('.import-error');
		const ask = this.page
			.getByLabel('Lösenfras för filen')
			.or(this.page.getByLabel('Lösenfras eller återställningsnyckel för säkerhetskopian'));
		const preview = this.page.getByRole('heading', { name: /^Förhandsvisning/ });
		await expect(error.or(ask).or(preview).first()).toBeVisible();
		if (passphrase !== undefined && (await ask.isVisible()) && !(await error.isVisible())) {
			await ask.fill(passphrase);
			await this.page.getByRole('button', { name: 'Lås upp' }).click();
			await expect(error.or(preview).first()).toBeVisible();
		}
	}
}
