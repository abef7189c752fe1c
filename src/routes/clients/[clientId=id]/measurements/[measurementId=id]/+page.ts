import { error } from '@sveltejs/kit';
import { measurements, plans } from '$lib/storage';

export const load = async ({ parent, params }) => {
	const { client } = await parent();
	if (!client) return { measurement: undefined, previous: undefined, plan: undefined };
	const [history, clientPlans] = await Promise.all([
		measurements.listForClient(client.id),
		plans.listForClient(client.id)
	]);
	const index = history.findIndex((m) => m.id === params.measurementId);
	if (index < 0) error(404, { message: 'measurement-not-found' });
	// History is newest first: the one after it in the list is the previous conversation.
	// The action plan agreed after this conversation, if one was made.
	const plan = clientPlans.find((p) => p.measurementId === params.measurementId);
	return { measurement: history[index], previous: history[index + 1], plan };
};
