import type { Page } from '@playwright/test';

/** Reads or changes raw IndexedDB rows, as another program (or a corrupted disk) might. */
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

/** Applies a change to every draft row. `patch` is a function body receiving `draft`. */
export async function patchDrafts(page: Page, patch: string): Promise<void> {
	await page.evaluate(
		(patch) =>
			new Promise<void>((resolve, reject) => {
				const change = new Function('draft', patch) as (d: Record<string, unknown>) => void;
				const open = indexedDB.open('framsteg');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction('drafts', 'readwrite');
					const store = tx.objectStore('drafts');
					const all = store.getAll();
					all.onsuccess = () => {
						for (const draft of all.result) {
							change(draft);
							store.put(draft);
						}
					};
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		patch
	);
}

/** Every row of every store except `meta`, each store sorted by key: to compare two devices or before/after. */
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
