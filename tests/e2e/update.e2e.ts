import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

// A private copy of the build on its own port (not 4190: browsers block it), so this test can publish a "new version"
// without disturbing the other tests. E2E_UPDATE_PORT picks the port when checkouts run side by side.
const PORT = Number(
	process.env.E2E_UPDATE_PORT ?? 4280 + Number(process.env.E2E_PORT ?? 4173) - 4173
);
let dir: string;
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
let server: ChildProcess;

test.beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'framsteg-update-'));
	cpSync('build', dir, { recursive: true });
	server = spawn(
		process.execPath,
		[
			'node_modules/sirv-cli/bin.js',
			dir,
			'--single',
			'200.html',
			'--port',
			String(PORT),
			'--host',
			'127.0.0.1',
			'--quiet',
			// dev mode re-reads files on each request, so the new version is really served
			'--dev'
		],
		{
			stdio: ['ignore', 'ignore', 'pipe'],
			// Not the test runner's loader options: this is a plain node program.
			env: { ...process.env, NODE_OPTIONS: '' }
		}
	);
	let last: unknown;
	for (let i = 0; i < 50; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return;
		} catch (error) {
			last = error; // not up yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(
		`update-test server did not start in ${process.cwd()}: ${server.stderr?.read()} ${String(last)} ${String((last as Error)?.cause)}`
	);
});

test.afterAll(() => {
	server?.kill();
	rmSync(dir, { recursive: true, force: true });
});

test('a new version waits for the user: prompt, no reload mid-conversation, the draft survives', async ({
	page,
	app,
	conversation
}) => {
	await app.setUp();
	await app.addClient('UPD-1');
	await app.waitForServiceWorker();
	await conversation.start();
	await conversation.answerOne(4);
	await conversation.answerOne(5);
	await expect(conversation.progress()).toHaveText('Fråga 3 av 10');

	// Publish a new build: a changed service worker.
	const sw = join(dir, 'service-worker.js');
	writeFileSync(sw, readFileSync(sw, 'utf8') + '\n// next version\n');
	rmSync(`${sw}.gz`, { force: true });
	rmSync(`${sw}.br`, { force: true });
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

	// Client mode: the prompt is held back, the page is not reloaded, the question stays.
	await page.waitForTimeout(1500);
	await expect(page.getByText(/En ny version av Framsteg finns/)).toHaveCount(0);
	await expect(conversation.progress()).toHaveText('Fråga 3 av 10');

	// Back in the caseworker's hands (the intro screen is not client mode), the prompt shows.
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	await page.getByRole('button', { name: 'Tillbaka' }).click();
	// Back from the first question leaves client mode: only with the caseworker's passphrase.
	await expect(page.getByText(/En ny version av Framsteg finns/)).toHaveCount(0);
	await conversation.confirmCaseworker();
	await expect(page.getByRole('heading', { name: /Samtal med/ })).toBeVisible();
	await expect(page.getByText(/En ny version av Framsteg finns/)).toBeVisible();
	const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
	expect(before).toBeTruthy();

	// On consent the new version takes over and the page reloads; the conversation is still there.
	await Promise.all([
		page.waitForEvent('load'),
		page.getByRole('button', { name: 'Uppdatera nu' }).click()
	]);
	// The reloaded page starts locked.
	await app.unlock();
	await expect(page.getByRole('heading', { name: 'Ett samtal pågår' })).toBeVisible();
	await page.getByRole('button', { name: 'Fortsätt samtalet' }).click();
	await expect(page.getByRole('heading', { name: /Samtal med/ })).toBeVisible();
	await page.getByRole('button', { name: 'Starta deltagarens frågor' }).click();
	await expect(page.getByRole('radio', { name: /^4\b/ })).toBeChecked();
});
