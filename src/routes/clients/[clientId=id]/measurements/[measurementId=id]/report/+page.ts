import { error } from '@sveltejs/kit';
import { measurements } from '$lib/storage';

export const load = async ({ parent, params }) => {
	const { client } = await parent();
	if (!client) return { measurement: undefined, previous: undefined };
	const history = await measurements.listForClient(client.id);
	const index = history.findIndex((m) => m.id === params.measurementId);
	if (index < 0) error(404, { message: 'measurement-not-found' });
	// History is newest first: the one after it in the list is the previous conversation.
	return { measurement: history[index], previous: history[index + 1] };
};
