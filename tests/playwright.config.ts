import { defineConfig, devices } from '@playwright/test';

// Paths here are relative to tests/. The app under test is the production build, served statically.
// E2E_PORT lets a second checkout run its own server side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: '../reports/test-results',
	// Two workers on two cores; every test has its own browser context (own IndexedDB and service worker).
	workers: 2,
	fullyParallel: true,
	retries: 0,
	timeout: 60_000,
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: '../reports/playwright.json' }]],
	// The fixtures log every request of every test; these start the log and sum it up in
	// reports/request-log.json.
	globalSetup: './e2e/global-setup.ts',
	globalTeardown: './e2e/global-teardown.ts',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		serviceWorkers: 'allow',
		locale: 'sv-SE',
		timezoneId: 'Europe/Stockholm',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				'--no-first-run'
			]
		}
	},
	projects: [
		{
			// A 10-inch tablet in landscape: the device caseworkers use.
			name: 'tablet',
			use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, hasTouch: true }
		}
	],
	webServer: {
		command: `node node_modules/sirv-cli/bin.js build --single 200.html --port ${PORT} --host 127.0.0.1 --quiet`,
		cwd: '..',
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
