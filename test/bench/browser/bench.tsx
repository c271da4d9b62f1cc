// Browser-side benchmarks of the device register, run in Chromium by
// scripts/bench.mjs against real IndexedDB. Each figure is measured beside its
// raw reference in the same run, so a report is a ratio, not a guess.
import Dexie from 'dexie';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import '../../../renderer/ui/styles.css';
import { App } from '../../../renderer/shell/App';
import { db } from '../../../renderer/state/db';
import { useSession } from '../../../renderer/state/session';
import { setupUnit } from '../../../renderer/db/accounts';
import { createDevices } from '../../../renderer/db/devices';
import { openDb } from '../../../renderer/db/schema';
import type { Device } from '../../../shared/domain/device';
import type { UnitProfile } from '../../../shared/domain/unit';
import type { Account } from '../../../shared/domain/account';
import { useDevices } from '../../../renderer/features/devices/deviceStore';
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
import { integrityCheck } from './integrityBench';
import { evaluationRank } from './evaluationBench';

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Runs a and b in turn, swapping which goes first each time, so neither always meets a warmer or a colder browser. */
async function alternately<A, B>(repeats: number, a: () => Promise<A>, b: () => Promise<B>): Promise<Array<[A, B]>> {
  const pairs: Array<[A, B]> = [];
  for (let r = 0; r < repeats; r++) {
    if (r % 2 === 0) {
      const x = await a();
      pairs.push([x, await b()]);
    } else {
      const y = await b();
      pairs.push([await a(), y]);
    }
  }
  return pairs;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Writes through the repository against a raw bulkPut of the same validated records, each into a fresh database. */
async function writeThroughput(count: number, repeats: number) {
  const inputs = Array.from({ length: count }, (_, i) => syntheticDevice(i + 1));
  const actor = { unitId: 'bench-unit', accountId: 'bench', role: 'admin' as const };
  const records: Device[] = inputs.map((i) => storedDevice(actor, i));
  // Raw reference: the same validated records, one Dexie bulkPut, no change log.
  const raw = async () => {
    const rawDb = openDb(`bench-raw-${Date.now()}`);
    await rawDb.open();
    const ms = await timed(() => rawDb.devices.bulkPut(records));
    rawDb.close();
    await Dexie.delete(rawDb.name);
    return ms;
  };
  const repo = async () => {
    const repoDb = openDb(`bench-repo-${Date.now()}`);
    const { unit, account } = await setupUnit(repoDb, benchProfile, { username: 'bench', displayName: 'bench', role: 'admin' }, 'x');
    let created = 0;
    const ms = await timed(async () => {
      created = (await createDevices(repoDb, { unitId: unit.id, accountId: account.id, role: 'admin' as const }, inputs)).created.length;
    });
    if (created !== count) throw new Error(`created ${created} of ${count}`);
    repoDb.close();
    await Dexie.delete(repoDb.name);
    return ms;
  };
  const pairs = await alternately(repeats, raw, repo);
  return { count, runs: pairs.map(([rawMs, repoMs]) => ({ rawMs, repoMs })) };
}

const benchProfile = {
  name: '基准测试单位', code: 'BENCH', level: 'county', area: 'urban', leader: '甲', office: '乙',
  adminName: '丙', adminPhone: '13800138000', docOfficerName: '丁', docOfficerPhone: '13800138001',
} as const;

/** A fresh app database holding the register, written through the repository as the app writes it (not timed). */
async function seedAppDb(count: number) {
  await db.delete();
  await db.open();
  const { unit, account } = await setupUnit(db, benchProfile, { username: 'admin', displayName: '管理员', role: 'admin' }, 'x');
  const inputs = Array.from({ length: count }, (_, i) => syntheticDevice(i + 1));
  const result = await createDevices(db, { unitId: unit.id, accountId: account.id, role: 'admin' as const }, inputs);
  if (result.refused.length > 0) throw new Error(`seed refused ${result.refused.length}`);
  return { unit, account };
}

let mounted: Root | undefined;

/** Mounts the real app on the register and waits until its rows are on screen. */
async function mountApp(unit: UnitProfile, account: Account, count: number) {
  const root = document.getElementById('root')!;
  const start = performance.now();
  useSession.setState({ unit, account, phase: 'ready', locked: false });
  // Every role lands on its home page; the register is opened by its address, as a link to it does.
  window.location.hash = '/devices';
  mounted = createRoot(root);
  flushSync(() => mounted!.render(<App />));
  const counter = () => document.querySelector('[data-testid="device-count"]')?.textContent ?? '';
  await waitFor(() => counter().includes(String(count)) && document.querySelectorAll('[data-testid="grid-row"]').length > 10);
  await nextFrame();
  return { ms: performance.now() - start, renderedRows: document.querySelectorAll('[data-testid="grid-row"]').length };
}

function unmountApp() {
  mounted?.unmount();
  mounted = undefined;
  // The store outlives the page; empty it so the next mount loads from IndexedDB as a fresh start does.
  useDevices.setState({ unitId: undefined, rows: [], loading: false });
}

/**
 * Load-and-render of the register in the real app against a raw read of the
 * same table, in turn, on a fresh database each round. The last mount stays
 * on screen for the search benchmark.
 */
async function loadAndRender(count: number, repeats: number) {
  const runs: Array<{ rawReadMs: number; renderMs: number; renderedRows: number }> = [];
  for (let r = 0; r < repeats; r++) {
    unmountApp();
    const { unit, account } = await seedAppDb(count);
    let rows = 0;
    const rawRead = () => timed(async () => {
      rows = (await db.devices.where('unitId').equals(unit.id).toArray()).length;
    });
    const render = async () => {
      unmountApp();
      return mountApp(unit, account, count);
    };
    // Swap which goes first each round, as alternately() does.
    let rawReadMs: number;
    let shown: Awaited<ReturnType<typeof mountApp>>;
    if (r % 2 === 0) {
      rawReadMs = await rawRead();
      shown = await render();
    } else {
      shown = await render();
      rawReadMs = await rawRead();
    }
    if (rows !== count) throw new Error(`read ${rows} of ${count}`);
    runs.push({ rawReadMs, renderMs: shown.ms, renderedRows: shown.renderedRows });
  }
  return { count, runs };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Types queries into the real search box, one character at a time, and
 * times each keystroke from input event to the updated list on screen,
 * painted. The sequence is typed `repeats` times; percentiles are over all.
 */
async function searchLatency(repeats: number) {
  const input = document.querySelector<HTMLInputElement>('.toolbar input[placeholder]')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const box = document.querySelector<HTMLElement>('.table-box')!;
  const queries = ['10.1.2', '02-5a-01-0', '李明', 'aabb', '信息科', '5 楼', '10.0.200.1', '025a00ff'];
  const typedAt: Array<{ typed: string; ms: number }> = [];
  for (let r = 0; r < repeats; r++) {
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
        await new Promise((resolve) => requestAnimationFrame(resolve));
        typedAt.push({ typed, ms: performance.now() - start });
      }
      setter.call(input, '');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextFrame();
    }
  }
  const samples = typedAt.map((x) => x.ms).sort((a, b) => a - b);
  // The slowest keystrokes say which queries to look at when the figure moves.
  const slowest = [...typedAt].sort((a, b) => b.ms - a.ms).slice(0, 8).map((x) => ({ typed: x.typed, ms: Math.round(x.ms * 10) / 10 }));
  return { keystrokes: samples.length, medianMs: percentile(samples, 50), p95Ms: percentile(samples, 95), maxMs: samples.at(-1)!, slowest };
}

