// Browser-side benchmarks of the device register, run in Chromium by
// scripts/bench.mjs against real IndexedDB. Each figure is measured beside its
// raw reference in the same run, so a report is a ratio, not a guess.
import Dexie from 'dexie';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import '../../../renderer/app/styles.css';
import { App } from '../../../renderer/app/App';
import { db } from '../../../renderer/app/db';
import { useSession } from '../../../renderer/app/session';
import { setupUnit } from '../../../renderer/db/accounts';
import { createDevices } from '../../../renderer/db/devices';
import { openDb } from '../../../renderer/db/schema';
import type { Device } from '../../../shared/domain/device';
import type { Checkin } from '../../../shared/domain/checkin';
import { WorkCalendar } from '../../../shared/calendar/calendar';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';
import { expectedSlots } from '../../../shared/checkins/slots';
import { periodReport } from '../../../shared/checkins/report';
import { listCheckins } from '../../../renderer/db/checkins';
import { excelExport, excelImport, ledgerRules } from './ledgerBench';
import { storedDevice, syntheticDevice } from './synthetic';
import { importFixtures, rawReference } from './consoleBench';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function writeThroughput(count: number) {
  const inputs = Array.from({ length: count }, (_, i) => syntheticDevice(i + 1));
  // Raw reference: the same validated records, one Dexie bulkPut, no change log.
  const rawDb = openDb(`bench-raw-${Date.now()}`);
  const actor = { unitId: 'bench-unit', accountId: 'bench', role: 'admin' as const };
  const records: Device[] = inputs.map((i) => storedDevice(actor, i));
  let t = performance.now();
  await rawDb.devices.bulkPut(records);
  const rawMs = performance.now() - t;
  rawDb.close();
  await Dexie.delete(rawDb.name);

  const repoDb = openDb(`bench-repo-${Date.now()}`);
  const { unit, account } = await setupUnit(repoDb, benchProfile, { username: 'bench', displayName: 'bench', role: 'admin' }, 'x');
  t = performance.now();
  const result = await createDevices(repoDb, { unitId: unit.id, accountId: account.id, role: 'admin' as const }, inputs);
  const repoMs = performance.now() - t;
  if (result.created.length !== count) throw new Error(`created ${result.created.length} of ${count}`);
  repoDb.close();
  await Dexie.delete(repoDb.name);
  return { rawMs, repoMs };
}

const benchProfile = {
  name: '基准测试单位', code: 'BENCH', level: 'county', area: 'urban', leader: '甲', office: '乙',
  adminName: '丙', adminPhone: '13800138000', docOfficerName: '丁', docOfficerPhone: '13800138001',
} as const;

async function seedAppDb(count: number) {
  await db.delete();
  await db.open();
  const { unit, account } = await setupUnit(db, benchProfile, { username: 'admin', displayName: '管理员', role: 'admin' }, 'x');
  const inputs = Array.from({ length: count }, (_, i) => syntheticDevice(i + 1));
  const result = await createDevices(db, { unitId: unit.id, accountId: account.id, role: 'admin' as const }, inputs);
  if (result.refused.length > 0) throw new Error(`seed refused ${result.refused.length}`);
  return { unit, account };
}

/** Loads the register into the real app and waits for rows on screen. */
async function loadAndRender(count: number) {
  const { unit, account } = await seedAppDb(count);
  const root = document.getElementById('root')!;
  const start = performance.now();
  useSession.setState({ unit, account, phase: 'ready', locked: false });
  const reactRoot = createRoot(root);
  flushSync(() => reactRoot.render(<App />));
  const counter = () => document.querySelector('[data-testid="device-count"]')?.textContent ?? '';
  await waitFor(() => counter().includes(String(count)) && document.querySelectorAll('[data-testid="grid-row"]').length > 10);
  await nextFrame();
  const ms = performance.now() - start;
  return { ms, renderedRows: document.querySelectorAll('[data-testid="grid-row"]').length };
}

/**
 * Types queries into the real search box, one character at a time, and
 * times each keystroke from input event to the updated count on screen.
 */
