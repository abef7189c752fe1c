import { Dexie } from 'dexie';
import type { FramstegDb } from './database';

/**
 * The measurements of some clients, as a query on the `[clientId+takenOn]` index:
 * one key range per client, since there is no index on `clientId` alone (schema
 * v5). Read in client and date order. One client is one plain range (a single
 * `getAll`); several go through Dexie's multi-range cursor.
 */
export function ofClients(db: FramstegDb, clientIds: readonly string[]) {
	const index = db.measurements.where('[clientId+takenOn]');
	if (clientIds.length === 1)
		return index.between([clientIds[0], Dexie.minKey], [clientIds[0], Dexie.maxKey], true, true);
	return index.inAnyRange(
		clientIds.map((id) => [
			[id, Dexie.minKey],
			[id, Dexie.maxKey]
		]),
		{ includeLowers: true, includeUppers: true }
	);
}
