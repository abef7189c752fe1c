import { clients } from '$lib/storage';

export const load = async ({ parent }) => {
	const { lockState } = await parent();
	if (lockState !== 'unlocked') return { archived: [] };
	return { archived: await clients.list({ status: 'archived' }) };
};
