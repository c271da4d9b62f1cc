import type { WorkCalendar } from '../calendar/calendar';
import type { WorkSchedule } from '../calendar/schedule';
import type { Checkin } from '../domain/checkin';
import type { Device } from '../domain/device';
import type { UnitProfile } from '../domain/unit';
import type { CopyFiling } from '../ledgers/copyFiling';
import type { DutyLog } from '../ledgers/duty';
import type { Fault } from '../ledgers/fault';
import type { Incident } from '../ledgers/incident';
import type { Inspection } from '../ledgers/inspection';
import type { Scan } from '../ledgers/scan';
import type { Training } from '../ledgers/training';
import type { CoveragePolicy } from '../rules/scanCoverage';
import type { YearFacts } from './ledgerFigures';

/**
 * A unit's stored records as the figures read them. The unit passes its own
 * tables, the office the same unit's merged ones: both go through here, so
 * "what counts" (active records only, the profile's people as the staff to
 * train) is decided once.
 */
export interface UnitRecords {
  profile: UnitProfile;
  devices: readonly Device[];
  checkins: readonly Checkin[];
  scans: readonly Scan[];
  dutyLogs: readonly DutyLog[];
  faults: readonly Fault[];
  trainings: readonly Training[];
  incidents: readonly Incident[];
  inspections: readonly Inspection[];
  copyFilings: readonly CopyFiling[];
}

export interface FactsContext {
  year: number;
  now: number;
  calendar: WorkCalendar;
  schedule: WorkSchedule;
  coverage: CoveragePolicy;
  /** The unit's own backups; the office passes none, and takes the unit's word for that figure. */
  backupDays?: readonly string[];
  bundles?: YearFacts['bundles'];
}

const active = <T extends { retiredAt: number | null }>(rows: readonly T[]) => rows.filter((r) => r.retiredAt === null);

export function factsOf(r: UnitRecords, ctx: FactsContext): YearFacts {
  return {
    year: ctx.year,
    since: r.profile.createdAt,
    now: ctx.now,
    area: r.profile.area,
    calendar: ctx.calendar,
    schedule: ctx.schedule,
    coverage: ctx.coverage,
    checkins: active(r.checkins).map((c) => ({ id: c.id, at: c.at, officerId: c.officerId })),
    devices: r.devices.map((d) => ({ id: d.id, createdAt: d.createdAt, retiredAt: d.retiredAt, internetCapable: d.internetCapable, isolationCard: d.isolationCard })),
    scans: active(r.scans).map((s) => ({ id: s.id, deviceId: s.deviceId, scannedOn: s.scannedOn, signatureDate: s.signatureDate, threats: s.threats, resolved: s.resolved, createdAt: s.createdAt })),
    dutyDates: active(r.dutyLogs).map((d) => d.date),
    faults: active(r.faults),
    trainings: active(r.trainings),
    staff: [r.profile.adminName, r.profile.docOfficerName],
    incidents: active(r.incidents),
    inspections: active(r.inspections).map((i) => ({ inspectedOn: i.inspectedOn, hasIssue: i.checklist.some((c) => c.result === 'issue') || i.findings !== '', followUpDone: i.followUpDone })),
    copyFilings: active(r.copyFilings),
    ...(ctx.backupDays ? { backupDays: ctx.backupDays } : {}),
    ...(ctx.bundles ? { bundles: ctx.bundles } : {}),
  };
}
