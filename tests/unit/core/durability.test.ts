import { describe, expect, it } from 'vitest';
import { BACKUP_REMINDER_DAYS, backupReminder, storageAmount } from '$lib/core';

const NOW = new Date('2026-11-27T10:00:00Z');
const daysAgo = (days: number, hours = 0) =>
	new Date(NOW.getTime() - (days * 24 + hours) * 3_600_000).toISOString();

describe('backupReminder', () => {
	it('the threshold is 30 days', () => {
		expect(BACKUP_REMINDER_DAYS).toBe(30);
	});

	it('is quiet after a recent backup', () => {
		expect(backupReminder({ lastBackupAt: daysAgo(0), setUpAt: daysAgo(400), now: NOW })).toEqual({
			due: false,
			reason: 'recent',
			daysSince: 0
		});
		expect(
			backupReminder({ lastBackupAt: daysAgo(29, 23), setUpAt: daysAgo(400), now: NOW })
		).toEqual({ due: false, reason: 'recent', daysSince: 29 });
	});

	it('reminds when the last backup is 30 days old or older', () => {
		expect(backupReminder({ lastBackupAt: daysAgo(30), setUpAt: daysAgo(400), now: NOW })).toEqual({
			due: true,
			reason: 'old',
			daysSince: 30
		});
		expect(backupReminder({ lastBackupAt: daysAgo(200), setUpAt: undefined, now: NOW }).due).toBe(
			true
		);
	});

	it('gives a new device the threshold before the first reminder', () => {
		expect(backupReminder({ lastBackupAt: undefined, setUpAt: daysAgo(3), now: NOW })).toEqual({
			due: false,
			reason: 'new-device',
			daysSince: undefined
		});
		expect(backupReminder({ lastBackupAt: undefined, setUpAt: daysAgo(30), now: NOW })).toEqual({
			due: true,
			reason: 'never',
			daysSince: undefined
		});
	});

	it('reminds when nothing is known, or a stored time is unreadable', () => {
		expect(backupReminder({ lastBackupAt: undefined, setUpAt: undefined, now: NOW }).reason).toBe(
			'never'
		);
		expect(
			backupReminder({ lastBackupAt: 'not a date', setUpAt: 'nor this', now: NOW }).reason
		).toBe('never');
	});

	it('takes a configurable threshold', () => {
		const lastBackupAt = daysAgo(8);
		expect(
			backupReminder({ lastBackupAt, setUpAt: undefined, now: NOW, thresholdDays: 7 }).due
		).toBe(true);
		expect(
			backupReminder({ lastBackupAt, setUpAt: undefined, now: NOW, thresholdDays: 14 }).due
		).toBe(false);
	});

	it('treats a backup time in the future (clock skew) as recent, not as overdue', () => {
		const future = new Date(NOW.getTime() + 5 * 86_400_000).toISOString();
		expect(backupReminder({ lastBackupAt: future, setUpAt: undefined, now: NOW })).toEqual({
			due: false,
			reason: 'recent',
			daysSince: 0
		});
	});
});

describe('storageAmount', () => {
	it('picks a decimal unit with one decimal', () => {
		expect(storageAmount(0)).toEqual({ value: 0, unit: 'byte' });
		expect(storageAmount(999)).toEqual({ value: 999, unit: 'byte' });
		expect(storageAmount(1_000)).toEqual({ value: 1, unit: 'kilobyte' });
		expect(storageAmount(1_234_567)).toEqual({ value: 1.2, unit: 'megabyte' });
		expect(storageAmount(52_700_000_000)).toEqual({ value: 52.7, unit: 'gigabyte' });
	});

	it('never shows a negative or non-numeric amount', () => {
		expect(storageAmount(-5)).toEqual({ value: 0, unit: 'byte' });
		expect(storageAmount(Number.NaN)).toEqual({ value: 0, unit: 'byte' });
	});
});
