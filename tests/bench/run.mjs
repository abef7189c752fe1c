#!/usr/bin/env node
/**
 * `npm run bench`: builds the app, then measures bundle sizes, storage at scale,
 * the chart, backup/restore and Lighthouse, prints each figure against its budget
 * and exits non-zero when a budget is broken. Writes reports/bench.json.
 *
 * Options: --skip-build (use the existing build/), --skip-lighthouse, --profile (where the
 *          backup-and-restore step spends main-thread time),
 *          --clients=N --measurements=N (data set size), --runs=N (Lighthouse runs per preset)
 * Env: BENCH_PORT (default 4301), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { execFileSync, spawn } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILD = join(ROOT, 'build');
const REPORTS = join(ROOT, 'reports');
const SITE = join(REPORTS, 'bench', 'site');
const PORT = Number(process.env.BENCH_PORT ?? 4301);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE = 'lighthouse@12.8.2';
const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? true];
	})
);
const CLIENTS = Number(args.clients ?? 10_000);
const MEASUREMENTS = Number(args.measurements ?? 100_000);
const LH_RUNS = Number(args.runs ?? 3);
const KiB = 1024;
const MiB = 1024 * 1024;
/** After the network is idle on the lock screen, this long again before the first load is cut. */
const FIRST_LOAD_SETTLE_MS = 500;
const started = Date.now();
const loadAtStart = Math.round(loadavg()[0] * 10) / 10;

/** @type {{ group: string; name: string; value: number; unit: string; budget?: string; ratio?: number; pass?: boolean; note?: string }[]} */
const figures = [];
const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...a);

/** Runs one measurement; a failure becomes a broken figure, and the rest still runs. */
/**
 * `--profile`: the main thread's functions by self time over the backup-and-restore
 * step (sampled by Chromium's profiler), to see where the time goes.
 */
function printProfile(profile) {
	const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
	const self = new Map();
	const hits = new Map(profile.nodes.map((n) => [n.id, 0]));
	for (const id of profile.samples) hits.set(id, hits.get(id) + 1);
	for (const node of profile.nodes) {
		const f = node.callFrame;
		const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
		self.set(key, (self.get(key) ?? 0) + hits.get(node.id) * interval);
	}
	const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
	for (const [key, ms] of top) console.log(`${String(Math.round(ms)).padStart(7)} ms  ${key}`);
}

/** A save's p50 and p95 against the raw put's, timed in the same run (budget 1.5×). */
function saveFigures(what, save) {
	for (const q of [0.5, 0.95]) {
		const a = quantile(save.app, q);
		const r = quantile(save.raw, q);
		figure('storage', `${what} p${q * 100}`, round(a, 2), 'ms', {
			ratio: round(a / r, 2),
			max: 1.5,
			note: `raw IndexedDB put ${round(r, 2)} ms`
		});
	}
}

async function step(group, work) {
	try {
		await work();
	} catch (error) {
		figure(group, 'did not complete', 0, '', {
			max: -1,
			note: String(error?.message ?? error)
				.split('\n')[0]
				.slice(0, 120)
		});
	}
}

/** Adds a figure; `max`/`min` make it a budget on the value (or on `ratio` when given). */
function figure(group, name, value, unit, o = {}) {
	const measured = o.ratio ?? value;
	let pass;
	let budget;
	if (o.max !== undefined) {
		pass = measured <= o.max;
		budget = `≤ ${o.max}${o.ratio !== undefined ? '×' : ` ${unit}`}`;
	} else if (o.min !== undefined) {
		pass = measured >= o.min;
		budget = `≥ ${o.min}${o.ratio !== undefined ? '×' : ` ${unit}`}`;
	}
	figures.push({ group, name, value, unit, budget, ratio: o.ratio, pass, note: o.note });
}

const quantile = (xs, q) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function walk(dir) {
	const out = [];
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) out.push(...walk(p));
		else out.push(p);
	}
	return out;
}

// ---------------------------------------------------------------- build
if (!args['skip-build']) {
	log('building the app');
	execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit']
	});
}
if (!existsSync(join(BUILD, 'index.html'))) throw new Error('no build/: run without --skip-build');

