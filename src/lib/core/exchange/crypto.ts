import { z } from 'zod';
import { ExchangeError, wrongKindError } from './errors';
import {
	BACKUP_FILE_MAX_BYTES,
	exchangeKindSchema,
	FORMAT_VERSION,
	type ExchangeKind
} from './envelope';

/**
 * Passphrase encryption of export files with WebCrypto (`globalThis.crypto.subtle`,
 * in browsers and in Node 20 alike): AES-256-GCM with a fresh 96-bit IV, the key
 * from PBKDF2-HMAC-SHA-256 with a 16-byte random salt. The parameters travel in the
 * file header so they can be raised later; the header's fixed fields are the AAD,
 * so changing them breaks the tag.
 */
export const KDF_ITERATIONS = 600_000;
export const MIN_KDF_ITERATIONS = 600_000;
export const MAX_KDF_ITERATIONS = 10_000_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;

const base64 = (max: number) =>
	z
		.string()
		.max(max)
		.regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const encryptedFileSchema = z
	.object({
		app: z.literal('framsteg'),
		kind: z.literal('encrypted'),
		formatVersion: z.literal(FORMAT_VERSION),
		/** What is inside, so the right import screen can refuse the wrong file before decrypting. */
		content: exchangeKindSchema,
		kdf: z
			.object({
				name: z.literal('PBKDF2'),
				hash: z.literal('SHA-256'),
				iterations: z.number().int(),
				salt: base64(88)
			})
			.strict(),
		cipher: z
			.object({
				name: z.literal('AES-GCM'),
				keyLength: z.literal(256),
				iv: base64(24)
			})
			.strict(),
		// As large as the largest file (a backup) allows.
		ciphertext: base64(BACKUP_FILE_MAX_BYTES)
	})
	.strict();
export type EncryptedFile = z.infer<typeof encryptedFileSchema>;

/** Native base64 (Uint8Array.toBase64/fromBase64) where the platform has it: much faster on large files. */
type NativeBase64 = {
	toBase64?: (this: Uint8Array) => string;
};
type NativeFromBase64 = { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };

const BASE64_DIGITS = new TextEncoder().encode(
	'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
);
const asciiDecoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
	const native = (bytes as unknown as NativeBase64).toBase64;
	if (typeof native === 'function') return native.call(bytes);
	// Without it (Node 20, older Safari): digits straight into bytes, one decode to text.
	const out = new Uint8Array(base64Length(bytes.length));
	base64Into(bytes, out, 0);
	return asciiDecoder.decode(out);
}

/** How many base64 digits (with padding) `n` bytes take. */
export function base64Length(n: number): number {
	return Math.ceil(n / 3) * 4;
}

/**
 * Writes the base64 digits of `bytes` (with padding) into `out` at `at`, as ASCII
 * bytes, and returns where they end: for writers that build files as bytes and
 * should not make a string per value.
 */
export function base64Into(bytes: Uint8Array, out: Uint8Array, at: number): number {
	const d = BASE64_DIGITS;
	let o = at;
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		out[o] = d[n >>> 18];
		out[o + 1] = d[(n >>> 12) & 63];
		out[o + 2] = d[(n >>> 6) & 63];
		out[o + 3] = d[n & 63];
		o += 4;
	}
	if (i < bytes.length) {
		const two = i + 1 < bytes.length;
		const n = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
		out[o] = d[n >>> 18];
		out[o + 1] = d[(n >>> 12) & 63];
		out[o + 2] = two ? d[(n >>> 6) & 63] : 61;
		out[o + 3] = 61; // =
		o += 4;
	}
	return o;
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const native = (Uint8Array as unknown as NativeFromBase64).fromBase64;
	if (typeof native === 'function') {
		try {
			return native(text);
		} catch {
			throw new DOMException('invalid base64', 'InvalidCharacterError');
		}
	}
	const binary = atob(text);
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

function additionalData(content: ExchangeKind): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(`framsteg|encrypted|${FORMAT_VERSION}|${content}`);
}

async function deriveKey(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<CryptoKey> {
	const subtle = globalThis.crypto.subtle;
	const material = await subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** Encrypts a file's JSON text. A new salt and IV every time. */
export async function encryptText(
	plaintext: string,
	passphrase: string,
	content: ExchangeKind,
	o: { iterations?: number } = {}
): Promise<EncryptedFile> {
	const iterations = o.iterations ?? KDF_ITERATIONS;
	const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
	const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const key = await deriveKey(passphrase, salt, iterations);
	const sealed = await globalThis.crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: additionalData(content) },
		key,
		new TextEncoder().encode(plaintext)
	);
	return {
		app: 'framsteg',
		kind: 'encrypted',
		formatVersion: FORMAT_VERSION,
		content,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
		cipher: { name: 'AES-GCM', keyLength: 256, iv: toBase64(iv) },
		ciphertext: toBase64(new Uint8Array(sealed))
	};
}

/**
 * Checks an encrypted file's header: known algorithms, iteration count within
 * bounds (too few is weak, too many would freeze the device), salt and IV sizes.
 */
export function parseEncryptedFile(value: unknown, expected: ExchangeKind): EncryptedFile {
	const parsed = encryptedFileSchema.safeParse(value);
	if (!parsed.success) throw new ExchangeError('bad-header');
	const file = parsed.data;
	if (file.content !== expected) throw wrongKindError(file.content);
	if (file.kdf.iterations < MIN_KDF_ITERATIONS) throw new ExchangeError('weak-kdf');
	if (file.kdf.iterations > MAX_KDF_ITERATIONS) throw new ExchangeError('kdf-too-costly');
	try {
		if (fromBase64(file.kdf.salt).length < SALT_BYTES) throw new ExchangeError('bad-header');
		if (fromBase64(file.cipher.iv).length !== IV_BYTES) throw new ExchangeError('bad-header');
	} catch {
		throw new ExchangeError('bad-header');
	}
	return file;
}

/** Decrypts; a failed tag (wrong passphrase, truncated or tampered data) is one error. */
export async function decryptText(file: EncryptedFile, passphrase: string): Promise<string> {
	let ciphertext: Uint8Array<ArrayBuffer>;
	try {
		ciphertext = fromBase64(file.ciphertext);
	} catch {
		throw new ExchangeError('wrong-passphrase');
	}
	const key = await deriveKey(passphrase, fromBase64(file.kdf.salt), file.kdf.iterations);
	try {
		const plain = await globalThis.crypto.subtle.decrypt(
			{
				name: 'AES-GCM',
				iv: fromBase64(file.cipher.iv),
				additionalData: additionalData(file.content)
			},
			key,
			ciphertext
		);
		return new TextDecoder('utf-8', { fatal: true }).decode(plain);
	} catch {
		throw new ExchangeError('wrong-passphrase');
	}
}
