// Benchmarks of the declared ledgers and of Excel in and out, run in
// Chromium by scripts/bench.mjs. The rules' computation is measured against
// reading the same records from IndexedDB, and the app's spreadsheet paths
// against the raw spreadsheet library call on the same rows.
import Dexie from 'dexie';
import writeXlsxFile from 'write-excel-file/browser';
import { readSheet } from 'read-excel-file/browser';
import { openDb, type ZwDb } from '../../../renderer/db/schema';
import { newRecord } from '../../../renderer/db/repository';
import { listLedger } from '../../../renderer/db/ledgers';
import { sheetBlob } from '../../../renderer/ui/exportSheet';
import { translate, type Translate } from '../../../renderer/i18n';
import { fieldLabels, sheetHeader, sheetRow, vocabulary } from '../../../renderer/features/devices/deviceSheet';
import { dataRows, openDeviceSheet, planDeviceImport, type Cell } from '../../../shared/import/deviceSheet';
import type { Device } from '../../../shared/domain/device';
import { storedDevice, syntheticDevice } from './synthetic';
import type { Scan } from '../../../shared/ledgers/scan';
import type { Fault } from '../../../shared/ledgers/fault';
import type { DutyLog } from '../../../shared/ledgers/duty';
import type { Maintainer } from '../../../shared/ledgers/maintainer';
import { DEFAULT_COVERAGE_POLICY, scanCoverage } from '../../../shared/rules/scanCoverage';
import { assessFault, FAULT_CAUSES } from '../../../shared/rules/faultSla';
import { monthlyLeaseReport } from '../../../shared/rules/leaseReport';
import { dutyMonth } from '../../../shared/rules/dutyGaps';
import { isoDay, WorkCalendar } from '../../../shared/calendar/calendar';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';

const t: Translate = (key, vars) => translate('zh', key, vars);
const actor = { unitId: 'bench-unit', accountId: 'bench', role: 'admin' as const };
const HOUR = 3_600_000;
const REPEATS = 5;

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

