import { describe, expect, it } from 'vitest';
import { profileSchema } from '$lib/core';
import { profile } from '$lib/storage';
import { useTestDatabase } from '../../fixtures/database';
import { fixedClock, idSource, NOW } from '../../fixtures/factories';

describe('storage profile', () => {
	const db = useTestDatabase();
	const LATER = new Date(NOW.getTime() + 86_400_000);

	it('has no profile before set-up', async () => {
		expect(await profile.get()).toBeUndefined();
	});

	it('saves and reads back the profile', async () => {
		const saved = await profile.save(
			{ name: '  Anna Handläggare ', unit: 'Enhet Syd' },
			{ now: fixedClock, newId: idSource(3) }
		);
		expect(profileSchema.safeParse(saved).success).toBe(true);
		expect(saved).toEqual({
			id: idSource(3)(),
			name: 'Anna Handläggare',
			unit: 'Enhet Syd',
			createdAt: NOW.toISOString(),
			updatedAt: NOW.toISOString()
		});
		expect(await profile.get()).toEqual(saved);
	});

	it('updates the one profile instead of adding another', async () => {
		const first = await profile.save({ name: 'Anna', unit: '' }, { now: fixedClock });
		const second = await profile.save({ name: 'Anna B', unit: 'Nord' }, { now: () => LATER });
		expect(second).toEqual({
			...first,
			name: 'Anna B',
			unit: 'Nord',
			updatedAt: LATER.toISOString()
		});
		expect(await db().profile.count()).toBe(1);
		expect(await profile.get()).toEqual(second);
	});

	it('refuses an empty name and stores nothing', async () => {
		await expect(profile.save({ name: ' ', unit: '' })).rejects.toThrow();
		expect(await db().profile.count()).toBe(0);
	});
});
