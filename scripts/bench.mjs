// npm run bench: builds the benchmark page, runs it in Debian's Chromium
// against real IndexedDB, and prints one JSON line per figure. Every figure
// that has a raw reference is reported as a ratio measured in the same run.
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const COUNT = Number(process.env.ZW_BENCH_DEVICES ?? 50_000);
const UNITS = Number(process.env.ZW_BENCH_UNITS ?? 500);
const LEDGER_DEVICES = Number(process.env.ZW_BENCH_LEDGER_DEVICES ?? 500);
const IMPORT_ROWS = Number(process.env.ZW_BENCH_IMPORT_ROWS ?? 10_000);
const EXPORT_ROWS = Number(process.env.ZW_BENCH_EXPORT_ROWS ?? 50_000);
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
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
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
  await page.goto(`http://127.0.0.1:${port}/`);
  const r = await page.evaluate((n) => window.runBench(n), COUNT).catch(async (error) => {
    await page.screenshot({ path: 'test-results/bench-failure.png' }).catch(() => undefined);
    throw error;
  });
  const line = (o) => console.log(JSON.stringify(o));
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
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
