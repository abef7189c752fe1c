import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit(), firstScreenChunk()],
	server: { fs: { allow: ['locales'] } },
	// Module workers (statistics): their code is split into chunks like the app's.
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/setup.ts']
	}
});

/**
 * One chunk for the first screen.
 *
 * Every page load starts on the lock screen (or set-up on a new device): the root layout,
 * the root error page and the `/` page, with everything they import statically, plus
 * SvelteKit's client. Left to itself the bundler splits that into some twenty small chunks
 * (every module that a lazy route shares gets a chunk of its own), which costs a browser on
 * a slow network several round trips before anything shows. This puts exactly those
 * modules in one chunk. What loads later (storage, the core schemas, the register's body,
 * other routes) is not reachable statically from these roots, so it stays out.
 * Client build only; the server build (used to prerender the shells) is left as it is.
 */
function firstScreenChunk(): Plugin {
	const roots = [
		'src/routes/+layout.ts',
		'src/routes/+layout.svelte',
		'src/routes/+error.svelte',
		'src/routes/+page.svelte',
		'.svelte-kit/generated/client-optimized/app.js',
		'node_modules/@sveltejs/kit/src/runtime/client/entry.js'
	].map((path) => fileURLToPath(new URL(path, import.meta.url)));
	type Graph = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
	let modules: Set<string> | undefined;
	const staticClosure = (graph: Graph) => {
		const seen = new Set<string>();
		const visit = (id: string) => {
			const info = seen.has(id) ? null : graph.getModuleInfo(id);
			if (!info) return;
			seen.add(id);
			info.importedIds.forEach(visit);
		};
		roots.forEach(visit);
		return seen;
	};
	return {
		name: 'framsteg:first-screen-chunk',
		apply: 'build',
		config: (config) => {
			if (config.build?.ssr) return;
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: [
									{
										debugName: 'first-screen',
										name: (id, graph) => {
											modules ??= staticClosure(graph);
											return modules.has(id) ? 'first-screen' : null;
										}
									}
								]
							}
						}
					}
				}
			};
		},
		buildStart: () => {
			modules = undefined;
		}
	};
}
