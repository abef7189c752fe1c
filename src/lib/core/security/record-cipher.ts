import { IV_BYTES } from '../exchange/crypto';
import { SecurityError } from './errors';

/**
 * Record encryption: AES-256-GCM with a fresh random 96-bit IV per call. The
 * output is IV followed by ciphertext and tag in one byte array. The AAD binds a
 * ciphertext to its table and record id, so a sealed field cannot be moved to
 * another record unnoticed.
 */
export function recordAad(table: string, id: string): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(`framsteg|${table}|${id}|1`);
}

export async function encryptJson(
	key: CryptoKey,
	aad: Uint8Array<ArrayBuffer>,
	value: unknown
): Promise<Uint8Array<ArrayBuffer>> {
	const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const plain = new TextEncoder().encode(JSON.stringify(value));
	const sealed = await globalThis.crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: aad },
		key,
		plain
	);
	const out = new Uint8Array(IV_BYTES + sealed.byteLength);
	out.set(iv, 0);
	out.set(new Uint8Array(sealed), IV_BYTES);
	return out;
}

/** Decrypts; a failed tag (wrong key, moved or damaged record) is `damaged-record`. */
export async function decryptJson(
	key: CryptoKey,
	aad: Uint8Array<ArrayBuffer>,
	sealed: Uint8Array
): Promise<unknown> {
	if (!(sealed instanceof Uint8Array) || sealed.length <= IV_BYTES + 16)
		throw new SecurityError('damaged-record');
	try {
		const plain = await globalThis.crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: sealed.slice(0, IV_BYTES), additionalData: aad },
			key,
			sealed.slice(IV_BYTES)
		);
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
	} catch {
		throw new SecurityError('damaged-record');
	}
}
