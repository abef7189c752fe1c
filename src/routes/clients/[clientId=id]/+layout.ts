import { error } from '@sveltejs/kit';
import type { ClientId } from '$lib/core';
import { clients } from '$lib/storage';

// Client routes are opened by id at run time; the fallback page serves them.
export const prerender = false;

export const load = async ({ params, parent }) => {
	const { storageErrorKey, lockState } = await parent();
	// Locked: the layout shows the lock screen and reads nothing.
	if (storageErrorKey || lockState !== 'unlocked') return { client: undefined };
	const client = await clients.get(params.clientId as ClientId);
	if (!client) error(404, { message: 'client-not-found' });
	return { client };
};
