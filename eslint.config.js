import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Forbidden in the core: it is plain TypeScript (no framework, no database, no browser). */
const CORE_FORBIDDEN = [
	'svelte',
	'svelte/*',
	'$app/*',
	'dexie',
	'i18next',
	'chart.js',
	'$lib/storage/*',
	'$lib/i18n/*',
	'$lib/state/*',
	'$lib/components/*'
];

/**
 * zod only through core/zod.ts, which turns its eval-based fast path off (jitless) before any
 * schema is built: under the CSP that path would report a violation.
 */
const ZOD = { name: 'zod', message: "Import { z } from '$lib/core/zod' (jitless, for the CSP)." };

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'reports/', 'node_modules/', 'static/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// Text never becomes markup: no {@html}, and no innerHTML-like DOM sinks either.
			'svelte/no-at-html-tags': 'error',
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
					message: 'Use Svelte or textContent; never innerHTML/outerHTML.'
				},
				{
					selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
					message: 'Use Svelte or textContent; never insertAdjacentHTML.'
				}
			],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte'],
		ignores: ['eslint.config.js', 'svelte.config.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': [
				'error',
				{ checksVoidReturn: { attributes: false } }
			]
		}
	},
	{
		// The service worker is outside the app's TypeScript project.
		files: ['src/service-worker.ts'],
		...ts.configs.disableTypeChecked,
		languageOptions: { parserOptions: { projectService: false } }
	},
	{
		// Only the storage module may talk to Dexie; only chart-setup may import Chart.js.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/storage/**', 'src/lib/components/charts/chart-setup.ts', 'src/lib/core/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'dexie', message: 'Only src/lib/storage talks to Dexie.' },
						{ name: 'chart.js', message: 'Import charts through chart-setup.ts.' },
						{ name: 'chart.js/auto', message: 'Never import chart.js/auto.' },
						ZOD
					]
				}
			]
		}
	},
	{
		files: ['src/lib/storage/**/*.ts', 'src/lib/storage/**/*.svelte'],
		rules: { 'no-restricted-imports': ['error', { paths: [ZOD] }] }
	},
	{
		// The core is plain TypeScript: no framework, no database, no browser.
		files: ['src/lib/core/**/*.ts'],
		ignores: ['src/lib/core/zod.ts', 'src/lib/core/exchange/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN, paths: [ZOD] }],
			'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB']
		}
	},
	{
		// The exchange files still import zod itself; they build their schemas after modules
		// that import core/zod.ts (their imports run first), so zod is jitless by then.
		files: ['src/lib/core/zod.ts', 'src/lib/core/exchange/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN }],
			'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB']
		}
	}
);
