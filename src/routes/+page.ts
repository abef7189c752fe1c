import { isUnlocked } from '$lib/storage/light';

/**
 * `/` is also the address of the first screen: while locked, the layout shows the lock
 * screen instead of this page, and nothing more loads. Once unlocked, the register's body
 * (with the storage module it reads with) loads here, in parallel with the layout's data,
 * so the page renders in one go.
 */
export const load = async () => {
	if (!isUnlocked()) return { ClientRegister: undefined };
	const { default: ClientRegister } = await import('$lib/components/clients/ClientRegister.svelte');
	return { ClientRegister };
};
