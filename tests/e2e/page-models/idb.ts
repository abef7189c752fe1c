import type { Page } from '@playwright/test';
import { PASSPHRASE } from './app';

/**
 * Reads or changes raw IndexedDB rows, as another program (or a corrupted disk) might.
 *
 * Stored rows are `{ id, <index fields>, enc }`: the record is sealed with the device's data key
 * (AES-256-GCM, IV first, AAD `framsteg|<table>|<id>|1`). The data key is stored only wrapped
 * under the passphrase (meta `keyring`), so a program that knows the passphrase can open and
 * re-seal rows, exactly as `sealedRows` does here, independently of the app's code.
 */
export async function countRows(page: Page, store: string): Promise<number> {
	return page.evaluate(
		(store) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('framsteg');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction(store).objectStore(store).count();
					request.onsuccess = () => {
						db.close();
						resolve(request.result);
					};
				};
			}),
		store
	);
}

type SealedRowsTask =
	| { mode: 'open'; passphrase: string; skip: string[] }
	| { mode: 'patch'; passphrase: string; store: string; patch: DraftPatch };

/**
 * Runs in the page: unwraps the data key with the passphrase (WebCrypto only, none of the
 * app's code), then either opens every row of every store but `skip` (sealed rows become
 * the record they hold; others stay as they are) or changes every record of one store and
 * seals it again.
 */
