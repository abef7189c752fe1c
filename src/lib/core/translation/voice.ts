/** What the core needs to know about a speech voice (a subset of SpeechSynthesisVoice). */
export type VoiceInfo = { lang: string; localService: boolean; name: string };

/** The BCP 47 primary tag a voice must have to read a language. Dari is not read by a Persian voice. */
const VOICE_TAGS: Record<string, string[]> = {
	sv: ['sv'],
	en: ['en'],
	ar: ['ar'],
	fa: ['fa'],
	prs: ['prs', 'fa-af'],
	so: ['so'],
	ti: ['ti'],
	uk: ['uk']
};

/**
 * Picks a voice that really speaks the language, on the device (online voices send
 * text away and stop working offline). Returns undefined rather than a wrong voice.
 */
export function chooseVoice<T extends VoiceInfo>(
	voices: readonly T[],
	language: string
): T | undefined {
	const tags = VOICE_TAGS[language] ?? [language];
	const matches = (voice: T) => {
		const lang = voice.lang.toLowerCase().replace('_', '-');
		return tags.some((tag) =>
			tag.includes('-') ? lang === tag || lang.startsWith(`${tag}-`) : lang.split('-')[0] === tag
		);
	};
	// A Persian voice may claim 'fa-AF'; for Dari only an explicit Dari/fa-AF voice counts.
	return voices.find((v) => v.localService && matches(v));
}

/** Path of a recorded audio file for a string, if the recordings manifest lists it. */
export function recordingPath(
	manifest: Record<string, string[]>,
	language: string,
	key: string
): string | undefined {
	return manifest[language]?.includes(key)
		? `/audio/${language}/${key.replace(/[:]/g, '/')}.mp3`
		: undefined;
}
