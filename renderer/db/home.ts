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

/**
 * The scans the coverage on `today` rests on: those of the coverage period,
 * and for each active device without one, its latest earlier scan (all of
 * that day's, as the rule orders same-day scans by their time of entry).
 */
export async function coverageScans(db: ZwDb, unitId: string, activeIds: readonly string[], from: string, today: string): Promise<Scan[]> {
  const recent = (await db.scans.where('[unitId+scannedOn]').between([unitId, from], [unitId, today], true, true).toArray()).filter(isActive);
  const seen = new Set(recent.map((s) => s.deviceId));
  const older = await Promise.all(
    activeIds
      .filter((id) => !seen.has(id))
      .map(async (id) => {
        const latest = await db.scans.where('[unitId+deviceId+scannedOn]').between([unitId, id, ''], [unitId, id, from], true, false).reverse().filter(isActive).first();
        return latest ? (await db.scans.where('[unitId+deviceId+scannedOn]').equals([unitId, id, latest.scannedOn]).toArray()).filter(isActive) : [];
      }),
  );
  return [...recent, ...older.flat()];
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
