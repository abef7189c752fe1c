import { describe, expect, it } from 'vitest';
import { clients, demo, drafts, measurements } from '$lib/storage';
import { opened, useTestDatabase } from '../../fixtures/database';
import {
	fixedClock,
	makeClientInput,
	makeDraft,
	makeMeasurement,
	makeProfile
} from '../../fixtures/factories';

const me = makeProfile();

describe('storage demo', () => {
	const db = useTestDatabase();

	it('is not loaded in a new database', async () => {
		expect(await demo.isLoaded()).toBe(false);
	});

	it('loads the demo client with three measurements', async () => {
		await demo.load(me, { now: fixedClock });
		expect(await demo.isLoaded()).toBe(true);
		const [client] = await clients.list();
		expect(client).toMatchObject({ code: 'DEMO-1', isDemo: true, caseworkerId: me.id });
		const history = await measurements.listForClient(client.id);
		expect(history).toHaveLength(3);
		expect(history.every((m) => m.isDemo)).toBe(true);
	});

	it('loads the same data again without duplicating it', async () => {
		await demo.load(me, { now: fixedClock });
		await demo.load(me, { now: fixedClock });
		expect(await db().clients.count()).toBe(1);
		expect(await db().measurements.count()).toBe(3);
	});

	it('removes only demo records', async () => {
		const real = await clients.create(makeClientInput({ code: 'K-1' }), me, { now: fixedClock });
		const realMeasurement = makeMeasurement({ clientId: real.id });
		await measurements.putMany([realMeasurement]);
		const realDraft = makeDraft({ seed: 1, clientId: real.id });
		await drafts.save(realDraft);

		await demo.load(me, { now: fixedClock });
		const [demoClient] = (await clients.list()).filter((c) => c.isDemo);
		expect(demoClient?.code).toBe('DEMO-1');
		await drafts.save(makeDraft({ seed: 2, clientId: demoClient.id }));

		await demo.remove();
		expect(await demo.isLoaded()).toBe(false);
		expect(await clients.list()).toEqual([real]);
		expect(await opened('measurements', await db().measurements.toArray())).toEqual([
			realMeasurement
		]);
		expect(await opened('drafts', await db().drafts.toArray())).toEqual([realDraft]);
	});
});
