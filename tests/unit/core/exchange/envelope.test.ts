import { describe, expect, it } from 'vitest';
import {
	BACKUP_FILE_MAX_BYTES,
	CURRENT_CATALOGUE,
	CLIENT_FILE_MAX_BYTES,
	decodeFile,
	ExchangeError,
	FORMAT_VERSION,
	generateClientHistory,
	openFile,
	parseBackupFile,
	parseClientFile,
	parseJsonSafely,
	type ClientFile
} from '$lib/core';
import { makeProfile, NOW, TODAY } from '../../../fixtures/factories';

/** A generated client file: different seeds give different clients, histories and gaps. */
export function generatedClientFile(seed: number): ClientFile {
	const { client, measurements } = generateClientHistory({
		catalogue: CURRENT_CATALOGUE,
		caseworkerId: makeProfile().id,
		now: NOW,
		seed,
		measurementCount: 1 + (seed % 6),
		isDemo: seed % 5 === 0
	});
	return {
		app: 'framsteg',
		kind: 'client',
		formatVersion: FORMAT_VERSION,
		exportedAt: NOW.toISOString(),
		client,
		measurements: measurements.map((m, i) => ({
			...m,
			note: i % 2 ? `Anteckning ${seed}: åäö "citat"; <b>fet</b>` : '',
			focusIndicators: i % 3 === 0 ? ['job-search', 'contact'] : []
		}))
	};
}

const fault = async (work: () => unknown) => {
	try {
		await work();
	} catch (e) {
		if (e instanceof ExchangeError) return e.fault;
		throw e;
	}
	return 'accepted';
};

describe('hand-over file round trip', () => {
	it.each(Array.from({ length: 30 }, (_, i) => i + 1))(
		'seed %i: JSON text → validated file equals the original',
		async (seed) => {
			const original = generatedClientFile(seed);
			const text = JSON.stringify(original, null, seed % 2 ? 2 : undefined);
			const value = await decodeFile(text, 'client', undefined);
			expect(parseClientFile(value, { today: TODAY })).toEqual(original);
		}
	);

	it('accepts a UTF-8 BOM and keeps Swedish characters', async () => {
		const original = generatedClientFile(3);
		original.measurements[0].note = 'Åsa ärver öar – “citat” 😀';
		const value = await decodeFile('\uFEFF' + JSON.stringify(original), 'client', undefined);
		expect(parseClientFile(value, { today: TODAY }).measurements[0].note).toBe(
			'Åsa ärver öar – “citat” 😀'
		);
	});

	it('keeps script in text fields as inert text (validation does not alter it)', async () => {
		const original = generatedClientFile(4);
		original.client.code = '<img src=x onerror=alert(1)>';
		original.measurements[0].note = '<script>alert("x")</script>';
		const parsed = parseClientFile(
			await decodeFile(JSON.stringify(original), 'client', undefined),
			{
				today: TODAY
			}
		);
		expect(parsed.client.code).toBe('<img src=x onerror=alert(1)>');
		expect(parsed.measurements[0].note).toBe('<script>alert("x")</script>');
	});

	it('strips bidi and control characters from the code (NFC)', async () => {
		const original = generatedClientFile(5);
		original.client.code = 'K\u202E-12\u0007';
		const parsed = parseClientFile(
			await decodeFile(JSON.stringify(original), 'client', undefined),
			{
				today: TODAY
			}
		);
		expect(parsed.client.code).toBe('K-12');
	});
});

describe('bad input classes', () => {
	const good = generatedClientFile(2);
	const text = JSON.stringify(good);
	const check = (t: string) =>
		fault(async () => parseClientFile(await decodeFile(t, 'client', undefined), { today: TODAY }));

	it('refuses non-JSON, empty and oversize files', async () => {
		expect(await check('nope')).toBe('not-json');
		expect(await check('')).toBe('empty');
		expect(await check(text + ' '.repeat(CLIENT_FILE_MAX_BYTES))).toBe('too-large');
		expect(() => parseJsonSafely('{}', 1)).toThrow(ExchangeError);
		expect(BACKUP_FILE_MAX_BYTES).toBe(400 * 1024 * 1024);
	});

	it('refuses a newer format version with "update the app first"', async () => {
		const e = await fault(() => openFile(JSON.stringify({ ...good, formatVersion: 2 }), 'client'));
		expect(e).toBe('newer-version');
		expect(new ExchangeError('newer-version').messageKey).toBe('exchange:errors.newer-version');
	});

	it('refuses prototype-pollution keys before building objects, also escaped', async () => {
		expect(await check(text.replace('{', '{"__proto__":{"x":1},'))).toBe('forbidden-key');
		expect(await check(text.replace('{', '{"\\u005f_proto__":{"x":1},'))).toBe('forbidden-key');
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	it('refuses the wrong kind, other apps and strict-schema violations', async () => {
		expect(await check(JSON.stringify({ ...good, kind: 'backup' }))).toBe('wrong-kind');
		expect(await check(JSON.stringify({ ...good, kind: 'team' }))).toBe('wrong-kind');
		expect(await check(JSON.stringify({ ...good, app: 'x' }))).toBe('not-framsteg');
		expect(await check(JSON.stringify({ ...good, extra: true }))).toBe('schema');
	});

	it("names the file's own kind and page in a wrong-kind message", async () => {
		const messageOf = async (text: string, expected: 'client' | 'backup') => {
			try {
				await decodeFile(text, expected, undefined);
			} catch (e) {
				if (e instanceof ExchangeError) return [e.fault, e.messageKey];
				throw e;
			}
			return ['accepted'];
		};
		// A backup on the import page, a hand-over file on the backup page, anything else.
		expect(await messageOf(JSON.stringify({ ...good, kind: 'backup' }), 'client')).toEqual([
			'wrong-kind',
			'exchange:errors.wrong-kind-backup'
		]);
		expect(await messageOf(text, 'backup')).toEqual([
			'wrong-kind',
			'exchange:errors.wrong-kind-client'
		]);
		expect(await messageOf(JSON.stringify({ ...good, kind: 'team' }), 'client')).toEqual([
			'wrong-kind',
			'exchange:errors.wrong-kind'
		]);
	});

	it('says where a schema violation is', async () => {
		const bad = structuredClone(good);
		(bad.measurements[0] as { note: unknown }).note = 5;
		try {
			parseClientFile(JSON.parse(JSON.stringify(bad)), { today: TODAY });
			expect.unreachable();
		} catch (e) {
			expect((e as ExchangeError).where).toBe('measurements.0.note');
		}
	});

	it('refuses a backup with a measurement of a client it does not hold', async () => {
		const backup = {
			app: 'framsteg',
			kind: 'backup',
			formatVersion: 1,
			exportedAt: NOW.toISOString(),
			schemaVersion: 2,
			profile: makeProfile(),
			clients: [],
			measurements: good.measurements,
			drafts: [],
			tombstones: []
		};
		expect(await fault(() => parseBackupFile(backup, { today: TODAY }))).toBe('foreign-record');
	});
});
