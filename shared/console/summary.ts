import type { WorkCalendar } from '../calendar/calendar';
import type { WorkSchedule } from '../calendar/schedule';
import { onTimeRate } from '../checkins/compliance';
import { periodReport, type OfficerCheckin } from '../checkins/report';
import { isolationViolation, type Device } from '../domain/device';

export const COMPLIANCE_DAYS = 30;
const DAY = 86_400_000;

/** What the units view shows of a unit's records. */
export interface UnitFigures {
  unitId: string;
  activeDevices: number;
  violations: number;
  /** On-time share of inbox checks over the 30 days before the last entry; null when no check-in was received. */
  compliance: number | null;
  provisional: boolean;
  /** The last entry these figures were computed up to. */
  upTo: number;
}

/** The window compliance is judged over: the 30 days before the unit's last entry, so a unit is not marked down for days the office has no data for. */
export function complianceWindow(lastEntryAt: number): { from: Date; end: number } {
  const end = lastEntryAt + 1;
  const from = new Date(end - COMPLIANCE_DAYS * DAY);
  from.setHours(0, 0, 0, 0);
  return { from, end };
}

export function figuresOf(
  unitId: string,
  lastEntryAt: number,
  devices: readonly Pick<Device, 'internetCapable' | 'isolationCard' | 'retiredAt'>[],
  checkins: readonly OfficerCheckin[],
  plan: () => { calendar: WorkCalendar; schedule: WorkSchedule },
): UnitFigures {
  const active = devices.filter((d) => d.retiredAt === null);
  let compliance: number | null = null;
  let provisional = false;
  if (checkins.length > 0) {
    const { from, end } = complianceWindow(lastEntryAt);
    const { calendar, schedule } = plan();
    const officers = [...new Set(checkins.map((x) => x.officerId))];
    const report = periodReport(calendar, schedule, checkins, officers, from, COMPLIANCE_DAYS, end);
    compliance = onTimeRate(report.unit);
    provisional = report.unknownYears.length > 0;
  }
  return { unitId, activeDevices: active.length, violations: active.filter(isolationViolation).length, compliance, provisional, upTo: lastEntryAt };
}
