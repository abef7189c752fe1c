import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/**
 * The benchmark harness: a small page that imports the real `$lib` storage and
 * chart code. Built into the bench-only copy of the app (BENCH_OUT/__bench/),
 * so it shares the app's origin and IndexedDB. Never part of build/.
 */
const root = fileURLToPath(new URL('./harness', import.meta.url));
const lib = fileURLToPath(new URL('../../src/lib', import.meta.url));
const locales = fileURLToPath(new URL('../../locales', import.meta.url));
const outDir =
	process.env.BENCH_OUT ??
	fileURLToPath(new URL('../../reports/bench/site/__bench', import.meta.url));

export default defineConfig({
	root,
	base: '/__bench/',
	plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
	// The charts format their numbers through the app's i18n, which reads the locale files.
	resolve: { alias: { $lib: lib, $locales: locales } },
	worker: { format: 'es' },
	logLevel: 'warn',
	build: {
		outDir,
		emptyOutDir: true,
		target: 'es2022',
		reportCompressedSize: false,
		// BENCH_NO_MINIFY=1 keeps names readable in CPU profiles.
		minify: !process.env.BENCH_NO_MINIFY
	}
});
