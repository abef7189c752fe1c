import { describe, expect, it } from 'vitest';
import { backup, deviceMeta } from '$lib/storage';
import { storeStandInKeyring, useTestDatabase } from '../../fixtures/database';
import { fixedClock, NOW } from '../../fixtures/factories';

describe('storage device meta', () => {
	const db = useTestDatabase();

	it('knows no backup on a fresh device', async () => {
		expect(await deviceMeta.lastBackupAt()).toBeUndefined();
	});

	it('records the time of the last full backup, replacing the one before', async () => {
		expect(await deviceMeta.recordBackup({ now: fixedClock })).toBe(NOW.toISOString());
		const later = new Date(NOW.getTime() + 86_400_000);
		await deviceMeta.recordBackup({ now: () => later });
		expect(await deviceMeta.lastBackupAt()).toBe(later.toISOString());
		expect(await db().meta.where('key').equals('lastBackupAt').count()).toBe(1);
	});

	it('ignores a damaged value instead of failing', async () => {
		await db().meta.put({ key: 'lastBackupAt', value: { not: 'a time' } });
		expect(await deviceMeta.lastBackupAt()).toBeUndefined();
	});

	it('survives a restore: it is about this device, not part of the backup', async () => {
		await storeStandInKeyring(db());
		await deviceMeta.recordBackup({ now: fixedClock });
		const file = await backup.exportBackup();
		await backup.restoreSealedBackup(await backup.scanBackup(file));
		expect(await deviceMeta.lastBackupAt()).toBe(NOW.toISOString());
	});
});
