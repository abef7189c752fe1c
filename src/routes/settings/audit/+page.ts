import { audit, clients } from '$lib/storage';

export const load = async ({ parent }) => {
	const { lockState } = await parent();
	if (lockState !== 'unlocked') return { log: undefined, codes: new Map<string, string>() };
	const [log, all] = await Promise.all([audit.read(), clients.list()]);
	return { log, codes: new Map(all.map((c) => [c.id as string, c.code])) };
};
