import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: '200.html',
			precompress: true,
			strict: true
		}),
		alias: { $locales: 'locales' },
		// Absolute asset paths: the service worker serves the '/' shell for every route offline.
		paths: { relative: false },
		// We register the service worker ourselves so that an update waits for the user.
		serviceWorker: { register: false },
		version: { pollInterval: 0 }
	}
};

export default config;
