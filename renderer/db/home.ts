import { isoDay } from '../../shared/calendar/calendar';
import type { Device } from '../../shared/domain/device';
import { factsOf } from '../../shared/evaluation/facts';
import { unitHome, type UnitHome } from '../../shared/home/unitHome';
import type { DutyLog } from '../../shared/ledgers/duty';
import type { Fault } from '../../shared/ledgers/fault';
import type { Scan } from '../../shared/ledgers/scan';
import type { Training } from '../../shared/ledgers/training';
import { coverageFrom } from '../../shared/rules/scanCoverage';
import { lastExport } from './bundleExport';
import { loadCalendar, loadSchedule } from './checkins';
import { coveragePolicy } from './coveragePolicy';
import { backupDays } from './evaluation';
import { ValidationError } from './errors';
import { appliedPolicy, assignedRanges, type AppliedPolicy } from './policy';
import type { ZwDb } from './schema';
import { unitRows } from './unitRows';

/**
 * The unit's home cards in one read of just what they show: the register,
 * the scans that decide the coverage today, this month's duty logs, the
 * tickets and trainings, and what this PC knows of its last backup, export
 * and the office's policy. One transaction, so every card shows the same
 * state of the database. The 12-month trend is read apart (homeTrend.ts).
 */
export interface UnitHomeData {
  home: UnitHome<Fault>;
  activeDevices: number;
  policy: AppliedPolicy | null;
  enrolmentGiven: string | null;
}

const enrolmentKey = (unitId: string) => `enrolmentGiven/${unitId}`;

/** Notes which key's enrolment file was handed out, so the first steps know the office can enrol it. */
export async function noteEnrolmentGiven(db: ZwDb, unitId: string, keyId: string): Promise<void> {
  await db.meta.put({ key: enrolmentKey(unitId), value: keyId });
}

const HOME_SOURCES = ['units', 'devices', 'scans', 'dutyLogs', 'faults', 'trainings', 'calendars', 'schedules', 'meta'];

const isActive = (r: { retiredAt: number | null }) => r.retiredAt === null;

/** Up to this many devices without a scan in the period, each is looked up in the index on its own. */
export const COVERAGE_PROBE_LIMIT = 200;

/**
 * The scans the coverage on `today` rests on: those of the coverage period,
 * and for each active device without one, its latest earlier scan (all of
 * that day's, as the rule orders same-day scans by their time of entry).
 *
 * A few such devices are looked up one by one. Many — a register just
 * imported, never scanned — would take one lookup each (50,000 devices kept
 * the home page waiting minutes), so then the unit's scan index is read as
 * keys alone, no record opened, for each device's latest earlier day, and
 * those days' scans are fetched in one pass. A device whose scans of that
 * day were all withdrawn falls back to its own lookup.
 */
export async function coverageScans(db: ZwDb, unitId: string, activeIds: readonly string[], from: string, today: string, probeLimit = COVERAGE_PROBE_LIMIT): Promise<Scan[]> {
  const recent = (await db.scans.where('[unitId+scannedOn]').between([unitId, from], [unitId, today], true, true).toArray()).filter(isActive);
  const seen = new Set(recent.map((s) => s.deviceId));
  const missing = activeIds.filter((id) => !seen.has(id));
  const latestOf = async (id: string): Promise<Scan[]> => {
    const latest = await db.scans.where('[unitId+deviceId+scannedOn]').between([unitId, id, ''], [unitId, id, from], true, false).reverse().filter(isActive).first();
    return latest ? (await db.scans.where('[unitId+deviceId+scannedOn]').equals([unitId, id, latest.scannedOn]).toArray()).filter(isActive) : [];
  };
  if (missing.length <= probeLimit) return [...recent, ...(await Promise.all(missing.map(latestOf))).flat()];

  const wanted = new Set(missing);
  const latestDay = new Map<string, string>();
  await db.scans
    .where('[unitId+deviceId+scannedOn]')
    .between([unitId, '', ''], [unitId, '\uffff', ''])
    .eachKey((key) => {
      const [, deviceId, day] = key as [string, string, string];
      if (day >= from || !wanted.has(deviceId)) return;
      const known = latestDay.get(deviceId);
      if (known === undefined || day > known) latestDay.set(deviceId, day);
    });
  const found = latestDay.size === 0 ? [] : await db.scans.where('[unitId+deviceId+scannedOn]').anyOf([...latestDay].map(([id, day]) => [unitId, id, day])).toArray();
  const older = found.filter(isActive);
  const answered = new Set(older.map((s) => s.deviceId));
  const withdrawn = [...latestDay.keys()].filter((id) => !answered.has(id));
  return [...recent, ...older, ...(await Promise.all(withdrawn.map(latestOf))).flat()];
}

export async function readUnitHome(db: ZwDb, unitId: string, now = Date.now()): Promise<UnitHomeData> {
  const today = isoDay(new Date(now));
  const month = today.slice(0, 7);
  return db.transaction('r', HOME_SOURCES, async () => {
    const [profile, devices, dutyLogs, faults, trainings, calendar, schedule, coverage, backups, exported, policy, given] = await Promise.all([
      db.units.get(unitId),
      unitRows<Device>(db, 'devices', unitId),
      db.dutyLogs.where('[unitId+date]').between([unitId, `${month}-01`], [unitId, `${month}-31`], true, true).toArray() as Promise<DutyLog[]>,
      // A unit reports a few tickets a month and holds a few trainings a year: all of them are a small read.
      unitRows<Fault>(db, 'faults', unitId),
      unitRows<Training>(db, 'trainings', unitId),
      loadCalendar(db, unitId),
      loadSchedule(db, unitId),
      coveragePolicy(db),
      backupDays(db),
      lastExport(db, unitId),
      appliedPolicy(db, unitId),
      db.meta.get(enrolmentKey(unitId)),
    ]);
    if (!profile || profile.unitId !== unitId) throw new ValidationError([{ field: '', code: 'evaluation.noUnit' }]);
    const active = devices.filter(isActive);
    const scans = await coverageScans(
      db,
      unitId,
      active.map((d) => d.id),
      coverageFrom(coverage, today),
      today,
    );
    // The cards' records through the evaluation's own reading (active records only), with nothing else.
    const facts = factsOf(
      { profile, devices, checkins: [], scans, dutyLogs, faults, trainings, incidents: [], inspections: [], copyFilings: [] },
      { calendar: calendar.calendar, schedule: schedule.schedule, coverage, year: Number(today.slice(0, 4)), now },
    );
    const home = unitHome({
      facts,
      devices,
      faults: faults.filter(isActive),
      ranges: assignedRanges(policy),
      lastBackupDay: backups.length > 0 ? backups[backups.length - 1]! : null,
      lastExportAt: exported?.at ?? null,
    });
    return { home, activeDevices: active.length, policy, enrolmentGiven: typeof given?.value === 'string' ? given.value : null };
  });
}
