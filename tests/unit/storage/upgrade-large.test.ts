import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
	CURRENT_CATALOGUE,
	generateClientHistory,
	type CaseworkerId,
	type Client,
	type Measurement
} from '$lib/core';
import { keyring, openDatabase, useDatabase } from '$lib/storage';
import type { FramstegDb } from '$lib/storage/database';
import { openClient, openMeasurement } from '$lib/storage/records';
import { dropKey } from '$lib/storage/session';
import { CURRENT_SCHEMA_VERSION } from '$lib/storage/versions';
import { uniqueDatabaseName } from '../../fixtures/database';
import { makeProfile } from '../../fixtures/factories';

/**
 * Goal A1: a database made by every earlier schema version, holding a generated
 * 10,000-record fixture (2,000 clients with 4 measurements each), upgrades to the
 * current version and is then encrypted at rest, with equal counts, every record
 * valid, and the same content hash.
 */
const CLIENTS = 2_000;
const PER_CLIENT = 4;

function fixture(): { clients: Client[]; measurements: Measurement[] } {
	const caseworkerId = makeProfile().id as CaseworkerId;
	const now = new Date('2026-11-27T10:00:00Z');
	const out = { clients: [] as Client[], measurements: [] as Measurement[] };
	for (let seed = 1; seed <= CLIENTS; seed++) {
		const h = generateClientHistory({
			catalogue: CURRENT_CATALOGUE,
			caseworkerId,
			now,
			seed,
			measurementCount: PER_CLIENT,
			isDemo: false,
			code: `K-${seed}`
		});
		out.clients.push(h.client);
		out.measurements.push(...h.measurements);
	}
	return out;
}

function contentHash(records: { id: string }[]): string {
	const sorted = [...records].sort((a, b) => a.id.localeCompare(b.id));
	return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

const dbs: FramstegDb[] = [];
afterEach(async () => {
	dropKey();
	useDatabase(undefined);
	for (const db of dbs.splice(0)) await db.delete().catch(() => undefined);
});

describe('A1: every earlier schema upgrades a 10,000-record database', () => {
	const data = fixture();
	const expected = {
		clients: contentHash(data.clients),
		measurements: contentHash(data.measurements)
	};

	it.each([1, 2, 3])(
		'from version %i: same counts, valid records, same content, nothing left in plaintext',
		async (version) => {
			const name = uniqueDatabaseName();
			const old = openDatabase(name, version);
			dbs.push(old);
			await old.open();
			// Rows as that build wrote them: version 1 knew no preferred register.
			const clientRows = data.clients.map((c) => {
				if (version > 1) return c;
				const row: Partial<Client> = { ...c };
				delete row.preferredRegister;
				return row;
			});
			await old.meta.put({ key: 'dataSchemaVersion', value: version });
			await old.profile.put(makeProfile() as never);
			await old.clients.bulkPut(clientRows as never);
			await old.measurements.bulkPut(data.measurements as never);
			old.close();

			const db = openDatabase(name);
			dbs.push(db);
			useDatabase(db);
			await keyring.create('korrekt häst batteri');
			expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);

			const [clientRows2, measurementRows] = [
				await db.clients.toArray(),
				await db.measurements.toArray()
			];
			expect(clientRows2).toHaveLength(CLIENTS);
			expect(measurementRows).toHaveLength(CLIENTS * PER_CLIENT);
			expect(clientRows2.every((r) => r.enc instanceof Uint8Array)).toBe(true);
			expect(measurementRows.every((r) => r.enc instanceof Uint8Array)).toBe(true);

			// open* decrypt and validate with the zod schemas: a single invalid record rejects.
			const clients = await Promise.all(clientRows2.map(openClient));
			const measurements = await Promise.all(measurementRows.map(openMeasurement));
			expect(contentHash(clients)).toBe(expected.clients);
			expect(contentHash(measurements)).toBe(expected.measurements);
		},
		120_000
	);
});
