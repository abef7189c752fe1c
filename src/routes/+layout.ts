import { isRedirect, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { Profile } from '$lib/core';
import {
	FIRST_SCREEN_NAMESPACES,
	NAMESPACES,
	REGISTER_NAMESPACES,
	type Namespace
} from '$lib/i18n/config';
import { initI18n, loadNamespaces } from '$lib/i18n/i18n';
import type { LockState } from '$lib/storage';
import {
	classifyStorageError,
	isSecurityError,
	isUnlocked,
	loadStorage,
	peekLockState
} from '$lib/storage/light';

export const prerender = true;
export const ssr = false;
export const trailingSlash = 'ignore';

/**
 * The app's gate: before set-up (no keyring) everything leads to /setup; while
 * locked, no data is read and the layout shows the lock screen; once unlocked,
 * the caseworker profile is loaded.
 *
 * Every page load starts locked (the data key is only in memory), so this decides from
 * a raw look at IndexedDB (`peekLockState`) and loads neither the storage module nor
 * the core schemas: the first screen stays small. The storage module is loaded when
 * there is something to read (unlocked in this tab, or a database without a keyring).
 */
export const load = async ({ url, route }) => {
	const started = initI18n();
	const isSetup = url.pathname.endsWith('/setup');
	// The privacy statement is readable before set-up and while locked (it holds no data).
	const isPublic = url.pathname.endsWith('/privacy');
	try {
		const { lockState, hasDatabase } = await lockStateOfThisTab();
		if (lockState === 'none' && !isSetup && !isPublic) redirect(307, resolve('/setup'));
		await started;
		// The screen's text, and the profile where there is one to read, side by side.
		const text = loadNamespaces(namespacesFor(lockState, route.id));
		if (lockState === 'locked') {
			await text;
			return loaded(lockState);
		}
		// A database from before encryption may already hold a profile (read as it is).
		const hasProfile = lockState === 'unlocked' || hasDatabase;
		const [me] = await Promise.all([hasProfile ? readProfile() : undefined, text]);
		if (lockState === 'none') return loaded(lockState, me);
		if (!me && !isSetup) redirect(307, resolve('/setup'));
		return loaded(lockState, me);
	} catch (error) {
		await started;
		if (isRedirect(error)) throw error;
		const messageKey = isSecurityError(error)
			? error.messageKey
			: classifyStorageError(error).messageKey;
		return { lockState: 'locked' as const, profile: undefined, storageErrorKey: messageKey };
	}
};

/** 'unlocked' when this tab holds the key; otherwise what IndexedDB says (no Dexie needed). */
async function lockStateOfThisTab(): Promise<{ lockState: LockState; hasDatabase: boolean }> {
	if (isUnlocked()) return { lockState: 'unlocked', hasDatabase: true };
	const { state, hasDatabase } = await peekLockState();
	return { lockState: state, hasDatabase };
}

async function readProfile(): Promise<Profile | undefined> {
	return (await loadStorage()).profile.get();
}

function loaded(lockState: LockState, profile?: Profile) {
	return { lockState, profile, storageErrorKey: undefined as string | undefined };
}

/**
 * The text a screen needs, loaded before it renders: the first screen (lock screen,
 * set-up) only `common`; the register (and the few light pages around it) what it
 * shows; every other page all namespaces, so a page can never show a raw key.
 */
const LIGHT_ROUTES = new Set(['/', '/setup', '/privacy']);
function namespacesFor(lockState: LockState, routeId: string | null): readonly Namespace[] {
	if (routeId === '/privacy') return [...FIRST_SCREEN_NAMESPACES, 'privacy'];
	if (lockState !== 'unlocked') return FIRST_SCREEN_NAMESPACES;
	if (routeId && LIGHT_ROUTES.has(routeId)) return REGISTER_NAMESPACES;
	return NAMESPACES;
}