/**
 * A year (2025) of check-ins for many units, written straight into
 * IndexedDB (not timed), then per unit: the time to read its year, and the
 * time to compute its compliance from what was read, read and compute in
 * turn. The whole pass is made `repeats` times over the same data (writing
 * 1.2 million check-ins again for each would cost minutes and change nothing
 * that is read).
 */
async function checkinCompliance(units: number, repeats: number) {
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
  const runs: Array<{ readMs: number; computeMs: number }> = [];
  let onTime = 0;
  for (let r = 0; r < repeats; r++) {
    let readMs = 0;
    let computeMs = 0;
    onTime = 0;
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
    runs.push({ readMs, computeMs });
  }
  benchDb.close();
  await Dexie.delete(benchDb.name);
  return { units, checkins: total, runs, onTime };
}

declare global {
  interface Window {
    runDevicesWrite: (count: number, repeats: number) => Promise<unknown>;
    runDevicesRender: (count: number, repeats: number) => Promise<unknown>;
    runDevicesSearch: (repeats: number) => Promise<unknown>;
    runCheckinBench: (units: number, repeats: number) => Promise<unknown>;
    runLedgerBench: (devices: number) => Promise<unknown>;
    runExcelImportBench: (rows: number, repeats: number) => Promise<unknown>;
    runExcelExportBench: (rows: number, repeats: number) => Promise<unknown>;
    runConsoleImport: (base: string) => Promise<unknown>;
    runConsoleRaw: () => Promise<unknown>;
    runIntegrityBench: (count: number, repeats: number) => Promise<unknown>;
    runEvaluationBench: (units: number, repeats: number) => Promise<unknown>;
  }
}

// One entry per measurement, so scripts/bench.mjs can run any group on its own.
window.runDevicesWrite = writeThroughput;
// The search benchmark types into the app that the last load-and-render left on screen.
window.runDevicesRender = loadAndRender;
window.runDevicesSearch = searchLatency;
window.runCheckinBench = checkinCompliance;
window.runLedgerBench = ledgerRules;
window.runExcelImportBench = excelImport;
window.runExcelExportBench = excelExport;
window.runConsoleImport = importFixtures;
window.runConsoleRaw = rawReference;
window.runIntegrityBench = integrityCheck;
window.runEvaluationBench = evaluationRank;
