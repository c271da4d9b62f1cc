// npm run bench [-- GROUP...]: runs the benchmarks and prints one JSON line
// per figure. A figure's group is the first part of its name (devices.write →
// devices); `npm run bench -- excel devices` runs only those groups, no
// argument runs them all. Built-in groups run in Debian's Chromium against
// real IndexedDB; every figure that has a raw reference is measured
// alternately with it, on a fresh database each time, and reported as the
// median of ZW_BENCH_REPEATS (default 3) paired runs, so a reference that
// moves moves its pair with it. App-driven benchmarks, standalone scripts
// test/bench/app/<group>[-anything].mjs, run as part of their group.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';

const COUNT = Number(process.env.ZW_BENCH_DEVICES ?? 50_000);
const UNITS = Number(process.env.ZW_BENCH_UNITS ?? 500);
const LEDGER_DEVICES = Number(process.env.ZW_BENCH_LEDGER_DEVICES ?? 500);
const IMPORT_ROWS = Number(process.env.ZW_BENCH_IMPORT_ROWS ?? 10_000);
const EXPORT_ROWS = Number(process.env.ZW_BENCH_EXPORT_ROWS ?? 50_000);
const BUNDLE_UNITS = Number(process.env.ZW_BENCH_BUNDLE_UNITS ?? 500);
const BUNDLE_ENTRIES = Number(process.env.ZW_BENCH_BUNDLE_ENTRIES ?? 2_000);
const EVALUATION_UNITS = Number(process.env.ZW_BENCH_EVALUATION_UNITS ?? 500);
const REPEATS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const APP_DIR = resolve(process.env.ZW_BENCH_APP_DIR ?? 'test/bench/app');

/** The built-in groups, in the order a full run takes them, with the figures each prints. */
const BUILTIN = {
  cli: ['bundles.fixture', 'cli.verify'],
  // The console's import first among the page groups: its heap is measured in a fresh page.
  console: ['bundles.fixture', 'console.import', 'console.import.peakHeap', 'console.unitsView'],
  devices: ['devices.write', 'devices.loadAndRender', 'devices.searchAsYouType'],
  checkins: ['checkins.compliance'],
  ledgers: ['ledgers.scanCoverage', 'ledgers.faultSlaAndLeaseReport', 'ledgers.dutyGaps'],
  excel: ['excel.importWithPreview', 'excel.export'],
  integrity: ['integrity.check'],
  evaluation: ['evaluation.rank'],
};

const line = (o) => console.log(JSON.stringify(o));

// ---- which groups ---------------------------------------------------------

/** test/bench/app/excel-import.mjs and test/bench/app/excel.mjs both belong to group excel. */
function appScripts() {
  if (!existsSync(APP_DIR)) return [];
  return readdirSync(APP_DIR)
    .filter((name) => name.endsWith('.mjs'))
    .sort()
    .map((name) => ({ group: /^[^-.]+/.exec(name)[0], file: join(APP_DIR, name) }));
}

const scripts = appScripts();
const allGroups = [...Object.keys(BUILTIN), ...[...new Set(scripts.map((s) => s.group))].filter((g) => !(g in BUILTIN)).sort()];

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const named = args.filter((a) => !a.startsWith('--'));
// ZW_BENCH_ONLY keeps working: a group name, or several separated by commas or spaces.
const requested = named.length > 0 ? named : (process.env.ZW_BENCH_ONLY ?? '').split(/[\s,]+/).filter(Boolean);

if (flags.has('--list')) {
  for (const group of allGroups) {
    const figures = BUILTIN[group] ?? [];
    const files = scripts.filter((s) => s.group === group).map((s) => `test/bench/app/${basename(s.file)}`);
    console.log(`${group}: ${[...figures, ...files].join(', ')}`);
  }
  process.exit(0);
}
const unknownFlags = [...flags].filter((f) => f !== '--dry-run');
const unknown = requested.filter((g) => !allGroups.includes(g));
if (unknown.length > 0 || unknownFlags.length > 0) {
  console.error(`unknown ${unknown.length > 0 ? `group ${unknown.join(', ')}` : `option ${unknownFlags.join(', ')}`}; groups: ${allGroups.join(', ')} (npm run bench -- --list)`);
  process.exit(2);
}
const groups = requested.length === 0 ? allGroups : allGroups.filter((g) => requested.includes(g));
const selectedScripts = scripts.filter((s) => groups.includes(s.group));

