import { isRedirect, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { initI18n } from '$lib/i18n/i18n';
import { classifyStorageError, isSecurityError, keyring, profile } from '$lib/storage';

export const prerender = true;
export const ssr = false;
export const trailingSlash = 'ignore';

/**
 * The app's gate: before set-up (no keyring) everything leads to /setup; while
 * locked, no data is read and the layout shows the lock screen; once unlocked,
 * the caseworker profile is loaded.
 */
export const load = async ({ url }) => {
	await initI18n();
	const isSetup = url.pathname.endsWith('/setup');
	// The privacy statement is readable before set-up and while locked (it holds no data).
	const isPublic = url.pathname.endsWith('/privacy');
	try {
		const lockState = await keyring.state();
		if (lockState === 'none') {
			if (!isSetup && !isPublic) redirect(307, resolve('/setup'));
			// A database from before encryption may already hold a profile (read as it is).
			return { lockState, profile: await profile.get(), storageErrorKey: undefined };
		}
		if (lockState === 'locked')
			return { lockState, profile: undefined, storageErrorKey: undefined };
		const me = await profile.get();
		if (!me && !isSetup) redirect(307, resolve('/setup'));
		return { lockState, profile: me, storageErrorKey: undefined };
	} catch (error) {
		if (isRedirect(error)) throw error;
		const messageKey = isSecurityError(error)
			? error.messageKey
			: classifyStorageError(error).messageKey;
		return { lockState: 'locked' as const, profile: undefined, storageErrorKey: messageKey };
	}
};
