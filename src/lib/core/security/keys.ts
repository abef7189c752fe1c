import { z } from '../zod';
import {
	fromBase64,
	IV_BYTES,
	KDF_ITERATIONS,
	MAX_KDF_ITERATIONS,
	MIN_KDF_ITERATIONS,
	SALT_BYTES,
	toBase64
} from '../exchange/crypto';
import { SecurityError } from './errors';
import { MAX_DEVICE_PASSPHRASE_LENGTH, MIN_DEVICE_PASSPHRASE_LENGTH } from './limits';

/**
 * Encryption at rest, key side. A random 256-bit data key (DEK) encrypts records.
 * It is stored only wrapped: once under a key derived from the caseworker's
 * passphrase and once under a key derived from a recovery key shown once at
 * set-up. Unwrapping yields the raw DEK for a moment; callers import it as a
 * non-extractable CryptoKey at once and drop the bytes. Changing the passphrase
 * re-wraps the DEK and leaves the data as it is.
 *
 * KDF: PBKDF2-HMAC-SHA-256, 600,000 iterations, 16-byte salt. Wrap cipher:
 * AES-256-GCM with a 12-byte IV. The parameters are stored with each wrap.
 */
export const DATA_KEY_BYTES = 32;
export const RECOVERY_KEY_BYTES = 20;

const b64 = (max: number) =>
	z
		.string()
		.max(max)
		.regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const wrapKindSchema = z.enum(['passphrase', 'recovery']);
export type WrapKind = z.infer<typeof wrapKindSchema>;

export const wrappedKeySchema = z
	.object({
		kind: wrapKindSchema,
		kdf: z
			.object({
				name: z.literal('PBKDF2'),
				hash: z.literal('SHA-256'),
				iterations: z.number().int().min(MIN_KDF_ITERATIONS).max(MAX_KDF_ITERATIONS),
				salt: b64(88)
			})
			.strict(),
		cipher: z
			.object({ name: z.literal('AES-GCM'), keyLength: z.literal(256), iv: b64(24) })
			.strict(),
		wrapped: b64(200),
		wrappedAt: z.iso.datetime()
	})
	.strict();
export type WrappedKey = z.infer<typeof wrappedKeySchema>;

/** What the device stores about its keys: two wraps of one data key, nothing readable. */
export const keyringSchema = z
	.object({
		version: z.literal(1),
		createdAt: z.iso.datetime(),
		wraps: z.array(wrappedKeySchema).min(1).max(4)
	})
	.strict();
export type Keyring = z.infer<typeof keyringSchema>;

const subtle = () => globalThis.crypto.subtle;

function wrapAad(kind: WrapKind): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(`framsteg|data-key|1|${kind}`);
}

/** Normalises what a person types: passphrases NFC, recovery keys without spaces or dashes. */
function secretBytes(kind: WrapKind, secret: string): Uint8Array<ArrayBuffer> {
	const text = kind === 'recovery' ? normaliseRecoveryKey(secret) : secret.normalize('NFC');
	return new TextEncoder().encode(text);
}

async function deriveWrappingKey(
	kind: WrapKind,
	secret: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<CryptoKey> {
	const material = await subtle().importKey('raw', secretBytes(kind, secret), 'PBKDF2', false, [
		'deriveKey'
	]);
	return subtle().deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** A fresh random data key (raw bytes: wrap it, import it, then drop it). */
export function newDataKeyBytes(): Uint8Array<ArrayBuffer> {
	return globalThis.crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
}

/** Imports raw key bytes as the non-extractable key that encrypts records. */
export function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return subtle().importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt'
	]);
}

export async function wrapDataKey(
	raw: Uint8Array<ArrayBuffer>,
	kind: WrapKind,
	secret: string,
	o: { iterations?: number; now?: Date } = {}
): Promise<WrappedKey> {
	const iterations = o.iterations ?? KDF_ITERATIONS;
	const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
	const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const key = await deriveWrappingKey(kind, secret, salt, iterations);
	const wrapped = await subtle().encrypt(
		{ name: 'AES-GCM', iv, additionalData: wrapAad(kind) },
		key,
		raw
	);
	return wrappedKeySchema.parse({
		kind,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
		cipher: { name: 'AES-GCM', keyLength: 256, iv: toBase64(iv) },
		wrapped: toBase64(new Uint8Array(wrapped)),
		wrappedAt: (o.now ?? new Date()).toISOString()
	});
}