if (flags.has('--dry-run')) {
  line({ groups, builtin: groups.filter((g) => g in BUILTIN), scripts: selectedScripts.map((s) => basename(s.file)), repeats: REPEATS });
  process.exit(0);
}

// ---- the run --------------------------------------------------------------

const wants = (group) => groups.includes(group);
const pageGroups = ['console', 'devices', 'checkins', 'ledgers', 'excel', 'integrity', 'evaluation'].filter(wants);
const failures = [];

const fixtures = resolve(`.bench/fixtures-${BUNDLE_UNITS}x${BUNDLE_ENTRIES}`);

/** Signed fixture bundles, written once by the office's command line and kept under .bench/ (a million entries takes a while). */
function makeFixtures() {
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
  if (existsSync(join(fixtures, 'index.json'))) return;
  rmSync(fixtures, { recursive: true, force: true });
  const t = performance.now();
  execFileSync(process.execPath, ['out/cli/zwledger.mjs', 'fixture', '--units', String(BUNDLE_UNITS), '--entries', String(BUNDLE_ENTRIES), '--out', fixtures], { stdio: 'ignore' });
  const index = { keys: readdirSync(join(fixtures, 'keys')).sort(), bundles: readdirSync(join(fixtures, 'bundles')).sort() };
  writeFileSync(join(fixtures, 'index.json'), JSON.stringify(index));
  line({ bench: 'bundles.fixture', units: BUNDLE_UNITS, entries: BUNDLE_UNITS * BUNDLE_ENTRIES, ms: Math.round(performance.now() - t) });
}

/** verify on every core (worker threads) and, alternately in the same run, on one thread: entries per second and the speed-up. */
function cliVerify() {
  const bundles = readdirSync(join(fixtures, 'bundles')).map((n) => join(fixtures, 'bundles', n));
  const runs = { all: [], one: [] };
  let results = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const threads of ['all', 'one']) {
      const t = performance.now();
      const out = execFileSync(process.execPath, ['out/cli/zwledger.mjs', 'verify', '--keys', join(fixtures, 'keys'), '--json', ...(threads === 'one' ? ['--threads', '1'] : []), ...bundles], { maxBuffer: 512 * 1024 * 1024 });
      runs[threads].push(performance.now() - t);
      results = JSON.parse(out.toString());
    }
  }
  const ms = median(runs.all);
  const oneMs = median(runs.one);
  const entries = results.reduce((n, r) => n + (r.entries ?? 0), 0);
  const failed = results.filter((r) => r.verdict !== 'valid').length;
  line({ bench: 'cli.verify', files: results.length, entries, failed, runs: REPEATS, threads: availableParallelism(), ms: Math.round(ms), entriesPerSecond: Math.round(entries / (ms / 1000)), oneThreadMs: Math.round(oneMs), speedupOverOneThread: round(oneMs / ms, 2) });
}

