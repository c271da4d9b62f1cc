// npm run bench: builds the benchmark page, runs it in Debian's Chromium
// against real IndexedDB, and prints one JSON line per figure. Every figure
// that has a raw reference is reported as a ratio measured in the same run.
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';

const COUNT = Number(process.env.ZW_BENCH_DEVICES ?? 50_000);
const UNITS = Number(process.env.ZW_BENCH_UNITS ?? 500);
const LEDGER_DEVICES = Number(process.env.ZW_BENCH_LEDGER_DEVICES ?? 500);
const IMPORT_ROWS = Number(process.env.ZW_BENCH_IMPORT_ROWS ?? 10_000);
const EXPORT_ROWS = Number(process.env.ZW_BENCH_EXPORT_ROWS ?? 50_000);
const BUNDLE_UNITS = Number(process.env.ZW_BENCH_BUNDLE_UNITS ?? 500);
const BUNDLE_ENTRIES = Number(process.env.ZW_BENCH_BUNDLE_ENTRIES ?? 2_000);
// ZW_BENCH_ONLY=console runs just the bundle benchmarks.
const ONLY = process.env.ZW_BENCH_ONLY ?? '';
const line = (o) => console.log(JSON.stringify(o));
class Done extends Error {}

// Signed fixture bundles, written once by the office's command line and kept
// under .bench/ (generating a million entries takes a while).
execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
const fixtures = resolve(`.bench/fixtures-${BUNDLE_UNITS}x${BUNDLE_ENTRIES}`);
if (!existsSync(join(fixtures, 'index.json'))) {
  rmSync(fixtures, { recursive: true, force: true });
  const t = performance.now();
  execFileSync(process.execPath, ['out/cli/zwledger.mjs', 'fixture', '--units', String(BUNDLE_UNITS), '--entries', String(BUNDLE_ENTRIES), '--out', fixtures], { stdio: 'ignore' });
  const index = { keys: readdirSync(join(fixtures, 'keys')).sort(), bundles: readdirSync(join(fixtures, 'bundles')).sort() };
  writeFileSync(join(fixtures, 'index.json'), JSON.stringify(index));
  line({ bench: 'bundles.fixture', units: BUNDLE_UNITS, entries: BUNDLE_UNITS * BUNDLE_ENTRIES, ms: Math.round(performance.now() - t) });
}
{
  const bundles = readdirSync(join(fixtures, 'bundles')).map((n) => join(fixtures, 'bundles', n));
  const t = performance.now();
  const out = execFileSync(process.execPath, ['out/cli/zwledger.mjs', 'verify', '--keys', join(fixtures, 'keys'), '--json', ...bundles], { maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - t;
  const results = JSON.parse(out.toString());
  const entries = results.reduce((n, r) => n + (r.entries ?? 0), 0);
  const failed = results.filter((r) => r.verdict !== 'valid').length;
  line({ bench: 'cli.verify', files: results.length, entries, failed, ms: Math.round(ms), entriesPerSecond: Math.round(entries / (ms / 1000)) });
}
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
const port = server.address().port;

const profile = mkdtempSync(join(tmpdir(), 'zw-bench-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1366, height: 820 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
});
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.text().startsWith('TIMING') && console.error(m.text()));
  await page.goto(`http://127.0.0.1:${port}/`);
  // The console's import first, in a fresh page: its heap is what is measured.
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
  const imp = await page.evaluate(() => window.runConsoleImport('fixtures'));
  sampling = false;
  await sampler;
  const raw = await page.evaluate(() => window.runConsoleRaw());
  line({ bench: 'console.import', units: BUNDLE_UNITS, bundles: imp.bundles, entries: imp.entries, mergedRecords: raw.records, verdicts: imp.verdicts, importMs: Math.round(imp.importMs), entriesPerSecond: Math.round(imp.entries / (imp.importMs / 1000)), rawBulkPutMs: Math.round(raw.rawMs), throughputRatio: round(raw.rawMs / imp.importMs, 3), target: '>= 0.8' });
  line({ bench: 'console.import.peakHeap', peakHeapMB: round(peakHeap / 1024 / 1024), target: '< 500 MB' });
  line({ bench: 'console.unitsView', units: imp.summaryRows, ms: Math.round(imp.summaryMs) });
  if (ONLY === 'console') throw new Done();
  const r = await page.evaluate((n) => window.runBench(n), COUNT).catch(async (error) => {
    await page.screenshot({ path: 'test-results/bench-failure.png' }).catch(() => undefined);
    throw error;
  });
  line({ bench: 'devices.write', devices: r.count, repositoryMs: round(r.write.repoMs), rawBulkPutMs: round(r.write.rawMs), throughputRatio: round(r.write.rawMs / r.write.repoMs, 3), target: '>= 0.5' });
  line({ bench: 'devices.loadAndRender', devices: r.count, ms: round(r.render.ms), rowsOnScreen: r.render.renderedRows });
  line({ bench: 'devices.searchAsYouType', devices: r.count, keystrokes: r.search.keystrokes, medianMs: round(r.search.medianMs), p95Ms: round(r.search.p95Ms), target: 'p95 < 50 ms' });
  const c = await page.evaluate((n) => window.runCheckinBench(n), UNITS);
  const l = await page.evaluate((n) => window.runLedgerBench(n), LEDGER_DEVICES);
  const m = l.medians;
  line({ bench: 'ledgers.scanCoverage', devices: l.counts.devices, scans: l.counts.scans, readMs: round(m.scanRead), computeMs: round(m.coverage), computeOverRead: round(m.coverage / m.scanRead, 3) });
  line({ bench: 'ledgers.faultSlaAndLeaseReport', tickets: l.counts.faults, months: 12, readMs: round(m.faultRead), computeMs: round(m.report), computeOverRead: round(m.report / m.faultRead, 3) });
  line({ bench: 'ledgers.dutyGaps', dutyLogs: l.counts.dutyLogs, months: 12, readMs: round(m.dutyRead), computeMs: round(m.gaps), computeOverRead: round(m.gaps / m.dutyRead, 3) });
  const i = await page.evaluate((n) => window.runExcelImportBench(n), IMPORT_ROWS);
  line({ bench: 'excel.importWithPreview', rows: i.rows, fileKB: Math.round(i.bytes / 1024), rawReadMs: round(i.rawMs), appMs: round(i.appMs), appOverRaw: round(i.appMs / i.rawMs, 3) });
  const e = await page.evaluate((n) => window.runExcelExportBench(n), EXPORT_ROWS);
  line({ bench: 'excel.export', rows: e.rows, fileKB: Math.round(e.bytes / 1024), rawWriteMs: round(e.rawMs), appMs: round(e.appMs), appOverRaw: round(e.appMs / e.rawMs, 3) });
  line({ bench: 'checkins.compliance', units: c.units, checkins: c.checkins, readMs: round(c.readMs), computeMs: round(c.computeMs), computeOverRead: round(c.computeMs / c.readMs, 3), target: 'compute adds < 0.30 of read time' });
} catch (e) {
  if (!(e instanceof Done)) throw e;
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
