import { describe, expect, it } from 'vitest';
import { chooseVoice, recordingPath, type VoiceInfo } from '$lib/core';

const voice = (lang: string, localService = true, name = lang): VoiceInfo => ({
	lang,
	localService,
	name
});

describe('read-aloud voice choice', () => {
	it('picks a local voice whose language matches', () => {
		const voices = [voice('en-US'), voice('sv-SE'), voice('ar-SA')];
		expect(chooseVoice(voices, 'sv')?.lang).toBe('sv-SE');
		expect(chooseVoice(voices, 'ar')?.lang).toBe('ar-SA');
	});

	it('returns nothing for Somali on a device without a Somali voice (never an English one)', () => {
		expect(chooseVoice([voice('en-US'), voice('en-GB'), voice('sv-SE')], 'so')).toBeUndefined();
		expect(chooseVoice([voice('en-US')], 'ti')).toBeUndefined();
	});

	it('ignores online voices, which send text away and fail offline', () => {
		expect(chooseVoice([voice('so-SO', false, 'Online Somali')], 'so')).toBeUndefined();
	});

	it('never reads Dari with a Persian voice', () => {
		expect(chooseVoice([voice('fa-IR')], 'prs')).toBeUndefined();
		expect(chooseVoice([voice('fa-AF')], 'prs')?.lang).toBe('fa-AF');
		expect(chooseVoice([voice('fa-IR')], 'fa')?.lang).toBe('fa-IR');
	});

	it('finds recorded audio by language and key', () => {
		const manifest = { so: ['catalogue:items.client.job-search.text'] };
		expect(recordingPath(manifest, 'so', 'catalogue:items.client.job-search.text')).toBe(
			'/audio/so/catalogue/items.client.job-search.text.mp3'
		);
		expect(recordingPath(manifest, 'ti', 'catalogue:items.client.job-search.text')).toBeUndefined();
	});
});
