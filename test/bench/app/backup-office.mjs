// backup.office: an office database of ZW_BENCH_BACKUP_ENTRIES (default
// 1,000,000) merged entries, with the bundles they came in, backed up by the
// BUILT app in browser mode (the real host, its CSP) through 备份到备份文件夹,
// timed against reading the same tables in the same page with the same
// chunking; and the page's peak JS heap while it runs (goal: under 300 MB).
// backup.officeRestore: that file restored on a fresh install from the first
// screen, timed against the raw bulkAdd that filled the database.
// Standalone: `node test/bench/app/backup-office.mjs` (ZW_BENCH_NO_BUILD=1 to
// reuse out/, ZW_BENCH_BACKUP_NO_RESTORE=1 to skip the restore).
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setUpUnit, signInAdmin } from '../builtApp.mjs';

const ENTRIES = Math.max(1000, Number(process.env.ZW_BENCH_BACKUP_ENTRIES ?? 1_000_000));
const RESTORE = !process.env.ZW_BENCH_BACKUP_NO_RESTORE;
/** Like the bundle fixtures: 500 units of 2,000 entries at full size, each sent in bundles of 200. */
const PER_UNIT = 2000;
const PER_BUNDLE = 200;
const PASSWORD = 'Zhuanwang2026';
const root = resolve(import.meta.dirname, '../../..');
const log = (text) => console.error(`backup.office: ${text}`);
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const MB = 1024 * 1024;
// Long enough for a slow, shared machine at full size; a stuck run still ends.
const LONG = 90 * 60_000;

