import { z } from '../zod';
import { clientIdSchema } from '../ids';

/**
 * The audit log: who did what to which client, when. Entries are stored
 * encrypted; each entry's encrypted payload holds the hash of the entry before
 * it, and the chain head (last sequence number and hash) is stored encrypted as
 * well. Removing, reordering or editing an entry, or cutting the tail, breaks the
 * chain, and nobody without the data key can rebuild it. Entries hold ids and
 * action names only, never names, notes or answers.
 */
export const AUDIT_ACTIONS = [
	'unlock',
	'lock',
	'view',
	'create',
	'edit',
	'archive',
	'restore-client',
	'delete',
	'save-measurement',
	'delete-measurement',
	'export',
	'print',
	'import',
	'restore-backup',
	'retention',
	'passphrase-change',
	'recovery-used',
	'client-mode-exit',
	'audit-export'
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const GENESIS_HASH = '0'.repeat(64);
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const auditPayloadSchema = z
	.object({
		action: auditActionSchema,
		clientId: clientIdSchema.nullable(),
		/** The caseworker profile id and initials/name as set up on this device. */
		actor: z.string().max(80),
		/** A short machine-readable detail: export kind, a count. Never personal text. */
		detail: z
			.string()
			.max(40)
			.regex(/^[a-z0-9:_-]*$/),
		prevHash: hashSchema
	})
	.strict();
export type AuditPayload = z.infer<typeof auditPayloadSchema>;

export const auditHeadSchema = z
	.object({ seq: z.number().int().min(0), hash: hashSchema })
	.strict();
export type AuditHead = z.infer<typeof auditHeadSchema>;
export const EMPTY_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH };

export type AuditEntry = AuditPayload & { seq: number; at: string; hash: string };

function hex(buffer: ArrayBuffer): string {
	return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash of a stored entry: over its sequence number, time and ciphertext. */
export async function hashAuditRow(seq: number, at: string, sealed: Uint8Array): Promise<string> {
	const head = new TextEncoder().encode(`${seq}|${at}|`);
	const data = new Uint8Array(head.length + sealed.length);
	data.set(head, 0);
	data.set(sealed, head.length);
	return hex(await globalThis.crypto.subtle.digest('SHA-256', data));
}

export type ChainCheck =
	| { ok: true; count: number }
	| { ok: false; count: number; brokenAtSeq: number; reason: 'gap' | 'hash' | 'head' | 'damaged' };

/**
 * Checks opened entries (in stored order) against the head: sequence numbers run
 * 1, 2, 3… without gaps, each entry points at the hash of the one before, and the
 * last one is the head. `payloads[i]` is undefined when entry i could not be opened.
 */
export function checkChain(
	rows: { seq: number; hash: string; payload: AuditPayload | undefined }[],
	head: AuditHead
): ChainCheck {
	let prev = GENESIS_HASH;
	for (const [i, row] of rows.entries()) {
		if (!row.payload)
			return { ok: false, count: rows.length, brokenAtSeq: row.seq, reason: 'damaged' };
		if (row.seq !== i + 1)
			return { ok: false, count: rows.length, brokenAtSeq: i + 1, reason: 'gap' };
		if (row.payload.prevHash !== prev)
			return { ok: false, count: rows.length, brokenAtSeq: row.seq, reason: 'hash' };
		prev = row.hash;
	}
	const last = rows.at(-1);
	if ((last?.seq ?? 0) !== head.seq || prev !== head.hash)
		return { ok: false, count: rows.length, brokenAtSeq: (last?.seq ?? 0) + 1, reason: 'head' };
	return { ok: true, count: rows.length };
}