async function searchLatency() {
  const input = document.querySelector<HTMLInputElement>('.toolbar input[placeholder]')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const box = document.querySelector<HTMLElement>('.table-box')!;
  const queries = ['10.1.2', '02-5a-01-0', '李明', 'aabb', '信息科', '5 楼', '10.0.200.1', '025a00ff'];
  const samples: number[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.length; i++) {
      const start = performance.now();
      const typed = query.slice(0, i);
      setter.call(input, typed);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Done when the list on screen is the one filtered by this query, and painted.
      await new Promise<void>((resolve) => {
        if (box.dataset.query === typed) return resolve();
        const observer = new MutationObserver(() => {
          if (box.dataset.query !== typed) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(box, { attributes: true, attributeFilter: ['data-query'] });
      });
      await new Promise((r) => requestAnimationFrame(r));
      samples.push(performance.now() - start);
    }
    setter.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await nextFrame();
  }
  samples.sort((a, b) => a - b);
  return { keystrokes: samples.length, medianMs: percentile(samples, 50), p95Ms: percentile(samples, 95) };
}

/**
 * A year (2025) of check-ins for many units, written straight into
 * IndexedDB (not timed), then per unit: the time to read its year, and the
 * time to compute its compliance from what was read.
 */
async function checkinCompliance(units: number) {
  const benchDb = openDb(`bench-checkins-${Date.now()}`);
  const calendar = new WorkCalendar(BUNDLED_CALENDARS);
  const from = new Date(2025, 0, 1);
  const to = new Date(2026, 0, 1).getTime();
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const slotsByDay: number[][] = [];
  for (let d = 0; d < 365; d++) {
    const day = expectedSlots(new Date(2025, 0, 1 + d), calendar, DEFAULT_SCHEDULE);
    if (day.status === 'work') slotsByDay.push(day.slots.map((s) => s.at));
  }
  let total = 0;
  for (let u = 0; u < units; u++) {
    const unitId = `unit-${String(u).padStart(4, '0')}`;
    const batch: Checkin[] = [];
    for (const slots of slotsByDay) {
      for (const at of slots) {
        const r = random();
        if (r > 0.95) continue;
        const offset = r < 0.9 ? (random() - 0.5) * 16 * 60_000 : 15 * 60_000 + random() * 20 * 60_000;
        const when = Math.round(at + offset);
        batch.push({
          unitId, id: `${unitId}-${batch.length}`, rev: 1, createdAt: when, createdBy: 'officer', updatedAt: when, updatedBy: 'officer', retiredAt: null, retiredReason: null,
          officerId: 'officer', at: when, docsReceived: null, docsHandled: null, note: '', backfilled: false, backfillReason: null,
        });
      }
    }
    total += batch.length;
    await benchDb.checkins.bulkPut(batch);
  }
  let readMs = 0;
  let computeMs = 0;
  let onTime = 0;
  for (let u = 0; u < units; u++) {
    const unitId = `unit-${String(u).padStart(4, '0')}`;
    let t = performance.now();
    const list = await listCheckins(benchDb, unitId, from.getTime(), to);
    readMs += performance.now() - t;
    t = performance.now();
    const report = periodReport(calendar, DEFAULT_SCHEDULE, list, ['officer'], from, 365, to);
    computeMs += performance.now() - t;
    onTime += report.unit.onTime;
  }
  benchDb.close();
  await Dexie.delete(benchDb.name);
  return { units, checkins: total, readMs, computeMs, onTime };
}

declare global {
  interface Window {
    runSearchOnly: () => Promise<unknown>;
    runWriteOnly: (count: number) => Promise<unknown>;
    runCheckinBench: (units: number) => Promise<unknown>;
    runBench: (count: number) => Promise<unknown>;
    runLedgerBench: (devices: number) => Promise<unknown>;
    runExcelImportBench: (rows: number) => Promise<unknown>;
    runExcelExportBench: (rows: number) => Promise<unknown>;
    runConsoleImport: (base: string) => Promise<unknown>;
    runConsoleRaw: () => Promise<unknown>;
  }
}

window.runBench = async (count: number) => {
  const write = await writeThroughput(count);
  const render = await loadAndRender(count);
  const search = await searchLatency();
  return { count, write, render, search };
};

window.runSearchOnly = searchLatency;
window.runWriteOnly = writeThroughput;
window.runCheckinBench = checkinCompliance;
window.runLedgerBench = ledgerRules;
window.runExcelImportBench = excelImport;
window.runExcelExportBench = excelExport;
window.runConsoleImport = importFixtures;
window.runConsoleRaw = rawReference;
