import { describe, expect, it } from 'vitest';
import { clients, drafts } from '$lib/storage';
import { ConversationFlow } from '$lib/state/conversation-flow.svelte';
import { FRAMSTEG_V1 } from '$lib/core/catalogue/framsteg-v1';
import { useTestDatabase } from '../../fixtures/database';
import {
	answersFor,
	fixedClock,
	makeClientInput,
	makeDraft,
	makeProfile
} from '../../fixtures/factories';

const me = makeProfile();

describe('ConversationFlow: the client is deleted in another tab mid-conversation', () => {
	const db = useTestDatabase();
	const createClient = () =>
		clients.create(makeClientInput({ code: 'DEL-1' }), me, { now: fixedClock });

	it('stops at the next autosave, in client mode: no "saved", no retry, nothing more taken', async () => {
		const client = await createClient();
		const flow = new ConversationFlow(
			makeDraft({ clientId: client.id, step: 'client', clientIndex: 0 }),
			FRAMSTEG_V1,
			fixedClock
		);
		flow.answer(flow.item!.id, 3);
		await flow.settled();
		expect(flow.saveState).toBe('saved');

		await clients.remove(client.id, { now: fixedClock });
		flow.next();
		flow.answer(flow.item!.id, 4);
		await flow.settled();
		expect(flow.isClientDeleted).toBe(true);
		expect(flow.saveState).toBe('failed');
		expect(flow.errorKey).toBe('common:storageErrors.client-deleted');
		expect(await db().drafts.count()).toBe(0);

		// Nothing more is taken or written: the participant's next answer changes nothing.
		const before = flow.draft;
		flow.next();
		flow.answer(flow.item!.id, 5);
		await flow.settled();
		expect(flow.draft).toBe(before);
		expect(flow.saveState).toBe('failed');
		expect(await db().drafts.count()).toBe(0);

		// Client mode holds until the caseworker's passphrase; leaving it saves nothing.
		expect(flow.isClientMode).toBe(true);
		flow.requestExit();
		flow.confirmExit();
		await flow.settled();
		expect(flow.isClientMode).toBe(false);
		expect(flow.isClientDeleted).toBe(true);
		expect(await db().drafts.count()).toBe(0);
		expect(await flow.finish()).toBeUndefined();
	});

	it('a client deleted after the last autosave: saving the conversation says so, as final', async () => {
		const client = await createClient();
		const draft = makeDraft({
			clientId: client.id,
			step: 'result',
			clientAnswers: answersFor('client', [1, 2, 3, 4, 5, 6, 1, 2, 3, 4]),
			caseworkerAnswers: answersFor('caseworker', [2, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5])
		});
		await drafts.save(draft);
		const flow = new ConversationFlow(draft, FRAMSTEG_V1, fixedClock);
		await clients.remove(client.id, { now: fixedClock });

		expect(await flow.finish()).toBeUndefined();
		expect(flow.isClientDeleted).toBe(true);
		expect(flow.errorKey).toBe('common:storageErrors.client-deleted');
		expect(await db().measurements.count()).toBe(0);
	});
});
