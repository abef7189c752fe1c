import type { Locator, Page } from '@playwright/test';

export type RenderedFont = { familyName: string; isCustomFont: boolean; glyphCount: number };

/**
 * The fonts Chromium actually drew an element's text with (DevTools protocol
 * `CSS.getPlatformFontsForNode`). `isCustomFont` is true for a web font, i.e. one
 * the app ships, not one the device happens to have.
 */
export async function renderedFonts(page: Page, element: Locator): Promise<RenderedFont[]> {
	await element.evaluate(() => document.fonts.ready);
	const marker = `font-probe-${Math.random().toString(36).slice(2)}`;
	await element.evaluate((el, id) => el.setAttribute('data-font-probe', id), marker);
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('DOM.enable');
		await cdp.send('CSS.enable');
		const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
		const { nodeId } = await cdp.send('DOM.querySelector', {
			nodeId: root.nodeId,
			selector: `[data-font-probe="${marker}"]`
		});
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
		return fonts;
	} finally {
		await cdp.detach();
		await element.evaluate((el) => el.removeAttribute('data-font-probe'));
	}
}

/**
 * Renders the page as on a device that has no font for Arabic or Ge'ez script: the
 * app's font stack (`--font`) from its first bundled family on, so every device font
 * before it is left out. Returns the stack that is left.
 */
export async function asDeviceWithoutScriptFonts(page: Page): Promise<string> {
	return page.evaluate(() => {
		const stack = getComputedStyle(document.documentElement).getPropertyValue('--font');
		const from = stack.search(/['"]Framsteg /);
		if (from < 0) throw new Error(`no bundled font in the stack: ${stack}`);
		const rest = stack.slice(from).trim();
		document.documentElement.style.setProperty('--font', rest);
		return rest;
	});
}
