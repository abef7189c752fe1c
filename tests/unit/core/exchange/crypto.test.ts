import { describe, expect, it } from 'vitest';
import {
	decryptText,
	encryptText,
	ExchangeError,
	fromBase64,
	KDF_ITERATIONS,
	parseEncryptedFile,
	toBase64
} from '$lib/core';

const PASS = 'korrekt häst batteri';

async function fault(work: () => unknown) {
	try {
		await work();
	} catch (e) {
		if (e instanceof ExchangeError) return e.fault;
		throw e;
	}
	return 'accepted';
}

describe('passphrase encryption (AES-256-GCM, PBKDF2-SHA-256)', () => {
	it('round-trips text, and records the parameters in the header', async () => {
		const text = JSON.stringify({ hej: 'Åsa 😀', n: [1, 2, 3] });
		const file = await encryptText(text, PASS, 'client');
		expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
		expect(fromBase64(file.kdf.salt)).toHaveLength(16);
		expect(fromBase64(file.cipher.iv)).toHaveLength(12);
		expect(file.cipher).toMatchObject({ name: 'AES-GCM', keyLength: 256 });
		expect(KDF_ITERATIONS).toBe(600_000);
		expect(file.ciphertext).not.toContain('Åsa');
		expect(await decryptText(parseEncryptedFile(file, 'client'), PASS)).toBe(text);
	});

	it('uses a fresh salt and IV every time', async () => {
		const a = await encryptText('x', PASS, 'client');
		const b = await encryptText('x', PASS, 'client');
		expect(a.cipher.iv).not.toBe(b.cipher.iv);
		expect(a.kdf.salt).not.toBe(b.kdf.salt);
		expect(a.ciphertext).not.toBe(b.ciphertext);
	});

	it('a wrong passphrase, a tampered byte or a truncated file is "wrong passphrase or damaged"', async () => {
		const file = await encryptText('{"a":1}', PASS, 'backup');
		expect(await fault(() => decryptText(file, 'fel'))).toBe('wrong-passphrase');
		const bytes = fromBase64(file.ciphertext);
		bytes[0] ^= 1;
		expect(await fault(() => decryptText({ ...file, ciphertext: toBase64(bytes) }, PASS))).toBe(
			'wrong-passphrase'
		);
		expect(
			await fault(() =>
				decryptText(
					{ ...file, ciphertext: toBase64(fromBase64(file.ciphertext).slice(0, 5)) },
					PASS
				)
			)
		).toBe('wrong-passphrase');
		// The content kind is authenticated: relabelling the file breaks the tag.
		expect(await fault(() => decryptText({ ...file, content: 'client' }, PASS))).toBe(
			'wrong-passphrase'
		);
	});

	it('refuses iteration counts below 600,000 or above 10,000,000 before deriving', async () => {
		const file = await encryptText('x', PASS, 'client');
		const at = (iterations: number) =>
			fault(() => parseEncryptedFile({ ...file, kdf: { ...file.kdf, iterations } }, 'client'));
		expect(await at(599_999)).toBe('weak-kdf');
		expect(await at(10_000_001)).toBe('kdf-too-costly');
		expect(await at(600_000)).toBe('accepted');
		expect(await at(10_000_000)).toBe('accepted');
		expect(await fault(() => parseEncryptedFile(file, 'backup'))).toBe('wrong-kind');
		// An encrypted hand-over file on the backup page is named as one.
		expect(() => parseEncryptedFile(file, 'backup')).toThrow(
			expect.objectContaining({ messageKey: 'exchange:errors.wrong-kind-client' })
		);
	});
});
