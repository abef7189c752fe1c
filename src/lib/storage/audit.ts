import {
	auditHeadSchema,
	auditPayloadSchema,
	checkChain,
	EMPTY_HEAD,
	hashAuditRow,
	systemClock,
	type AuditAction,
	type AuditEntry,
	type AuditHead,
	type AuditPayload,
	type ChainCheck,
	type ClientId,
	type Clock
} from '$lib/core';
import { database } from './database';
import { guard } from './errors';
import { openProfile, openValue, sealValue } from './records';

/**
 * The device's audit log, encrypted and hash-chained (see core `audit.ts`). An
 * append encrypts first and then writes the entry and the new head in one short
 * transaction that checks nobody appended meanwhile (else it tries again). Web
 * Locks serialise appends across tabs where the browser has them.
 */
const HEAD = 'auditHead';

async function readHead(): Promise<{ head: AuditHead; raw: Uint8Array | undefined }> {
	const row = await guard(() => database().meta.get(HEAD));
	const raw = row?.value instanceof Uint8Array ? row.value : undefined;
	if (!raw) return { head: EMPTY_HEAD, raw };
	return { head: auditHeadSchema.parse(await openValue('meta', HEAD, raw)), raw };
}

function sameBytes(a: Uint8Array | undefined, b: unknown): boolean {
	if (!(b instanceof Uint8Array) || !a) return a === undefined && b === undefined;
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function actorName(): Promise<string> {
	const rows = await database().profile.toArray();
	if (!rows[0]) return '';
	const p = await openProfile(rows[0]);
	return `${p.name}`.slice(0, 80);
}

async function appendOnce(
	action: AuditAction,
	o: { clientId?: ClientId | null; detail?: string; now: Clock }
): Promise<boolean> {
	const { head, raw } = await readHead();
	const payload: AuditPayload = auditPayloadSchema.parse({
		action,
		clientId: o.clientId ?? null,
		actor: await actorName(),
		detail: o.detail ?? '',
		prevHash: head.hash
	});
	const seq = head.seq + 1;
	const at = o.now().toISOString();
	const enc = await sealValue('audit', String(seq), payload);
	const hash = await hashAuditRow(seq, at, enc);
	const nextHead = await sealValue('meta', HEAD, { seq, hash });
	const db = database();
	return guard(() =>
		db.transaction('rw', [db.audit, db.meta], async () => {
			const current = await db.meta.get(HEAD);
			if (!sameBytes(raw, current?.value)) return false;
			await db.audit.add({ seq, at, enc });
			await db.meta.put({ key: HEAD, value: nextHead });
			return true;
		})
	);
}

/** Adds an entry. Never holds names, notes or answers: ids and action names only. */
export async function record(
	action: AuditAction,
	o: { clientId?: ClientId | null; detail?: string; now?: Clock } = {}
): Promise<void> {
	const run = async () => {
		for (let attempt = 0; attempt < 8; attempt++) {
			if (await appendOnce(action, { ...o, now: o.now ?? systemClock })) return;
		}
		throw new Error('audit: too many concurrent appends');
	};
	// One append at a time in this tab; Web Locks (where present) across tabs. The
	// check inside the transaction still catches anything that slips through.
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	const next = tabQueue.then(() => (locks ? locks.request('framsteg-audit', run) : run()));
	tabQueue = next.catch(() => undefined);
	await next;
}
let tabQueue: Promise<unknown> = Promise.resolve();

/** Records an entry, never letting a failure of the log stop the user's work. */
export async function recordQuietly(
	action: AuditAction,
	o: { clientId?: ClientId | null; detail?: string } = {}
): Promise<void> {
	try {
		await record(action, o);
	} catch (error) {
		console.warn('audit entry not written', error);
	}
}

export type AuditLog = { entries: AuditEntry[]; check: ChainCheck };

/** The whole log, oldest first, with the result of checking its chain. */
export async function read(): Promise<AuditLog> {
	const rows = await guard(() => database().audit.orderBy('seq').toArray());
	const { head } = await readHead();
	const opened = await Promise.all(
		rows.map(async (row) => {
			const hash = await hashAuditRow(row.seq, row.at, row.enc);
			try {
				const payload = auditPayloadSchema.parse(
					await openValue('audit', String(row.seq), row.enc)
				);
				return { seq: row.seq, at: row.at, hash, payload };
			} catch {
				return { seq: row.seq, at: row.at, hash, payload: undefined };
			}
		})
	);
	const check = checkChain(opened, head);
	const entries = opened.flatMap((r) =>
		r.payload ? [{ ...r.payload, seq: r.seq, at: r.at, hash: r.hash }] : []
	);
	return { entries, check };
}