// ---------------------------------------------------------------- bundle (from the manifest)
function bundleFigures() {
	const manifest = JSON.parse(
		readFileSync(join(ROOT, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8')
	);
	const app = readFileSync(join(ROOT, '.svelte-kit/generated/client-optimized/app.js'), 'utf8');
	const dictionary = {};
	for (const m of app.matchAll(/"([^"]+)":\s*\[(-?\d+)(?:,\s*\[([\d,\s-]*)\])?/g)) {
		const layouts = (m[3] ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)
			.map(Number);
		dictionary[m[1]] = { page: Math.abs(Number(m[2])), layouts: [0, ...layouts.map(Math.abs)] };
	}
	const closure = (keys) => {
		const seen = new Set();
		const visit = (k) => {
			if (seen.has(k) || !manifest[k]) return;
			seen.add(k);
			for (const i of manifest[k].imports ?? []) visit(i);
		};
		keys.forEach(visit);
		return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
	};
	const entry = Object.keys(manifest).filter(
		(k) => k.endsWith('client/entry.js') || k.endsWith('client-optimized/app.js')
	);
	const node = (n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;
	const size = (files) =>
		files.reduce((sum, f) => sum + gz(join(BUILD, '_app', f.replace(/^_app\//, ''))), 0);
	const fileOf = (f) => (existsSync(join(BUILD, f)) ? join(BUILD, f) : join(BUILD, '_app', f));
	const sizeOf = (files) => files.reduce((sum, f) => sum + gz(fileOf(f)), 0);
	void size;
	const shared = new Set(closure([...entry, node(0)]));
	const routes = {};
	for (const [route, { page, layouts }] of Object.entries(dictionary)) {
		const files = closure([...entry, ...layouts.map(node), node(page)]);
		const own = files.filter((f) => !shared.has(f));
		routes[route] = { staticGz: sizeOf(files), ownGz: sizeOf(own) };
	}
	// What the precache holds: every file the service worker lists (build, static files, shells).
	const sw = readFileSync(join(BUILD, 'service-worker.js'), 'utf8');
	const precacheFiles = walk(BUILD).filter((f) => {
		const rel = '/' + relative(BUILD, f).split('\\').join('/');
		if (rel.endsWith('.gz') || rel.endsWith('.br') || rel === '/service-worker.js') return false;
		if (rel.startsWith('/readme/')) return false;
		// The worker lists paths as string literals (quoted or template), e.g. e+`/_app/…`.
		return [rel, rel.replace(/\.html$/, '')].some((p) =>
			['"', '`', "'"].some((q) => sw.includes(`${p}${q}`))
		);
	});
	const precacheBytes = precacheFiles.reduce((s, f) => s + statSync(f).size, 0);
	const allJs = walk(join(BUILD, '_app')).filter((f) => f.endsWith('.js'));
	// Locale files are JS chunks too, and hold some of the same words: never markers.
	const localeFiles = new Set(
		Object.values(manifest)
			.filter((m) => m.src?.startsWith('locales/'))
			.map((m) => join(BUILD, m.file))
	);
	const codeFiles = allJs.filter((f) => !localeFiles.has(f));
	const withMarker = (marker) => codeFiles.filter((f) => readFileSync(f, 'utf8').includes(marker));
	const lazyCode = [
		{ name: 'Chart.js', files: withMarker('radialLinear'), note: 'radar and line only, lazy' },
		{ name: 'export code', files: withMarker('not-framsteg'), note: 'files, backup, research CSV' },
		{
			name: 'statistics code',
			files: withMarker('framsteg-team-statistics'),
			note: 'team statistics'
		}
	];
	return {
		routes,
		precacheBytes,
		precacheCount: precacheFiles.length,
		allJsGz: allJs.reduce((s, f) => s + gz(f), 0),
		lazyCode,
		shared
	};
}

const bundle = bundleFigures();
log('bundle figures read');

// ---------------------------------------------------------------- bench site and server
rmSync(SITE, { recursive: true, force: true });
mkdirSync(dirname(SITE), { recursive: true });
cpSync(BUILD, SITE, { recursive: true });
execFileSync('npx', ['vite', 'build', '-c', 'tests/bench/vite.config.ts'], {
	cwd: ROOT,
	env: { ...process.env, BENCH_OUT: join(SITE, '__bench') },
	stdio: ['ignore', 'ignore', 'inherit']
});
// Cross-origin isolated (see serve.mjs), so the pages time in 5 µs steps, not 100 µs.
const server = spawn(process.execPath, [join(ROOT, 'tests/bench/serve.mjs'), SITE, String(PORT)], {
	stdio: 'ignore'
});
const stopServer = () => server.kill();
process.on('exit', stopServer);
for (let i = 0; i < 100; i++) {
	try {
		if ((await fetch(ORIGIN + '/')).ok) break;
	} catch {
		await new Promise((r) => setTimeout(r, 100));
	}
}
log(`serving the bench copy at ${ORIGIN}`);

// ---------------------------------------------------------------- browser measurements
const browser = await chromium.launch({
	executablePath: CHROMIUM,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-dev-shm-usage',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--enable-precise-memory-info',
		'--js-flags=--expose-gc'
	]
});
const context = await browser.newContext({
	viewport: { width: 1280, height: 800 },
	locale: 'sv-SE',
	timezoneId: 'Europe/Stockholm',
	serviceWorkers: 'block',
	reducedMotion: 'reduce'
});
const page = await context.newPage();
page.setDefaultTimeout(180_000);
await page.goto(`${ORIGIN}/__bench/`);
await page.waitForFunction(() => document.title === 'bench ready');
const bench = (name, arg) => page.evaluate(([n, a]) => window.bench[n](a), [name, arg]);

try {
	await bench('prepareStorage', { fresh: true });
	log(`seeding ${CLIENTS} clients, ${MEASUREMENTS} measurements`);
	const seeded = await bench('seed', { clients: CLIENTS, measurements: MEASUREMENTS });
	figure('storage', 'seed the data set (generate + store)', round(seeded.ms / 1000, 1), 's', {
		note: `${seeded.clients} clients, ${seeded.measurements} measurements`
	});

	log('save one measurement');
	saveFigures('save one measurement', await bench('saveMeasurement', { runs: 100 }));

	log('load one client history');
	const history = await bench('loadHistory', { runs: 20 });
	figure('storage', 'load one client history p50', round(quantile(history.times, 0.5), 2), 'ms', {
		note: `p95 ${round(quantile(history.times, 0.95), 2)} ms`
	});

	log('team statistics');
	const stats = await bench('teamStatistics', { runs: 5 });
	const statsMs = median(stats.app);
	const cursorMs = median(stats.raw);
	figure('storage', 'team statistics over all measurements', round(statsMs, 0), 'ms', {
		ratio: round(statsMs / cursorMs, 2),
		max: 2,
		note: `raw cursor pass ${round(cursorMs, 0)} ms over ${stats.measurements}`
	});

	log('radar redraw with 4× CPU throttling');
	await bench('mountRadar');
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	const radar = await bench('radarRedraw', { runs: 30 });
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	figure(
		'chart',
		'radar redraw after one rating change p50 (4× CPU)',
		round(quantile(radar.times, 0.5), 1),
		'ms',
		{
			max: 16,
			note: `p95 ${round(quantile(radar.times, 0.95), 1)} ms`
		}
	);

	log('backup and restore');
	/** The backup figures of the full data set, for the memory figures at the end. */
	let fullSet;
	await step('backup', async () => {
		const profiler = args.profile ? await context.newCDPSession(page) : undefined;
		if (profiler) {
			await profiler.send('Profiler.enable');
			await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
			// The harness wraps the timed restore in console.profile('restore').
			profiler.on('Profiler.consoleProfileFinished', (event) => {
				console.log(`profile of ${event.title}:`);
				printProfile(event.profile);
			});
		}
		const br = await bench('backupAndRestore');
		figure('backup', 'full backup (sealed, streamed)', round(br.backupMs / 1000, 2), 's', {
			max: 3,
			note: `${br.clients} clients, ${br.measurements} measurements`
		});
		figure('backup', 'full restore (preview + write)', round(br.restoreMs / 1000, 2), 's', {
			max: 3,
			note: `preview ${round(br.scanMs / 1000, 2)} s + write ${round(br.writeMs / 1000, 2)} s; ${round(br.restoreMs / br.floorMs, 2)}× the raw write floor`
		});
		fullSet = br;
		// Now every participant's measurements are in packs, as on a restored device.
		log('save one measurement, participant in a pack');
		saveFigures(
			'save one measurement, participant in a pack',
			await bench('saveMeasurement', { runs: 100 })
		);
		for (const [what, peak, left] of [
			['backup', br.backupPeakHeap, br.backupRetainedHeap],
			['restore', br.restorePeakHeap, br.restoreRetainedHeap]
		])
			figure('backup', `${what} peak JS heap incl. garbage`, round(peak / MiB, 0), 'MiB', {
				note: `timed run; ${round(left / MiB, 0)} MiB left after GC`
			});
		figure('backup', 'backup file size', round(br.bytes / MiB, 1), 'MiB', {
			note: 'NDJSON, rows sealed as stored, measurements in packs'
		});
		figure('backup', 'raw IndexedDB write floor', round(br.floorMs / 1000, 2), 's', {
			note: `${br.floorRows} rows as the restore writes them, raw add() in one transaction`
		});
	});

	// The real app in a new page. Every page load starts locked (encryption at rest), so the
	// first screen of / is the lock screen. First-load JS of / = every /_app/ JS file requested
	// from navigation start until the passphrase field is on screen (rendered by the client, so
	// hydrated) and the network has been idle (networkidle: 500 ms without requests) plus a
	// short settle, before anything is typed. Whatever the page requests after that (the lock
	// screen prefetches the storage module a few seconds after it shows, or when typing
	// starts) is not first load; it counts in "JS to the unlocked client list" (everything
	// requested through unlocking until the register rows show), so nothing is hidden.
	log('first load of / and the client list');
	const app = await context.newPage();
	await app.addInitScript(() => {
		window.__longTasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) window.__longTasks.push(e.startTime + e.duration);
		}).observe({ type: 'longtask', buffered: true });
	});
	/** JS files in request order, each with the phase in which it was requested. */
	const requestedJs = new Map();
	let phase = 'first-load';
	app.on('request', (r) => {
		const u = new URL(r.url());
		if (
			u.pathname.startsWith('/_app/') &&
			u.pathname.endsWith('.js') &&
			!requestedJs.has(u.pathname)
		)
			requestedJs.set(u.pathname, phase);
	});
	await app.goto(`${ORIGIN}/`);
	const passphraseField = app.getByLabel('Lösenfras', { exact: true });
	await passphraseField.waitFor({ state: 'visible' });
	await app.waitForLoadState('networkidle');
	await app.waitForTimeout(FIRST_LOAD_SETTLE_MS);
	phase = 'unlock';
	const firstLoadJs = [...requestedJs].filter(([, p]) => p === 'first-load').map(([path]) => path);
	// Unlock, then time from the unlocked start.
	await passphraseField.fill('bänkens lösenfras 2026');
	const coldStart = Date.now();
	await app.getByRole('button', { name: 'Lås upp', exact: true }).click();
	await app.locator('table tbody tr').first().waitFor();
	const coldMs = Date.now() - coldStart;
	await app.waitForTimeout(500);
	const toListJs = [...requestedJs.keys()];
	const gzOf = (paths) => paths.reduce((sum, p) => sum + gz(join(BUILD, p)), 0);
	const firstLoadGz = gzOf(firstLoadJs);
	const toListGz = gzOf(toListJs);
	const opens = [];
	for (let n = 0; n < 5; n++) {
		await app
			.getByRole('navigation', { name: 'Huvudmeny' })
			.getByRole('link', { name: 'Inställningar' })
			.click();
		await app.waitForURL('**/settings');
		await app.getByRole('heading', { level: 1 }).waitFor();
		await app.waitForTimeout(300);
		await app.evaluate(() => {
			window.__rowsAt = undefined;
			const observer = new MutationObserver(() => {
				if (document.querySelector('table tbody tr')) {
					window.__rowsAt = performance.now();
					observer.disconnect();
				}
			});
			observer.observe(document.body, { childList: true, subtree: true });
			window.__tapAt = performance.now();
		});
		await app
			.getByRole('navigation', { name: 'Huvudmeny' })
			.getByRole('link', { name: 'Deltagare', exact: true })
			.click();
		await app.locator('table tbody tr').first().waitFor();
		await app.waitForTimeout(400);
		opens.push(
			await app.evaluate(() => {
				const lastLong = Math.max(0, ...window.__longTasks.filter((t) => t > window.__tapAt));
				return Math.max(window.__rowsAt ?? 0, lastLong) - window.__tapAt;
			})
		);
	}
	figure(
		'storage',
		'open the client list to interactive (median of 5)',
		round(median(opens), 0),
		'ms',
		{
			max: 100,
			note: `cold load of / until rows ${coldMs} ms`
		}
	);
	await app.close();

	// Memory of backup and restore. Streamed means the JS heap holds a bounded window (a
	// few pages), never the data: the heap left after full collections, sampled while the
	// work runs (separate, untimed runs), is measured at the full size and at a tenth of
	// it, and must not grow with the data: at most twice the figure at a tenth, or twice
	// the window the code is built to hold if that is more (16 MiB: four 4 MiB pages, i.e.
	// one being written, one read ahead and the read buffers). Rows held would make it
	// ten times (the full file is 156 MiB). Run last: it works in a scratch database with
	// its own key.
	log('backup and restore memory at a tenth of the data');
	await step('backup', async () => {
		if (!fullSet) throw new Error('the full-size backup did not run');
		const tenth = await bench('liveHeapAtSize', {
			clients: Math.round(CLIENTS / 10),
			measurements: Math.round(MEASUREMENTS / 10)
		});
		const WINDOW_MIB = 16;
		for (const [what, full, small, samples] of [
			['backup', fullSet.backupLiveHeap, tenth.backupLiveHeap, fullSet.backupLiveSamples],
			['restore', fullSet.restoreLiveHeap, tenth.restoreLiveHeap, fullSet.restoreLiveSamples]
		]) {
			const fullMiB = round(full / MiB, 1);
			const smallMiB = round(small / MiB, 1);
			figure('backup', `${what} live JS heap growth`, fullMiB, 'MiB', {
				ratio: round(fullMiB / Math.max(WINDOW_MIB, smallMiB), 2),
				max: 2,
				note: `vs ${smallMiB} MiB at a tenth of the data (file ${round(fullSet.bytes / MiB, 0)} vs ${round(tenth.bytes / MiB, 0)} MiB); ${samples} samples after full GC`
			});
		}
	});

	// ------------------------------------------------------------ bundle figures
	figure('bundle', 'first-load JS of / (gzip)', round(firstLoadGz / KiB, 1), 'KiB', {
		max: 70,
		note: `${firstLoadJs.length} files, to the lock screen ready and the network idle`
	});
	figure('bundle', 'JS to the unlocked client list (gzip)', round(toListGz / KiB, 1), 'KiB', {
		note: `${toListJs.length} files, first load + unlocking + register rows`
	});
	// Code that must not be part of the first load, recognised by strings that survive
	// minification. Each marker must be found in some build file, or the check says so.
	const inFirstLoad = new Set(firstLoadJs.map((p) => join(BUILD, p)));
	for (const { name, files, note } of bundle.lazyCode) {
		const found = files.length > 0;
		figure(
			'bundle',
			`${name} in first load of /`,
			files.some((f) => inFirstLoad.has(f)) ? 1 : 0,
			'yes/no',
			{
				max: 0,
				note: found ? note : 'marker not found in the build: update run.mjs'
			}
		);
		if (!found) figures[figures.length - 1].pass = false;
	}
	figure('bundle', 'all JS (gzip)', round(bundle.allJsGz / KiB, 1), 'KiB');
	figure('bundle', 'precache total', round(bundle.precacheBytes / KiB, 0), 'KiB', {
		note: `${bundle.precacheCount} files, uncompressed`
	});
	for (const [route, s] of Object.entries(bundle.routes))
		figure('route JS', route, round(s.staticGz / KiB, 1), 'KiB gz', {
			note: `${round(s.ownGz / KiB, 1)} KiB beyond the shared entry and layout`
		});
} finally {
	await browser.close();
}

// ---------------------------------------------------------------- Lighthouse
if (!args['skip-lighthouse']) {
	const flags =
		'--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run';
	const out = join(REPORTS, 'bench', 'lighthouse');
	mkdirSync(out, { recursive: true });
	for (const preset of ['mobile', 'desktop']) {
		const scores = { performance: [], accessibility: [], 'best-practices': [] };
		for (let n = 1; n <= LH_RUNS; n++) {
			log(`lighthouse ${preset} ${n}/${LH_RUNS}`);
			const path = join(out, `${preset}-${n}.json`);
			execFileSync(
				'npx',
				[
					'-y',
					LIGHTHOUSE,
					`${ORIGIN}/`,
					...(preset === 'desktop' ? ['--preset=desktop'] : []),
					`--chrome-flags=${flags}`,
					'--only-categories=performance,accessibility,best-practices',
					'--output=json',
					`--output-path=${path}`,
					'--quiet'
				],
				{
					cwd: ROOT,
					env: { ...process.env, CHROME_PATH: CHROMIUM },
					stdio: ['ignore', 'ignore', 'inherit']
				}
			);
			const report = JSON.parse(readFileSync(path, 'utf8'));
			for (const k of Object.keys(scores))
				scores[k].push(Math.round(report.categories[k].score * 100));
		}
		const budgets = {
			performance: preset === 'mobile' ? 98 : undefined,
			accessibility: 100,
			'best-practices': 100
		};
		for (const [k, xs] of Object.entries(scores))
			figure('lighthouse', `${preset} ${k} (median of ${LH_RUNS})`, median(xs), 'score', {
				min: budgets[k],
				note: `runs ${xs.join(', ')}`
			});
	}
}
stopServer();

// ---------------------------------------------------------------- report
const machine = {
	cpu: cpus()[0]?.model ?? 'unknown',
	// Other work on the machine inflates every time (not the ratios as much): shown with the figures.
	loadAverageAtStart: loadAtStart,
	loadAverageAtEnd: round(loadavg()[0], 1),
	cores: cpus().length,
	memoryGiB: Math.round(totalmem() / 1024 ** 3),
	chromium: execFileSync(CHROMIUM, ['--version']).toString().trim(),
	node: process.version
};
const seconds = Math.round((Date.now() - started) / 1000);
const failed = figures.filter((f) => f.pass === false);
const rows = figures.map((f) => [
	f.group,
	f.name,
	`${f.value} ${f.unit}`,
	f.budget ?? '',
	f.ratio !== undefined ? `${f.ratio}×` : '',
	f.pass === undefined ? '' : f.pass ? 'pass' : 'FAIL',
	f.note ?? ''
]);
const head = ['group', 'figure', 'value', 'budget', 'ratio', 'result', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
console.log(
	`\n${figures.filter((f) => f.pass !== undefined).length - failed.length} budgets hold, ${failed.length} broken; ${seconds} s on ${machine.cores} × ${machine.cpu}, ${machine.chromium}, load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}`
);
mkdirSync(REPORTS, { recursive: true });
writeFileSync(
	join(REPORTS, 'bench.json'),
	JSON.stringify(
		{
			at: new Date().toISOString(),
			seconds,
			machine,
			dataset: { clients: CLIENTS, measurements: MEASUREMENTS },
			figures
		},
		null,
		'\t'
	) + '\n'
);
process.exit(failed.length > 0 ? 1 : 0);
