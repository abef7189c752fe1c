import {
	profileInputSchema,
	randomId,
	type Clock,
	type IdSource,
	type Profile,
	type ProfileInput,
	systemClock
} from '$lib/core';
import { database } from './database';
import { guard } from './errors';
import { openProfile, sealProfile } from './records';

/** The caseworker profile of this device, or undefined before set-up. */
export async function get(): Promise<Profile | undefined> {
	return guard(async () => {
		const rows = await database().profile.toArray();
		const row = rows[0];
		return row ? openProfile(row) : undefined;
	});
}

/** Creates or updates the profile. */
export async function save(
	input: ProfileInput,
	o: { now?: Clock; newId?: IdSource } = {}
): Promise<Profile> {
	const now = (o.now ?? systemClock)().toISOString();
	const parsed = profileInputSchema.parse(input);
	return guard(async () => {
		const existing = await get();
		const profile: Profile = existing
			? { ...existing, ...parsed, updatedAt: now }
			: ({ id: (o.newId ?? randomId)(), ...parsed, createdAt: now, updatedAt: now } as Profile);
		const row = await sealProfile(profile);
		await database().profile.put(row);
		return profile;
	});
}