function sealedRows(task: SealedRowsTask): Promise<Record<string, unknown[]> | null> {
	const text = new TextEncoder();
	const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
	const request = <T>(r: IDBRequest<T>) =>
		new Promise<T>((resolve, reject) => {
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
	const aad = (table: string, id: string) => text.encode(`framsteg|${table}|${id}|1`);
	return (async () => {
		const db = await request(indexedDB.open('framsteg'));
		try {
			const keyring = (
				(await request(db.transaction('meta').objectStore('meta').get('keyring'))) as {
					value: {
						wraps: {
							kind: string;
							kdf: { salt: string; iterations: number };
							cipher: { iv: string };
							wrapped: string;
						}[];
					};
				}
			).value;
			const wrap = keyring.wraps.find((w) => w.kind === 'passphrase')!;
			const material = await crypto.subtle.importKey(
				'raw',
				text.encode(task.passphrase.normalize('NFC')),
				'PBKDF2',
				false,
				['deriveKey']
			);
			const wrapping = await crypto.subtle.deriveKey(
				{
					name: 'PBKDF2',
					hash: 'SHA-256',
					salt: bytes(wrap.kdf.salt),
					iterations: wrap.kdf.iterations
				},
				material,
				{ name: 'AES-GCM', length: 256 },
				false,
				['decrypt']
			);
			const raw = await crypto.subtle.decrypt(
				{
					name: 'AES-GCM',
					iv: bytes(wrap.cipher.iv),
					additionalData: text.encode('framsteg|data-key|1|passphrase')
				},
				wrapping,
				bytes(wrap.wrapped)
			);
			const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, [
				'encrypt',
				'decrypt'
			]);
			const open = async (table: string, row: { id: string; enc: Uint8Array }) => {
				const plain = await crypto.subtle.decrypt(
					{ name: 'AES-GCM', iv: row.enc.slice(0, 12), additionalData: aad(table, row.id) },
					key,
					row.enc.slice(12)
				);
				return JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>;
			};
			const seal = async (table: string, id: string, value: unknown) => {
				const iv = crypto.getRandomValues(new Uint8Array(12));
				const sealed = await crypto.subtle.encrypt(
					{ name: 'AES-GCM', iv, additionalData: aad(table, id) },
					key,
					text.encode(JSON.stringify(value))
				);
				const out = new Uint8Array(12 + sealed.byteLength);
				out.set(iv, 0);
				out.set(new Uint8Array(sealed), 12);
				return out;
			};

			if (task.mode === 'open') {
				const names = [...db.objectStoreNames].filter((n) => !task.skip.includes(n));
				const tx = db.transaction(names);
				const rows = await Promise.all(names.map((n) => request(tx.objectStore(n).getAll())));
				const out: Record<string, unknown[]> = {};
				// Measurements a restore stored in packs (schema v6): each pack holds its rows by
				// column, every row's sealed bytes one after the other in `enc`, row n's ending at
				// `ends[n]`; they are opened as the measurements they are. Summaries and the pack
				// directory (schema v7) say nothing more, so the device reads the same however its
				// measurements are stored.
				type PackRows = { ids: string[]; enc: Uint8Array; ends: Uint32Array };
				const packed: { id: string; enc: Uint8Array }[] = [];
				for (const [i, name] of names.entries()) {
					if (name === 'measurementPacks' || name === 'packDirectory') continue;
					if (name === 'measurementPackRows') {
						for (const pack of rows[i] as PackRows[])
							pack.ids.forEach((id, n) =>
								packed.push({ id, enc: pack.enc.subarray(n ? pack.ends[n - 1] : 0, pack.ends[n]) })
							);
						continue;
					}
					out[name] = await Promise.all(
						rows[i].map((row) =>
							row && typeof row === 'object' && 'enc' in row ? open(name, row) : row
						)
					);
				}
				if (out.measurements) {
					out.measurements.push(...(await Promise.all(packed.map((r) => open('measurements', r)))));
					out.measurements.sort((a, b) => {
						const [x, y] = [(a as { id: string }).id, (b as { id: string }).id];
						// Key order, as `getAll` gives the stored rows.
						return x < y ? -1 : x > y ? 1 : 0;
					});
				}
				return out;
			}

			// Patch: open and change every record, then write them back in one short transaction
			// (WebCrypto is never awaited inside a transaction).
			// A data patch (no code strings: the app's CSP forbids eval, rightly).
			const change = (record: Record<string, unknown>) => {
				for (const [path, value] of task.patch) {
					let target = record;
					for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
					target[path[path.length - 1]] = value;
				}
			};
			const stored = (await request(
				db.transaction(task.store).objectStore(task.store).getAll()
			)) as ({ id: string; enc: Uint8Array } & Record<string, unknown>)[];
			const next = await Promise.all(
				stored.map(async (row) => {
					const record = await open(task.store, row);
					change(record);
					return { ...row, enc: await seal(task.store, row.id, record) };
				})
			);
			const tx = db.transaction(task.store, 'readwrite');
			for (const row of next) tx.objectStore(task.store).put(row);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			return null;
		} finally {
			db.close();
		}
	})();
}

/** Field changes: each entry sets the value at a path of keys (keys may contain dots). */
export type DraftPatch = [path: string[], value: unknown][];

/**
 * Applies a change to every stored draft, as a program that knows the passphrase might:
 * opens each sealed draft, sets the patched fields and seals it again.
 */
export async function patchDrafts(
	page: Page,
	patch: DraftPatch,
	passphrase: string = PASSPHRASE
): Promise<void> {
	await page.evaluate(sealedRows, { mode: 'patch' as const, passphrase, store: 'drafts', patch });
}

/**
 * Every record of every data store, opened with the passphrase, each store sorted by key:
 * to compare what two devices hold (each seals with its own data key). Leaves out `meta`
 * (keys, settings) and the device's own `audit` log.
 */
export async function openDatabase(
	page: Page,
	passphrase: string = PASSPHRASE
): Promise<Record<string, unknown[]>> {
	return (await page.evaluate(sealedRows, {
		mode: 'open' as const,
		passphrase,
		skip: ['meta', 'audit']
	}))!;
}

/** Every raw (sealed) row of every store except `meta`, each store sorted by key: to compare before and after. */
export async function dumpDatabase(page: Page): Promise<Record<string, unknown[]>> {
	return page.evaluate(
		() =>
			new Promise<Record<string, unknown[]>>((resolve, reject) => {
				const open = indexedDB.open('framsteg');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const names = [...db.objectStoreNames].filter((n) => n !== 'meta');
					const tx = db.transaction(names);
					const out: Record<string, unknown[]> = {};
					for (const name of names) {
						const request = tx.objectStore(name).getAll();
						request.onsuccess = () => (out[name] = request.result);
					}
					tx.oncomplete = () => {
						db.close();
						resolve(out);
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}