/** Builds the benchmark page, serves it (and the fixtures), and runs each selected group in a fresh page. */
async function pageBenchmarks() {
  // Loaded here, not at the top: choosing groups (and --list, --dry-run) should not wait for them.
  const [{ build }, { default: react }, { chromium }] = await Promise.all([import('vite'), import('@vitejs/plugin-react'), import('playwright-core')]);
  const outDir = resolve('out/bench');
  await build({
    configFile: false,
    root: 'test/bench/browser',
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const file = path.startsWith('/fixtures/') ? join(fixtures, path.slice('/fixtures/'.length)) : join(outDir, path === '/' ? 'index.html' : path);
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), 'zw-bench-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 820 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
  try {
    for (const group of pageGroups) {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error('page error:', e.message));
      page.on('console', (m) => m.text().startsWith('TIMING') && console.error(m.text()));
      await page.goto(url);
      try {
        await PAGE_GROUPS[group](page);
      } catch (error) {
        failures.push(group);
        console.error(`${group}:`, error instanceof Error ? error.message : error);
        await page.screenshot({ path: `test-results/bench-${group}-failure.png` }).catch(() => undefined);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const PAGE_GROUPS = {
  async console(page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let peakHeap = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { metrics } = await cdp.send('Performance.getMetrics');
        peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    // Import, then the raw bulkPut of what it merged, each into a fresh database, REPEATS times.
    const pairs = [];
    try {
      for (let r = 0; r < REPEATS; r++) {
        // Settle first: deleting and compacting the previous pair's databases otherwise runs
        // inside the next timed phase and lands on whichever side happens to be running.
        await new Promise((r) => setTimeout(r, 3000));
        const imp = await page.evaluate(() => window.runConsoleImport('fixtures'));
        await new Promise((r) => setTimeout(r, 3000));
        const raw = await page.evaluate(() => window.runConsoleRaw());
        pairs.push({ imp, raw });
      }
    } finally {
      sampling = false;
      await sampler;
    }
    const { imp, raw } = pairs.at(-1);
    const importMs = median(pairs.map((p) => p.imp.importMs));
    line({
      bench: 'console.import', units: BUNDLE_UNITS, bundles: imp.bundles, entries: imp.entries, mergedRecords: raw.records, verdicts: imp.verdicts, runs: REPEATS,
      importMs: Math.round(importMs), entriesPerSecond: Math.round(imp.entries / (importMs / 1000)), rawBulkPutMs: Math.round(median(pairs.map((p) => p.raw.rawMs))),
      throughputRatio: round(median(pairs.map((p) => p.raw.rawMs / p.imp.importMs)), 3), target: '>= 0.8',
      // Each pair's own ratio, so a run where the reference moved more than the import says so.
      pairRatios: pairs.map((p) => round(p.raw.rawMs / p.imp.importMs, 3)),
    });
    line({ bench: 'console.import.peakHeap', peakHeapMB: round(peakHeap / 1024 / 1024), target: '< 500 MB' });
    line({ bench: 'console.unitsView', units: imp.summaryRows, runs: REPEATS, ms: Math.round(median(pairs.map((p) => p.imp.summaryMs))) });
  },

  async devices(page) {
    const w = await page.evaluate(([n, k]) => window.runDevicesWrite(n, k), [COUNT, REPEATS]);
    line({
      bench: 'devices.write', devices: w.count, runs: REPEATS, repositoryMs: round(median(w.runs.map((r) => r.repoMs))), rawBulkPutMs: round(median(w.runs.map((r) => r.rawMs))),
      throughputRatio: round(median(w.runs.map((r) => r.rawMs / r.repoMs)), 3), target: '>= 0.5',
    });
    const l = await page.evaluate(([n, k]) => window.runDevicesRender(n, k), [COUNT, REPEATS]);
    line({
      bench: 'devices.loadAndRender', devices: l.count, runs: REPEATS, ms: round(median(l.runs.map((r) => r.renderMs))), rawReadMs: round(median(l.runs.map((r) => r.rawReadMs))),
      renderOverRawRead: round(median(l.runs.map((r) => r.renderMs / r.rawReadMs)), 3), rowsOnScreen: l.runs.at(-1).renderedRows,
    });
    // The page's main-thread CPU time over the typing, per keystroke: unlike the latencies, it hardly moves
    // when other work shares the machine, so it says whether a change made typing cheaper.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
    const cpuBefore = await threadTime();
    const s = await page.evaluate((k) => window.runDevicesSearch(k), REPEATS);
    const cpuMsPerKeystroke = round(((await threadTime()) - cpuBefore) * 1000 / s.keystrokes);
    line({ bench: 'devices.searchAsYouType', devices: COUNT, keystrokes: s.keystrokes, medianMs: round(s.medianMs), p95Ms: round(s.p95Ms), maxMs: round(s.maxMs), cpuMsPerKeystroke, target: 'p95 <= 30 ms', slowest: s.slowest });
  },

  async checkins(page) {
    const c = await page.evaluate(([n, k]) => window.runCheckinBench(n, k), [UNITS, REPEATS]);
    line({
      bench: 'checkins.compliance', units: c.units, checkins: c.checkins, runs: REPEATS, readMs: round(median(c.runs.map((r) => r.readMs))), computeMs: round(median(c.runs.map((r) => r.computeMs))),
      computeOverRead: round(median(c.runs.map((r) => r.computeMs / r.readMs)), 3), target: 'compute adds < 0.30 of read time',
    });
  },

  async ledgers(page) {
    const l = await page.evaluate((n) => window.runLedgerBench(n), LEDGER_DEVICES);
    const m = l.medians;
    line({ bench: 'ledgers.scanCoverage', devices: l.counts.devices, scans: l.counts.scans, readMs: round(m.scanRead), computeMs: round(m.coverage), computeOverRead: round(m.coverage / m.scanRead, 3) });
    line({ bench: 'ledgers.faultSlaAndLeaseReport', tickets: l.counts.faults, months: 12, readMs: round(m.faultRead), computeMs: round(m.report), computeOverRead: round(m.report / m.faultRead, 3) });
    line({ bench: 'ledgers.dutyGaps', dutyLogs: l.counts.dutyLogs, months: 12, readMs: round(m.dutyRead), computeMs: round(m.gaps), computeOverRead: round(m.gaps / m.dutyRead, 3) });
  },

  async excel(page) {
    const i = await page.evaluate(([n, k]) => window.runExcelImportBench(n, k), [IMPORT_ROWS, REPEATS]);
    line({ bench: 'excel.importWithPreview', rows: i.rows, fileKB: Math.round(i.bytes / 1024), runs: REPEATS, rawReadMs: round(i.rawMs), appMs: round(i.appMs), appOverRaw: round(i.appMs / i.rawMs, 3) });
    const e = await page.evaluate(([n, k]) => window.runExcelExportBench(n, k), [EXPORT_ROWS, REPEATS]);
    line({ bench: 'excel.export', rows: e.rows, fileKB: Math.round(e.bytes / 1024), runs: REPEATS, rawWriteMs: round(e.rawMs), appMs: round(e.appMs), appOverRaw: round(e.appMs / e.rawMs, 3) });
  },

  async evaluation(page) {
    const e = await page.evaluate(([n, k]) => window.runEvaluationBench(n, k), [EVALUATION_UNITS, REPEATS]);
    const ratios = e.runs.map((r) => r.computeMs / r.readMs);
    line({
      bench: 'evaluation.rank', units: e.units, records: e.records, runs: REPEATS,
      computeOverRead: Math.round(median(ratios) * 1000) / 1000, readMs: round(median(e.runs.map((r) => r.readMs))), computeMs: round(median(e.runs.map((r) => r.computeMs))), target: '≤ 0.3',
    });
  },
  async integrity(page) {
    const c = await page.evaluate(([n, k]) => window.runIntegrityBench(n, k), [COUNT, REPEATS]);
    line({
      bench: 'integrity.check', devices: c.count, findings: c.findings, runs: REPEATS, ms: round(median(c.runs.map((r) => r.checkMs))), rawReadMs: round(median(c.runs.map((r) => r.rawReadMs))),
      chainOnlyMs: round(median(c.runs.map((r) => r.chainMs))), checkOverRawRead: round(median(c.runs.map((r) => r.checkMs / r.rawReadMs)), 3),
    });
  },
};

/**
 * Each app-driven script runs on its own with plain node and prints its JSON
 * lines straight through. The app is built once here, and ZW_BENCH_APP_BUILT=1
 * tells a script it need not build it again.
 */
async function appBenchmarks() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  // The pg group's scripts share one throwaway PostgreSQL cluster unless ZW_BENCH_PG names a server.
  const pg = !process.env.ZW_BENCH_PG && selectedScripts.some((s) => s.group === 'pg') ? (await import('../test/bench/pgCluster.mjs')).benchServer() : null;
  for (const { file } of selectedScripts) {
    const run = spawnSync(process.execPath, [file], { stdio: 'inherit', env: { ...process.env, ZW_BENCH_APP_BUILT: '1', ZW_BENCH_REPEATS: String(REPEATS), ...(pg ? { ZW_BENCH_PG: pg.url } : {}) } });
    if (run.status !== 0) failures.push(`test/bench/app/${basename(file)} (exit ${run.status ?? run.signal})`);
  }
}

// Last, once every group's code above is defined.
if (wants('cli') || wants('console')) makeFixtures();
if (wants('cli')) cliVerify();
if (pageGroups.length > 0) await pageBenchmarks();
if (selectedScripts.length > 0) await appBenchmarks();
if (failures.length > 0) {
  console.error(`failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
