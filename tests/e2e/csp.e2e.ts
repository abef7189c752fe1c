import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const REQUIRED = [
	"default-src 'self'",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'"
];

function cspOf(html: string): string | undefined {
	return /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
}

test('every built page, the SPA fallback included, carries the strict CSP', () => {
	for (const file of ['index.html', '200.html', 'settings.html', 'setup.html']) {
		const csp = cspOf(readFileSync(`build/${file}`, 'utf8'))?.replaceAll('&#39;', "'");
		expect(csp, file).toBeDefined();
		for (const directive of REQUIRED) expect(csp, file).toContain(directive);
		expect(csp, file).not.toContain('unsafe-inline');
		expect(csp, file).not.toContain('unsafe-eval');
	}
});

test('the CSP meta tag is in the served page and an injected inline script is blocked', async ({
	page,
	app,
	security
}) => {
	await app.setUp();
	const csp = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	for (const directive of REQUIRED) expect(csp).toContain(directive);

	// A deep link served by the fallback page has it too.
	await page.goto('/clients/00000000-0000-0000-0000-000000000000');
	await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveCount(1);

	const blocked = page.waitForEvent('requestfailed', (r) => r.url().includes('example.invalid'));
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.__injected = true';
		document.body.append(script);
		const img = document.createElement('img');
		img.alt = '';
		img.src = 'https://example.invalid/pixel.png';
		document.body.append(img);
	});
	expect((await blocked).failure()?.errorText).toBe('csp');
	await expect.poll(() => security.violations.length).toBeGreaterThanOrEqual(2);
	expect(await page.evaluate(() => '__injected' in window)).toBe(false);
	expect(security.violations.map((v) => v.directive).sort()).toEqual([
		'img-src',
		'script-src-elem'
	]);
	// The fixture's request log saw the attempt too.
	expect(security.foreignRequests().map((r) => r.url)).toEqual([
		'https://example.invalid/pixel.png'
	]);
	// Both were provoked on purpose: the fixture's own checks must not count them.
	security.violations.length = 0;
	const own = security.requests.filter((r) => !r.url.includes('example.invalid'));
	security.requests.splice(0, security.requests.length, ...own);
});
