import { describe, expect, it, vi } from 'vitest';
import { FIRST_SCREEN_NAMESPACES } from '$lib/i18n/config';
import { i18next, initI18n, loadNamespaces, setUiLanguage, translate } from '$lib/i18n/i18n';

/**
 * The first screen loads only its own text; a route's namespaces load before it renders,
 * and a language switch brings every namespace in use along.
 */
describe('namespaces load when needed', () => {
	it('starts with the first screen’s namespaces only', async () => {
		await initI18n('sv');
		expect(FIRST_SCREEN_NAMESPACES).toEqual(['common']);
		expect(i18next.hasResourceBundle('sv', 'common')).toBe(true);
		for (const ns of ['catalogue', 'conversation', 'exchange', 'plan', 'privacy'])
			expect(i18next.hasResourceBundle('sv', ns)).toBe(false);
		expect(translate('common:security.lock.title')).toBe('Framsteg är låst');
	});

	it('loads a route’s namespaces in the interface language and the Swedish fallback', async () => {
		await setUiLanguage('en');
		await loadNamespaces(['plan']);
		expect(i18next.hasResourceBundle('en', 'plan')).toBe(true);
		expect(i18next.hasResourceBundle('sv', 'plan')).toBe(true);
		expect(i18next.hasResourceBundle('en', 'exchange')).toBe(false);
	});

	it('a language switch loads every namespace in use before it switches', async () => {
		await setUiLanguage('uk');
		expect(i18next.language).toBe('uk');
		for (const ns of ['common', 'plan']) expect(i18next.hasResourceBundle('uk', ns)).toBe(true);
		expect(i18next.hasResourceBundle('uk', 'exchange')).toBe(false);
	});

	it('a key of a namespace nobody asked for starts loading it (safety net)', async () => {
		await setUiLanguage('sv');
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		translate('exchange:errors.empty');
		await vi.waitFor(() => expect(i18next.hasResourceBundle('sv', 'exchange')).toBe(true));
		expect(translate('exchange:errors.empty')).toBe('Filen är tom.');
		warn.mockRestore();
	});
});
