import { isolationViolation } from '../../shared/domain/device';
import { onTimeRate } from '../../shared/checkins/compliance';
import { periodReport } from '../../shared/checkins/report';
import { listCheckins, loadCalendar, loadSchedule } from './checkins';
import { unitCoverage, type UnitCoverage } from './console';
import type { ZwDb } from './schema';

export interface UnitSummary extends UnitCoverage {
  activeDevices: number;
  violations: number;
  /** On-time share of inbox checks over the 30 days before the last entry; null when no check-in was received. */
  compliance: number | null;
  provisional: boolean;
}

const DAY = 86_400_000;
export const COMPLIANCE_DAYS = 30;

/**
 * The aggregated view's rows: what was received of each unit, its register
 * (devices in use, isolation-card violations) and, where check-ins were
 * received, its inbox-check compliance — over the 30 days before its last
 * entry, so a unit is not marked down for days the office has no data for.
 */
export async function unitSummaries(db: ZwDb): Promise<UnitSummary[]> {
  const coverage = await unitCoverage(db);
  // One read transaction, every unit's reads in flight together: IndexedDB answers many requests faster than one at a time.
  const rows = await db.transaction('r', [db.devices, db.checkins, db.calendars, db.schedules], () => Promise.all(coverage.map((c) => summarise(db, c))));
  return rows.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}

async function summarise(db: ZwDb, c: UnitCoverage): Promise<UnitSummary> {
  const end = c.lastEntryAt + 1;
  const fromDay = new Date(end - COMPLIANCE_DAYS * DAY);
  fromDay.setHours(0, 0, 0, 0);
  const [devices, checkins] = await Promise.all([db.devices.where('unitId').equals(c.unitId).toArray(), listCheckins(db, c.unitId, fromDay.getTime(), end)]);
  const active = devices.filter((d) => d.retiredAt === null);
  let compliance: number | null = null;
  let provisional = false;
  if (checkins.length > 0) {
    const [{ calendar }, { schedule }] = await Promise.all([loadCalendar(db, c.unitId), loadSchedule(db, c.unitId)]);
    const officers = [...new Set(checkins.map((x) => x.officerId))];
    const report = periodReport(calendar, schedule, checkins, officers, fromDay, COMPLIANCE_DAYS, end);
    compliance = onTimeRate(report.unit);
    provisional = report.unknownYears.length > 0;
  }
  return { ...c, activeDevices: active.length, violations: active.filter(isolationViolation).length, compliance, provisional };
}
