import { chooseVoice, recordingPath, type LanguageCode } from '$lib/core';
import recordings from '$lib/i18n/audio-manifest.json';

/**
 * Read-aloud, the one bridge to the Web Speech API and to recorded audio.
 * A recorded file (static/audio/<lang>/<key>.mp3, listed in audio-manifest.json)
 * is preferred; otherwise a voice on the device that really speaks the language;
 * otherwise nothing, and the UI says so (never a wrong voice).
 */
export type ReadAloudSource = { kind: 'recording' | 'voice'; voice?: SpeechSynthesisVoice };

function voices(): Promise<SpeechSynthesisVoice[]> {
	if (typeof speechSynthesis === 'undefined') return Promise.resolve([]);
	const now = speechSynthesis.getVoices();
	if (now.length > 0) return Promise.resolve(now);
	// The list starts empty in some browsers and fills in later.
	return new Promise((resolve) => {
		const done = () => resolve(speechSynthesis.getVoices());
		speechSynthesis.addEventListener('voiceschanged', done, { once: true });
		setTimeout(done, 1500);
	});
}

const manifest = recordings as Record<string, string[]>;

/** How a key can be read in a language, if at all. */
export async function readAloudSource(
	language: LanguageCode,
	key?: string
): Promise<ReadAloudSource | undefined> {
	if (key && recordingPath(manifest, language, key)) return { kind: 'recording' };
	const voice = chooseVoice(await voices(), language);
	return voice ? { kind: 'voice', voice } : undefined;
}

let playing: HTMLAudioElement | undefined;

export function stopReading(): void {
	if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
	playing?.pause();
	playing = undefined;
}

export function read(
	text: string,
	language: LanguageCode,
	source: ReadAloudSource,
	key?: string
): void {
	stopReading();
	const path = key ? recordingPath(manifest, language, key) : undefined;
	if (source.kind === 'recording' && path) {
		playing = new Audio(path);
		void playing.play();
		return;
	}
	if (!source.voice) return;
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = source.voice.lang;
	utterance.voice = source.voice;
	speechSynthesis.speak(utterance);
}
