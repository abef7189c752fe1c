import { drafts, measurements } from '$lib/storage';

export const load = async ({ parent }) => {
	const { client } = await parent();
	if (!client) return { draftCheck: undefined, history: [] };
	const [draftCheck, history] = await Promise.all([
		drafts.getForClient(client.id),
		measurements.listForClient(client.id)
	]);
	return { draftCheck, history };
};
