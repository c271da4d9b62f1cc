import { calendarFrom, scheduleFrom, type CalendarRecord, type ScheduleRecord } from '../calendar/stored';
import type { WorkCalendar } from '../calendar/calendar';
import type { WorkSchedule } from '../calendar/schedule';
import { onTimeRate } from '../checkins/compliance';
import { periodReport, type OfficerCheckin } from '../checkins/report';
import { isolationViolation, type Device } from '../domain/device';
import { notReporting } from './merge';
import type { UnitCoverage } from './coverage';

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

type FigureDevice = Pick<Device, 'internetCapable' | 'isolationCard' | 'retiredAt'>;

/** What a store reads of one unit's received records for its figures; each store answers from its own tables. */
export interface FigureReads {
  devices: (unitId: string) => Promise<readonly FigureDevice[]>;
  /** Check-ins with `from <= at < end`, not retired. */
  checkins: (unitId: string, from: number, end: number) => Promise<readonly OfficerCheckin[]>;
  calendars: (unitId: string) => Promise<readonly CalendarRecord[]>;
  schedule: (unitId: string) => Promise<ScheduleRecord | undefined>;
}

/** One unit's figures up to its last entry, read through a store: the calendar and hours only when there are check-ins to judge. */
export async function readFigures(reads: FigureReads, unitId: string, lastEntryAt: number): Promise<UnitFigures> {
  const { from, end } = complianceWindow(lastEntryAt);
  const [devices, checkins] = await Promise.all([reads.devices(unitId), reads.checkins(unitId, from.getTime(), end)]);
  let plan: { calendar: WorkCalendar; schedule: WorkSchedule } | null = null;
  if (checkins.length > 0) {
    const [years, schedule] = await Promise.all([reads.calendars(unitId), reads.schedule(unitId)]);
    plan = { calendar: calendarFrom(years).calendar, schedule: scheduleFrom(schedule).schedule };
  }
  return figuresOf(unitId, lastEntryAt, devices, checkins, () => plan!);
}

export interface UnitSummary extends UnitCoverage, Omit<UnitFigures, 'unitId' | 'upTo'> {
  /** No bundle for longer than the office's limit (default 31 days), or none at all. */
  silent: boolean;
}

/** Whether a unit's kept figures must be computed again: none kept, or kept up to another entry than its last. */
export function figuresStale(coverage: Pick<UnitCoverage, 'lastEntryAt'>, kept: Pick<UnitFigures, 'upTo'> | undefined): boolean {
  return coverage.lastEntryAt !== null && kept?.upTo !== coverage.lastEntryAt;
}

/** The units view's rows, by unit code: coverage, the figures (none for a unit nothing was received from) and whether it is silent. */
export function summaryRows(coverage: readonly UnitCoverage[], figures: ReadonlyMap<string, UnitFigures>, now: number, silentDays: number): UnitSummary[] {
  const rows = coverage.map((c): UnitSummary => {
    const f = figures.get(c.unitId);
    return { ...c, activeDevices: f?.activeDevices ?? 0, violations: f?.violations ?? 0, compliance: f?.compliance ?? null, provisional: f?.provisional ?? false, silent: notReporting(c.lastReceivedAt, now, silentDays) };
  });
  return rows.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}
