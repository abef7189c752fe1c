import { drafts, measurements } from '$lib/storage';

export const load = async ({ parent, url }) => {
	const { client } = await parent();
	if (!client) return { history: [], draftCheck: undefined, compare: [] };
	const [history, draftCheck] = await Promise.all([
		measurements.listForClient(client.id),
		drafts.getForClient(client.id)
	]);
	// Which measurements to overlay is a view choice, kept in the URL.
	const compare = (url.searchParams.get('compare') ?? '').split(',').filter(Boolean);
	return { history, draftCheck, compare };
};
