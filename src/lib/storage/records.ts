import {
	caseworkerChangeSchema,
	clientSchema,
	interventionSchema,
	planSchema,
	type CaseworkerChange,
	type Intervention,
	type Plan,
	draftSchema,
	measurementSchema,
	profileSchema,
	type Client,
	type Draft,
	type Measurement,
	type Profile
} from '$lib/core';

/**
 * Mapping between domain records and stored rows. This file is the one place that
 * knows which fields are personal: when encryption at rest arrives, `seal*` will
 * encrypt them and `open*` decrypt them, and no caller changes. Both are async for
 * that reason, and both run OUTSIDE any Dexie transaction (WebCrypto must never be
 * awaited inside one).
 *
 * Every row read is validated with zod: invalid rows never reach the UI.
 */
export type MetaRow = { key: string; value: unknown };
export type ProfileRow = Profile;
export type ClientRow = Client;
export type MeasurementRow = Measurement;
export type DraftRow = Draft;
export type PlanRow = Plan;
export type InterventionRow = Intervention;
export type CaseworkerChangeRow = CaseworkerChange;
export type TombstoneRow = {
	id: string;
	table: 'clients' | 'measurements' | 'drafts' | 'plans' | 'interventions' | 'caseworkerChanges';
	deletedAt: string;
};

export async function sealProfile(profile: Profile): Promise<ProfileRow> {
	return profileSchema.parse(profile);
}
export async function openProfile(row: unknown): Promise<Profile> {
	return profileSchema.parse(row);
}

export async function sealClient(client: Client): Promise<ClientRow> {
	return clientSchema.parse(client);
}
export async function openClient(row: unknown): Promise<Client> {
	return clientSchema.parse(row);
}

export async function sealMeasurement(measurement: Measurement): Promise<MeasurementRow> {
	return measurementSchema.parse(measurement);
}
export async function openMeasurement(row: unknown): Promise<Measurement> {
	return measurementSchema.parse(row);
}

export async function sealDraft(draft: Draft): Promise<DraftRow> {
	return draftSchema.parse(draft);
}
/** Drafts are checked against the catalogue by the caller (core `checkDraft`), so this returns raw data. */
export async function openDraftRaw(row: unknown): Promise<unknown> {
	return row;
}

/** Plans: goal and step texts are personal. */
export async function sealPlan(plan: Plan): Promise<PlanRow> {
	return planSchema.parse(plan);
}
export async function openPlan(row: unknown): Promise<Plan> {
	return planSchema.parse(row);
}

/** Interventions: type and dates only, but sealed like the rest so encryption covers them. */
export async function sealIntervention(intervention: Intervention): Promise<InterventionRow> {
	return interventionSchema.parse(intervention);
}
export async function openIntervention(row: unknown): Promise<Intervention> {
	return interventionSchema.parse(row);
}

/** Caseworker changes: the from/to names are personal. */
export async function sealCaseworkerChange(change: CaseworkerChange): Promise<CaseworkerChangeRow> {
	return caseworkerChangeSchema.parse(change);
}
export async function openCaseworkerChange(row: unknown): Promise<CaseworkerChange> {
	return caseworkerChangeSchema.parse(row);
}

/** Opens many rows, leaving out any that fail validation (and counting them). */
export async function openAll<T>(
	rows: unknown[],
	open: (row: unknown) => Promise<T>
): Promise<{ records: T[]; invalid: number }> {
	const records: T[] = [];
	let invalid = 0;
	for (const row of rows) {
		try {
			records.push(await open(row));
		} catch {
			invalid++;
		}
	}
	return { records, invalid };
}
