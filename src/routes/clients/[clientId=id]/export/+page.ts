import { measurements } from '$lib/storage';

export const load = async ({ parent }) => {
	const { client } = await parent();
	if (!client) return { count: 0 };
	return { count: (await measurements.listForClient(client.id)).length };
};