/** The register's device n; every tenth note looks like a formula, as an export must keep it text. */
function registerDevice(n: number, at = Date.now()): Device {
  return storedDevice(actor, { ...syntheticDevice(n), note: n % 10 === 0 ? '=HYPERLINK("x")' : '' }, at);
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The raw reference and the app's run in turn, swapping which goes first each time. */
async function inTurn(repeats: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<void> {
  for (let r = 0; r < repeats; r++) {
    if (r % 2 === 0) {
      await a();
      await b();
    } else {
      await b();
      await a();
    }
  }
}

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** A year (2025) of a unit with `deviceCount` devices: weekly sweeps of every device, a duty log every day, 50 fault tickets. */
async function seedYear(db: ZwDb, deviceCount: number) {
  const devices = Array.from({ length: deviceCount }, (_, i) => registerDevice(i + 1, new Date(2025, 0, 1).getTime()));
  await db.devices.bulkPut(devices);
  const scans: Scan[] = [];
  for (let week = 0; week < 52; week++) {
    const day = new Date(2025, 0, 6 + week * 7);
    const scannedOn = isoDay(day);
    const signatureDate = isoDay(new Date(2025, 0, 6 + week * 7 - Math.floor(random() * 20)));
    for (const d of devices) {
      const threats = random() < 0.01 ? 1 + Math.floor(random() * 3) : 0;
      scans.push(newRecord(actor, {
        deviceId: d.id, scannedOn, tool: '火绒安全', signatureVersion: `2025.${week}`, signatureDate, scope: 'full' as const,
        threats, action: threats > 0 ? '已隔离' : '', resolved: threats === 0 || random() < 0.8, note: '',
      }, day.getTime() + 9 * HOUR));
    }
  }
  await db.scans.bulkPut(scans);
  const logs: DutyLog[] = [];
  for (let d = 0; d < 365; d++) {
    const day = new Date(2025, 0, 1 + d);
    logs.push(newRecord(actor, {
      date: isoDay(day), shift: 'allDay' as const, staff: '李明', equipment: 'normal' as const, abnormality: '', events: '设备运行正常', faults: '', handover: '',
    }, day.getTime() + 17 * HOUR));
  }
  await db.dutyLogs.bulkPut(logs);
  const maintainers: Maintainer[] = ['中国电信', '中国联通'].map((name) => newRecord(actor, { name, contact: '王工', phone: '', monthlyFee: 3000 }));
  await db.maintainers.bulkPut(maintainers);
  const faults: Fault[] = [];
  for (let i = 0; i < 50; i++) {
    const reportedAt = new Date(2025, 0, 1 + Math.floor((i * 365) / 50), 8 + (i % 10)).getTime();
    const arrivedAt = reportedAt + (0.5 + random() * 4) * HOUR;
    const urges = Array.from({ length: i % 4 }, (_, k) => reportedAt + (k + 1) * HOUR);
    faults.push(newRecord(actor, {
      reportedAt, reporter: '李明', description: `第 ${i + 1} 次专网中断`, deviceIds: [devices[i % devices.length]!.id], maintainerId: maintainers[i % 2]!.id,
      urges, arrivedAt, resolvedAt: arrivedAt + HOUR, resolution: '更换光模块', cause: FAULT_CAUSES[i % FAULT_CAUSES.length]!, serious: i % 9 === 0,
      sheetWork: '更换', sheetSentOn: '', decidedPct: i % 3 === 0 ? 10 : null,
    }, reportedAt));
  }
  await db.faults.bulkPut(faults);
  return { devices: devices.length, scans: scans.length, dutyLogs: logs.length, faults: faults.length };
}

/**
 * The ledgers' rules over a year of a 500-device unit, each as the median of
 * five runs: what a screen reads from IndexedDB, and what the rule then adds.
 */
export async function ledgerRules(deviceCount: number) {
  const db = openDb(`bench-ledgers-${Date.now()}`);
  const counts = await seedYear(db, deviceCount);
  const calendar = new WorkCalendar(BUNDLED_CALENDARS);
  const today = '2025-12-31';
  const now = new Date(2025, 11, 31, 18).getTime();
  const months = Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, '0')}`);
  const samples = { scanRead: [] as number[], coverage: [] as number[], faultRead: [] as number[], report: [] as number[], dutyRead: [] as number[], gaps: [] as number[] };
  let check = 0;
  for (let r = 0; r < REPEATS; r++) {
    const [[devices, scans], scanRead] = await timed(() => Promise.all([db.devices.where('unitId').equals(actor.unitId).toArray(), listLedger<Scan>(db, 'scans', actor.unitId)]));
    const [coverage, coverageMs] = await timed(() => {
      const active = devices.filter((d) => d.retiredAt === null).map((d) => d.id);
      return scanCoverage(active, scans.filter((s) => s.retiredAt === null), DEFAULT_COVERAGE_POLICY, today);
    });
    const [[faults, maintainers], faultRead] = await timed(() => Promise.all([listLedger<Fault>(db, 'faults', actor.unitId), listLedger<Maintainer>(db, 'maintainers', actor.unitId)]));
    const [reports, reportMs] = await timed(() => {
      const fees = new Map(maintainers.map((m) => [m.id, m.monthlyFee]));
      const active = faults.filter((f) => f.retiredAt === null);
      for (const f of active) assessFault(f, 'urban', now);
      return months.map((month) => monthlyLeaseReport(active, month, 'urban', fees, now));
    });
    const [logs, dutyRead] = await timed(() => listLedger<DutyLog>(db, 'dutyLogs', actor.unitId));
    const [gaps, gapsMs] = await timed(() => {
      const logged = new Set(logs.filter((l) => l.retiredAt === null).map((l) => l.date));
      return months.map((month) => dutyMonth(calendar, month, logged, today, '2025-01-01'));
    });
    check += coverage.covered + reports.flat().length + gaps.reduce((n, g) => n + g.logged, 0);
    samples.scanRead.push(scanRead);
    samples.coverage.push(coverageMs);
    samples.faultRead.push(faultRead);
    samples.report.push(reportMs);
    samples.dutyRead.push(dutyRead);
    samples.gaps.push(gapsMs);
  }
  db.close();
  await Dexie.delete(db.name);
  if (check === 0) throw new Error('the rules computed nothing');
  return { counts, medians: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number> };
}

/**
 * Import of a 10,000-row sheet in the app's own format up to the preview
 * (read, hold to limits, find the header, parse every row, plan against a
 * register of 5,000 devices that half the rows update), against the raw
 * read of the same file.
 */
export async function excelImport(rowCount: number, repeats = 3) {
  const inFile = Array.from({ length: rowCount }, (_, i) => registerDevice(i + 1));
  const blob = await sheetBlob('入网计算机登记', '基准测试单位', sheetHeader(t), inFile.map((d) => sheetRow(t, d)));
  const register = inFile.slice(0, Math.floor(rowCount / 2));
  const raw: number[] = [];
  const app: number[] = [];
  let planned = 0;
  const rawRun = async () => raw.push((await timed(() => readSheet(blob)))[1]);
  const appRun = async () => {
    const [plan, appMs] = await timed(async () => {
      const opened = openDeviceSheet((await readSheet(blob)) as Cell[][], fieldLabels(t));
      if (!opened.ok || !opened.header) throw new Error('the bench sheet did not open');
      return planDeviceImport(dataRows(opened.sheet, opened.header.headerRow, opened.header.mapping, vocabulary()), register);
    });
    app.push(appMs);
    planned = plan.rows.length;
    if (plan.update + plan.unchanged + plan.create !== rowCount) throw new Error(`planned ${plan.create}/${plan.update}/${plan.unchanged} of ${rowCount}`);
  };
  await inTurn(repeats, rawRun, appRun);
  return { rows: planned, bytes: blob.size, rawMs: median(raw), appMs: median(app) };
}

/** Export of 50,000 register rows as the app writes them (labels, typed text cells, title lines), against the raw write of the same values. */
export async function excelExport(rowCount: number, repeats = 3) {
  const devices = Array.from({ length: rowCount }, (_, i) => registerDevice(i + 1));
  const header = sheetHeader(t);
  const plain = devices.map((d) => sheetRow(t, d));
  const raw: number[] = [];
  const app: number[] = [];
  let bytes = 0;
  const rawRun = async () => raw.push((await timed(() => writeXlsxFile([header, ...plain]).toBlob()))[1]);
  const appRun = async () => {
    const [blob, appMs] = await timed(() => sheetBlob('入网计算机登记', '基准测试单位', header, devices.map((d) => sheetRow(t, d))));
    app.push(appMs);
    bytes = blob.size;
  };
  await inTurn(repeats, rawRun, appRun);
  return { rows: rowCount, bytes, rawMs: median(raw), appMs: median(app) };
}
