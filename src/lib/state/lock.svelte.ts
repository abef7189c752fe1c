import { DEFAULT_AUTO_LOCK_MINUTES } from '$lib/core/security/limits';
import type { LockState } from '$lib/storage';
import { isUnlocked, loadStorage, onSessionChange } from '$lib/storage/light';
import { appMode } from './app-mode.svelte';

/**
 * The app lock as the UI sees it, and auto-lock.
 *
 * - `state`: 'none' before set-up, 'locked' (lock screen), 'unlocked'.
 * - Auto-lock: after `minutes` without activity in any tab of the app; a warning
 *   shows `WARNING_SECONDS` before, and one press extends (as often as needed).
 *   The conversation on screen is already saved (encrypted) after every answer and
 *   resumes after unlocking.
 * - Locking in one tab locks every tab (BroadcastChannel) at once; activity in one
 *   tab counts for all, so a busy tab never gets locked by an idle one.
 *
 * This runs on the first screen (the lock screen), so the storage module is loaded
 * only where it is used: a tab that holds the key has loaded it already.
 */
export const WARNING_SECONDS = 60;
const CHANNEL = 'framsteg-lock';
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

type Message = { type: 'lock' } | { type: 'activity'; at: number };

class AppLock {
	state = $state<LockState | 'checking'>('checking');
	minutes = $state(DEFAULT_AUTO_LOCK_MINUTES);
	/** Seconds left before auto-lock while the warning shows; undefined otherwise. */
	warningSecondsLeft = $state<number | undefined>(undefined);
	/** Draft to resume at once after unlocking (the conversation that was on screen). */
	resumeDraftId: string | undefined = undefined;

	#lastActivity = Date.now();
	#lastBroadcast = 0;
	#channel: BroadcastChannel | undefined;
	#timer: ReturnType<typeof setInterval> | undefined;

	/** Starts listening; returns a stop function (layout mount/unmount). */
	start(initial: LockState): () => void {
		this.state = initial;
		this.#lastActivity = Date.now();
		const offSession = onSessionChange((s) => {
			// Unlocking is made visible by `unlocked()` once the pages have reloaded.
			if (s === 'locked') {
				// The conversation on screen is saved after every answer: resume it after unlocking.
				this.resumeDraftId = appMode.conversation?.draft.id;
				this.state = 'locked';
				this.warningSecondsLeft = undefined;
			}
		});
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(CHANNEL);
			this.#channel.onmessage = (e: MessageEvent<Message>) => {
				if (e.data?.type === 'lock') void lockThisTab();
				else if (e.data?.type === 'activity') this.#seen(e.data.at, false);
			};
		}
		const onActivity = () => this.#activity();
		for (const type of ACTIVITY_EVENTS)
			window.addEventListener(type, onActivity, { capture: true, passive: true });
		this.#timer = setInterval(() => this.#tick(), 1000);
		return () => {
			offSession();
			this.#channel?.close();
			this.#channel = undefined;
			for (const type of ACTIVITY_EVENTS)
				window.removeEventListener(type, onActivity, { capture: true });
			clearInterval(this.#timer);
		};
	}

	/** Called once the app has reloaded its data after a successful unlock. */
	unlocked() {
		this.#lastActivity = Date.now();
		this.warningSecondsLeft = undefined;
		this.state = 'unlocked';
		void loadStorage().then(async ({ audit, keyring }) => {
			void audit.recordQuietly('unlock');
			appMode.clockBehind = await keyring.checkClock();
		});
	}

	/** Locks this tab and every other tab of the app. */
	async lockNow() {
		if (this.state !== 'unlocked') return;
		const { audit, keyring } = await loadStorage();
		await audit.recordQuietly('lock');
		this.#channel?.postMessage({ type: 'lock' } satisfies Message);
		keyring.lock();
	}

	/** "Continue working" in the warning. */
	extend() {
		this.#seen(Date.now(), true);
	}

	#activity() {
		// While the warning shows, only its button extends (a deliberate action).
		if (this.warningSecondsLeft !== undefined) return;
		this.#seen(Date.now(), true);
	}

	#seen(at: number, broadcast: boolean) {
		this.#lastActivity = Math.max(this.#lastActivity, at);
		this.warningSecondsLeft = undefined;
		if (broadcast && at - this.#lastBroadcast > 5000) {
			this.#lastBroadcast = at;
			this.#channel?.postMessage({ type: 'activity', at } satisfies Message);
		}
	}

	#tick() {
		if (this.state !== 'unlocked') return;
		const idleSeconds = (Date.now() - this.#lastActivity) / 1000;
		const limit = this.minutes * 60;
		if (idleSeconds >= limit) void this.lockNow();
		else if (idleSeconds >= limit - WARNING_SECONDS)
			this.warningSecondsLeft = Math.ceil(limit - idleSeconds);
	}
}

/** Drops the key in this tab; a tab that never unlocked has nothing to drop (nor storage loaded). */
async function lockThisTab() {
	if (!isUnlocked()) return;
	(await loadStorage()).keyring.lock();
}

export const appLock = new AppLock();
