/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `framsteg-${version}`;
// Everything the app needs offline: JS/CSS chunks (every language file included), static files, page shells.
// (README screenshots in static/readme are not part of the app.)
const ASSETS = [...build, ...files.filter((f) => !f.startsWith('/readme/')), ...prerendered];
const ASSET_SET = new Set(ASSETS);
const SHELL = prerendered.find((p) => p === '/' || p.endsWith('/')) ?? '/';

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(ASSETS);
			// First install: take over at once so the app works offline after one visit.
			// An update waits until the user agrees (see applyUpdate in the page).
			if (!sw.registration.active) await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			if (ASSET_SET.has(url.pathname)) {
				const hit = await cache.match(url.pathname);
				if (hit) return hit;
			}
			if (request.mode === 'navigate') {
				// The app is a single-page app: any route renders from the cached shell.
				const exact = await cache.match(url.pathname);
				if (exact) return exact;
				try {
					return await fetch(request);
				} catch {
					const shell = await cache.match(SHELL);
					if (shell) return shell;
					throw new Error('offline and no cached shell');
				}
			}
			try {
				return await fetch(request);
			} catch (error) {
				const hit = await cache.match(request);
				if (hit) return hit;
				throw error;
			}
		})()
	);
});
