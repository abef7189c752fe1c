import { measurements } from '$lib/storage';

export const load = async ({ parent }) => {
	const { client } = await parent();
	if (!client) return { history: [] };
	return { history: await measurements.listForClient(client.id) };
};