if (!process.env.ZW_BENCH_NO_BUILD && !process.env.ZW_BENCH_APP_BUILT) execFileSync(process.execPath, ['scripts/build.mjs', 'renderer', 'host'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const work = mkdtempSync(join(tmpdir(), 'zw-bench-backup-'));
const dataDir = join(work, 'data');
const folder = join(work, 'backups');
mkdirSync(dataDir);
mkdirSync(folder);
const host = spawn(process.execPath, ['out/host/host.mjs'], { cwd: root, env: { ...process.env, ZW_PORT: String(port), ZW_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
let browser;

/** Samples the page's used JS heap until stopped; the peak, in bytes. */
async function heapSampler(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // What earlier steps left for the collector is not the step's own heap.
  await cdp.send('HeapProfiler.collectGarbage');
  let peak = 0;
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    sampling = false;
    await loop;
    await cdp.detach().catch(() => undefined);
    return peak;
  };
}

/**
 * Runs in the page: writes `units` units' worth of merged records, received
 * bundles, their hashes and files straight into the app's stores with
 * Dexie bulkAdd (the app's own Dexie is bundled away, so the same library is
 * evaluated into the page). Returns the time spent in bulkAdd alone: the
 * floor a restore of the same rows is measured against.
 */
async function fillUnits({ first, count, perUnit, perBundle, officeId }) {
  const Dexie = window.Dexie;
  const db = new Dexie('zwledger');
  await db.open();
  const DAY = 86_400_000;
  const start = Date.UTC(2026, 0, 5);
  const names = ['李明', '王芳', '张伟', '刘静', '陈强', '杨娟', '赵磊', '黄敏'];
  const offices = ['办公室', '信息科', '秘书科', '财务科', '人事科', '档案室'];
  const counties = ['崆峒区', '泾川县', '灵台县', '崇信县', '华亭市', '庄浪县', '静宁县'];
  const hex = (n, w) => n.toString(16).padStart(w, '0');
  const idOf = (at, u, n) => {
    const ms = hex(at, 12);
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(u % 4096, 3)}-8${hex(n % 4096, 3)}-${hex(n, 12)}`;
  };
  const b64 = (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const randomBytes = (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
    return out;
  };
  let writeMs = 0;
  let rows = 0;
  const put = async (table, list) => {
    if (list.length === 0) return;
    const t = performance.now();
    await db.table(table).bulkAdd(list);
    writeMs += performance.now() - t;
    rows += list.length;
  };
  for (let u = first; u < first + count; u++) {
    const unitId = idOf(start, u, 0);
    const adminId = idOf(start, u, 1);
    const officerId = idOf(start, u, 2);
    const code = `PL-${String(u + 1).padStart(4, '0')}`;
    const unitName = `${counties[u % counties.length]}第${u + 1}单位`;
    const meta = (id, at, by = adminId) => ({ unitId, id, rev: 1, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by, retiredAt: null, retiredReason: null });
    const tables = { mergedUnits: [], mergedSchedules: [], mergedCalendars: [], mergedDevices: [], mergedDutyLogs: [], mergedCheckins: [], mergedScans: [] };
    tables.mergedUnits.push({ ...meta(unitId, start), name: unitName, code, level: 'county', area: u % 3 === 0 ? 'township' : 'urban', leader: names[u % 8], office: '办公室', adminName: names[(u + 1) % 8], adminPhone: '13800138000', docOfficerName: names[(u + 2) % 8], docOfficerPhone: '13900139000' });
    tables.mergedSchedules.push({ ...meta(unitId, start), summer: { morning: { start: '08:30', end: '12:00' }, afternoon: { start: '14:30', end: '18:00' } }, winter: { morning: { start: '08:30', end: '12:00' }, afternoon: { start: '14:00', end: '17:30' } }, summerFrom: '05-01', winterFrom: '10-01', toleranceMinutes: 10, remindBeforeMinutes: 5 });
    tables.mergedCalendars.push({ ...meta(`${unitId}/2026`, start), year: 2026, holidays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-04-05', '2026-05-01', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02'], workdays: ['2026-02-14', '2026-09-27', '2026-10-10'] });
    const devices = [];
    let n = 3;
    let made = 3;
    for (let day = 0; made < perUnit; day++) {
      const midnight = start + day * DAY;
      const iso = new Date(midnight).toISOString().slice(0, 10);
      const weekday = new Date(midnight).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      // A register of about sixty devices, most made early, then the working days' ledgers.
      for (let d = 0; d < (day === 0 ? 20 : day % 9 === 0 ? 1 : 0) && made < perUnit; d++, made++) {
        const k = devices.length + 1;
        const at = midnight + 9 * 3_600_000 + k * 60_000;
        const id = idOf(at, u, n++);
        devices.push(id);
        tables.mergedDevices.push({
          ...meta(id, at), ip: `10.${u % 250}.${Math.floor(k / 250) % 250}.${(k % 250) + 2}`, mac: `02:5A:${hex(u % 256, 2)}:${hex(Math.floor(k / 256) % 256, 2)}:${hex(k % 256, 2)}:01`.toUpperCase(),
          owner: names[k % 8], office: offices[k % 6], location: `${(k % 5) + 1} 楼`, kind: k % 11 === 0 ? 'printer' : 'desktop', status: 'inUse',
          dedicatedConfirmed: true, internetCapable: k % 37 === 0, isolationCard: k % 74 === 0, note: '', configCleared: null, configClearedBy: null, configClearedAt: null,
        });
      }
      if (made >= perUnit) break;
      const dutyAt = midnight + 500 * 60_000;
      tables.mergedDutyLogs.push({ ...meta(idOf(dutyAt, u, n++), dutyAt), date: iso, shift: 'day', staff: names[(u + day) % 8], equipment: 'normal', abnormality: '', events: '专网运行正常', faults: '', handover: '' });
      made++;
      for (const minute of [510, 600, 690, 870, 960, 1050]) {
        if (made >= perUnit) break;
        const at = midnight + minute * 60_000 + ((u * 7 + day * 13 + minute) % 9) * 60_000;
        tables.mergedCheckins.push({ ...meta(idOf(at, u, n++), at, officerId), officerId, officerName: names[(u + 2) % 8], at, docsReceived: (day + minute) % 5, docsHandled: (day + minute) % 4, note: '', backfilled: false, backfillReason: null });
        made++;
      }
      if (weekday === 1) {
        for (const deviceId of devices.slice(0, 5)) {
          if (made >= perUnit) break;
          const at = midnight + 16 * 3_600_000;
          tables.mergedScans.push({ ...meta(idOf(at, u, n++), at), deviceId, scannedOn: iso, tool: '火绒安全', signatureVersion: `2026.${(day % 12) + 1}`, signatureDate: iso, scope: 'full', threats: 0, action: '', resolved: true, note: '' });
          made++;
        }
      }
    }
    for (const [table, list] of Object.entries(tables)) await put(table, list);

    // The bundles they came in: each kept as evidence (a zip is incompressible, so random bytes stand in),
    // with the chain hash at every seq it covers.
    const bundles = [];
    const hashes = [];
    const files = [];
    for (let from = 1, b = 0; from <= perUnit; from += perBundle, b++) {
      const to = Math.min(perUnit, from + perBundle - 1);
      const fileHash = hex(u, 8) + hex(b, 8) + b64(randomBytes(24)).replace(/[^0-9a-f]/g, '0').slice(0, 48).padEnd(48, '0');
      const fileName = `zwledger-${code}-${String(from).padStart(6, '0')}-${String(to).padStart(6, '0')}.zwbundle`;
      const at = start + b * 7 * DAY;
      bundles.push({ fileHash, fileName, unitId, unitName, unitCode: code, keyId: hex(u, 16), fromSeq: from, toSeq: to, prevHash: '0'.repeat(64), counts: { checkins: Math.round((to - from + 1) * 0.8), dutyLogs: Math.round((to - from + 1) * 0.13), scans: Math.round((to - from + 1) * 0.05) }, createdAt: at, lastEntryAt: at, receivedAt: at + DAY, receivedBy: officeId, verdict: 'valid', claimed: null });
      hashes.push({ fileHash, hashes: Array.from({ length: to - from + 1 }, () => Array.from(randomBytes(32), (x) => hex(x, 2)).join('')) });
      // About what a signed, zipped bundle of this many entries weighs.
      files.push({ fileHash, fileName, base64: b64(randomBytes((to - from + 1) * 150)) });
    }
    await put('receivedBundles', bundles);
    await put('receivedHashes', hashes);
    await put('receivedFiles', files);
    await put('enrolledKeys', [{ keyId: hex(u, 16), unitId, unitName, unitCode: code, suite: 'sm2-sm3', publicKey: `04${hex(u, 128)}`, fingerprint: hex(u, 40), rotatedFrom: null, enrolledAt: start, enrolledBy: officeId, revokedAt: null, revokedBy: null, revokedReason: null }]);
    await put('unitFigures', [{ unitId, activeDevices: devices.length, violations: 0, compliance: 0.95, provisional: false, upTo: start + 300 * DAY }]);
  }
  db.close();
  return { writeMs, rows };
}

/**
 * Runs in the page: what the backup reads, read again — every table, one
 * read transaction, pages by primary key sized as the backup sizes them
 * (16 rows first, then as many as make about 4 M characters, at most 2,000) —
 * and nothing else.
 */
async function rawRead() {
  const Dexie = window.Dexie;
  const db = new Dexie('zwledger');
  await db.open();
  const TARGET = 4 * 1024 * 1024;
  const t = performance.now();
  let rows = 0;
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) {
      const path = table.schema.primKey.keyPath;
      const keyOf = (row) => (Array.isArray(path) ? path.map((p) => row[p]) : row[path]);
      let last;
      let page = 16;
      for (;;) {
        const got = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(page).toArray();
        rows += got.length;
        if (got.length < page) break;
        last = keyOf(got[got.length - 1]);
        // One row's weight stands for the page's: the backup measures each row it writes anyway.
        page = Math.max(1, Math.min(2000, Math.floor(TARGET / Math.max(1, JSON.stringify(got[got.length - 1]).length))));
      }
    }
  });
  const ms = performance.now() - t;
  db.close();
  return { ms, rows };
}

async function setUp(page, url) {
  await setUpUnit(page, url, { name: '平凉市政务信息办公室', code: 'PL-XXB', password: PASSWORD });
  await signInAdmin(page, PASSWORD);
  // A full-size backup can outlast the default idle lock.
  await page.getByRole('menuitem', { name: '设置' }).click();
  const idle = page.getByRole('spinbutton', { name: '无操作自动锁定（分钟）' });
  await idle.fill('120');
  await idle.blur();
  await page.getByText('已保存').first().waitFor();
}

try {
  const url = await new Promise((res, rej) => {
    let out = '';
    host.stdout.on('data', (d) => {
      out += d;
      const m = /browser mode: (\S+)/.exec(out);
      if (m) res(m[1]);
    });
    host.on('exit', (code) => rej(new Error(`host exited ${code}`)));
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await setUp(page, url);
  const dexieSource = readFileSync(join(root, 'node_modules/dexie/dist/dexie.js'), 'utf8');
  // Evaluated over CDP, which the page's CSP does not govern; the app's own code is untouched.
  await page.evaluate(dexieSource);

  // The office's data, untimed as a whole (only its bulkAdd calls are summed, for the restore's reference).
  const units = Math.ceil(ENTRIES / PER_UNIT);
  const perUnit = Math.floor(ENTRIES / units);
  const officeId = await page.evaluate(async () => {
    const db = new window.Dexie('zwledger');
    await db.open();
    const id = (await db.table('meta').get('unitId'))?.value;
    db.close();
    return id;
  });
  const fillStart = performance.now();
  let rawWriteMs = 0;
  let rows = 0;
  const STEP = 25;
  for (let first = 0; first < units; first += STEP) {
    const got = await page.evaluate(fillUnits, { first, count: Math.min(STEP, units - first), perUnit, perBundle: PER_BUNDLE, officeId });
    rawWriteMs += got.writeMs;
    rows += got.rows;
    log(`filled ${Math.min(units, first + STEP)}/${units} units, ${rows} rows, ${Math.round((performance.now() - fillStart) / 1000)} s`);
  }
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  const entries = units * perUnit;
  log(`${entries} entries, IndexedDB ~${Math.round(usage / MB)} MB`);

  await page.getByRole('menuitem', { name: '备份与恢复' }).click();
  const folderInput = page.getByRole('textbox', { name: '备份文件夹' });
  await folderInput.fill(folder);
  await folderInput.blur();
  await page.getByText('备份文件夹已保存').waitFor();

  const rawBefore = await page.evaluate(rawRead);
  log(`raw read ${rawBefore.rows} rows in ${Math.round(rawBefore.ms)} ms`);

  // The button the administrator presses, timed from 开始备份 to the signed file in place.
  await page.getByRole('button', { name: '备份到备份文件夹' }).click();
  const sign = page.getByRole('dialog', { name: '用本单位密钥签名备份' });
  await sign.getByRole('textbox', { name: '您的密码' }).fill(PASSWORD);
  const stopBackupHeap = await heapSampler(context, page);
  const t = performance.now();
  await sign.getByRole('button', { name: '开始备份' }).click();
  await Promise.race([
    sign.waitFor({ state: 'hidden', timeout: LONG }),
    sign.getByRole('alert').waitFor({ timeout: LONG }).then(async () => {
      throw new Error(`backup refused: ${await sign.getByRole('alert').innerText()}`);
    }),
  ]);
  const backupMs = performance.now() - t;
  const backupPeak = await stopBackupHeap();
  const file = readdirSync(folder).find((n) => /^zwledger-PL-XXB-\d{8}-\d{6}-manual\.zwbak$/.test(n));
  if (!file) throw new Error(`no backup in ${folder}: ${readdirSync(folder).join(', ')}`);
  const filePath = join(folder, file);
  const fileBytes = statSync(filePath).size;
  log(`backup ${Math.round(fileBytes / MB)} MB in ${Math.round(backupMs)} ms`);

  const rawAfter = await page.evaluate(rawRead);
  log(`raw read ${rawAfter.rows} rows in ${Math.round(rawAfter.ms)} ms`);
  // Read before and after, so neither side alone has the warmer cache.
  const rawReadMs = (rawBefore.ms + rawAfter.ms) / 2;
  console.log(JSON.stringify({
    bench: 'backup.office', entries, units, rows: rawAfter.rows, idbMB: Math.round(usage / MB), fileMB: round(fileBytes / MB), backupMs: Math.round(backupMs), rawReadMs: Math.round(rawReadMs),
    overRead: round(backupMs / rawReadMs, 2), peakHeapMB: round(backupPeak / MB), target: 'peakHeapMB < 300',
  }));
  await page.close();

  if (RESTORE) {
    // A fresh install (an empty profile) on the same host, restoring from its first screen.
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page2 = await fresh.newPage();
    page2.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page2.goto(url);
    await page2.getByRole('button', { name: '从备份恢复' }).click();
    const dialog = page2.getByRole('dialog');
    await dialog.getByTestId('restore-file').setInputFiles(filePath);
    await dialog.getByTestId('restore-summary').waitFor({ timeout: 120_000 });
    const asked = dialog.getByRole('textbox', { name: '备份中管理员的密码' });
    if (await asked.count()) await asked.fill(PASSWORD);
    await dialog.getByTestId('restore-button').click();
    const stopRestoreHeap = await heapSampler(fresh, page2);
    const r = performance.now();
    await page2.getByRole('tooltip').getByRole('button', { name: '恢复' }).click();
    // A full-size restore runs for minutes: say how far it has got.
    const progress = setInterval(() => {
      void dialog.locator('.ant-progress-text').textContent({ timeout: 1000 }).then((text) => log(`restore ${text ?? ''}, ${Math.round((performance.now() - r) / 1000)} s`), () => undefined);
    }, 30_000);
    progress.unref();
    await Promise.race([
      dialog.getByTestId('restore-done').filter({ hasText: '恢复完成' }).waitFor({ timeout: LONG }),
      dialog.getByTestId('restore-error').waitFor({ timeout: LONG }).then(async () => {
        throw new Error(`restore refused: ${await dialog.getByTestId('restore-error').innerText()}`);
      }),
    ]);
    clearInterval(progress);
    const restoreMs = performance.now() - r;
    const restorePeak = await stopRestoreHeap();
    console.log(JSON.stringify({
      bench: 'backup.officeRestore', entries, rows, fileMB: round(fileBytes / MB), restoreMs: Math.round(restoreMs), rawWriteMs: Math.round(rawWriteMs),
      restoreOverWrite: round(restoreMs / rawWriteMs, 2), peakHeapMB: round(restorePeak / MB), target: 'peakHeapMB < 300',
    }));
    await fresh.close();
  }
} finally {
  await browser?.close();
  host.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
