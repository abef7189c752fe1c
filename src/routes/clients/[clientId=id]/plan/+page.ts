import { currentPlan } from '$lib/core';
import { measurements, plans } from '$lib/storage';

export const load = async ({ parent, url }) => {
	const { client } = await parent();
	if (!client) return { plan: undefined, latest: undefined };
	const [all, history] = await Promise.all([
		plans.listForClient(client.id),
		measurements.listForClient(client.id)
	]);
	// `?new` starts a fresh plan after the latest measurement; otherwise the current plan is edited.
	const plan = url.searchParams.has('new') ? undefined : currentPlan(all);
	return { plan: plan?.status === 'closed' ? undefined : plan, latest: history[0] };
};