/** Unwraps the raw data key; a wrong secret (or a damaged wrap) is `wrong-secret`. */
export async function unwrapDataKey(
	wrap: WrappedKey,
	secret: string
): Promise<Uint8Array<ArrayBuffer>> {
	const checked = wrappedKeySchema.safeParse(wrap);
	if (!checked.success) throw new SecurityError('damaged-keyring');
	const salt = fromBase64(wrap.kdf.salt);
	const iv = fromBase64(wrap.cipher.iv);
	if (salt.length < SALT_BYTES || iv.length !== IV_BYTES)
		throw new SecurityError('damaged-keyring');
	const key = await deriveWrappingKey(wrap.kind, secret, salt, wrap.kdf.iterations);
	try {
		const raw = await subtle().decrypt(
			{ name: 'AES-GCM', iv, additionalData: wrapAad(wrap.kind) },
			key,
			fromBase64(wrap.wrapped)
		);
		if (raw.byteLength !== DATA_KEY_BYTES) throw new Error('length');
		return new Uint8Array(raw);
	} catch {
		throw new SecurityError('wrong-secret');
	}
}

/** Unwraps with whichever wrap of `kind` accepts the secret. */
export async function unlockKeyring(
	keyring: Keyring,
	kind: WrapKind,
	secret: string
): Promise<Uint8Array<ArrayBuffer>> {
	const wrap = keyring.wraps.find((w) => w.kind === kind);
	if (!wrap) throw new SecurityError('damaged-keyring');
	return unwrapDataKey(wrap, secret);
}

/** A new keyring: a fresh data key wrapped by the passphrase and by a new recovery key. */
export async function createKeyring(
	passphrase: string,
	o: { iterations?: number; now?: Date } = {}
): Promise<{ keyring: Keyring; recoveryKey: string; raw: Uint8Array<ArrayBuffer> }> {
	checkPassphrase(passphrase);
	const raw = newDataKeyBytes();
	const recoveryKey = newRecoveryKey();
	const now = o.now ?? new Date();
	const [byPassphrase, byRecovery] = await Promise.all([
		wrapDataKey(raw, 'passphrase', passphrase, { ...o, now }),
		wrapDataKey(raw, 'recovery', recoveryKey, { ...o, now })
	]);
	return {
		keyring: { version: 1, createdAt: now.toISOString(), wraps: [byPassphrase, byRecovery] },
		recoveryKey,
		raw
	};
}

/** Replaces the passphrase wrap (the recovery wrap and all data stay as they are). */
export async function rewrapPassphrase(
	keyring: Keyring,
	raw: Uint8Array<ArrayBuffer>,
	newPassphrase: string,
	o: { iterations?: number; now?: Date } = {}
): Promise<Keyring> {
	checkPassphrase(newPassphrase);
	const wrap = await wrapDataKey(raw, 'passphrase', newPassphrase, o);
	return { ...keyring, wraps: [wrap, ...keyring.wraps.filter((w) => w.kind !== 'passphrase')] };
}

export function checkPassphrase(passphrase: string): void {
	const length = [...passphrase.normalize('NFC')].length;
	if (length < MIN_DEVICE_PASSPHRASE_LENGTH) throw new SecurityError('passphrase-too-short');
	if (length > MAX_DEVICE_PASSPHRASE_LENGTH) throw new SecurityError('passphrase-too-long');
}

/** Base32 without I, L, O and U (easy to read aloud and to type from paper). */
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as 32 characters in groups of four: `7K2M-…`. */
export function newRecoveryKey(): string {
	const bytes = globalThis.crypto.getRandomValues(new Uint8Array(RECOVERY_KEY_BYTES));
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	return out.match(/.{4}/g)!.join('-');
}

/** Uppercases, drops spaces and dashes, and reads look-alikes (O→0, I/L→1). */
export function normaliseRecoveryKey(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
