import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';

// SvelteKit's route announcer (a visually hidden live region it adds after the first
// navigation) carries this one inline style attribute. The CSP allows exactly this value by
// its hash ('unsafe-hashes'), not inline styles in general. If SvelteKit changes the string,
// the e2e fixtures report a style-src-attr violation and this must be updated.
const ANNOUNCER_STYLE =
	'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';
const ANNOUNCER_STYLE_HASH = `sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`;

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
		version: { pollInterval: 0 },
		// Strict Content Security Policy, delivered as a <meta> tag in every prerendered page and
		// in the SPA fallback (200.html). Hash mode: SvelteKit hashes its one inline boot script, so
		// no other inline script can run. Everything the app uses comes from its own origin.
		// frame-ancestors cannot be set in a <meta> tag; the host should send it as a header.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Stylesheets from our origin only. Svelte's style: directives and Chart.js set styles
				// through the CSSOM (element.style), which the CSP does not restrict.
				'style-src': ['self'],
				'style-src-attr': ['unsafe-hashes', ANNOUNCER_STYLE_HASH],
				// blob: for the case-record PNG preview (an object URL of the drawn radar image).
				'img-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
