import { isRedirect, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { initI18n } from '$lib/i18n/i18n';
import { classifyStorageError, profile } from '$lib/storage';

export const prerender = true;
export const ssr = false;
export const trailingSlash = 'ignore';

export const load = async ({ url }) => {
	await initI18n();
	const isSetup = url.pathname.endsWith('/setup');
	try {
		const me = await profile.get();
		if (!me && !isSetup) redirect(307, resolve('/setup'));
		return { profile: me, storageErrorKey: undefined };
	} catch (error) {
		if (isRedirect(error)) throw error;
		return { profile: undefined, storageErrorKey: classifyStorageError(error).messageKey };
	}
};
