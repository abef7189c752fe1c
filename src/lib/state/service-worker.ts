import { dev } from '$app/environment';
import { base } from '$app/paths';

let waiting: ServiceWorker | undefined;

/**
 * Registers the service worker. A new version never takes over by itself: when one
 * is installed and waiting, `onUpdateReady` is called and the user decides when to
 * reload (never in the middle of a conversation without asking).
 */
export function registerServiceWorker(onUpdateReady: () => void): void {
	if (dev || !('serviceWorker' in navigator)) return;
	const notify = (worker: ServiceWorker | null) => {
		if (worker && navigator.serviceWorker.controller) {
			waiting = worker;
			onUpdateReady();
		}
	};
	navigator.serviceWorker
		.register(`${base}/service-worker.js`, { type: 'classic' })
		.then((registration) => {
			notify(registration.waiting);
			registration.addEventListener('updatefound', () => {
				const installing = registration.installing;
				installing?.addEventListener('statechange', () => {
					if (installing.state === 'installed') notify(installing);
				});
			});
		})
		.catch(() => {
			// Without a service worker the app still works online; offline use needs it.
		});
}

/** Activates the waiting version and reloads once it has taken over. */
export function applyUpdate(): void {
	if (!waiting) return;
	navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
		once: true
	});
	waiting.postMessage({ type: 'SKIP_WAITING' });
}
