import type { WorkCalendar } from '../calendar/calendar';
import { isoDay } from '../calendar/calendar';
import type { WorkSchedule } from '../calendar/schedule';
import { assessDay, countCheckins, judgeDay, tally, EMPTY_TALLY, type CheckinResult, type CheckinTime, type SlotResult, type Tally } from './compliance';
import { expectedSlots, type Slot } from './slots';

/**
 * Compliance over a period, for the unit and for each officer. Any officer's
 * check-in serves the unit's slot; an officer's own figure counts only their
 * check-ins. Days in a year whose calendar is not loaded are listed as
 * unknown and make the figures provisional.
 */

export interface OfficerCheckin extends CheckinTime {
  officerId: string;
}

export interface DayReport {
  iso: string;
  date: Date;
  /** 'before': earlier than the day the unit started keeping this ledger. */
  kind: 'work' | 'rest' | 'unknown' | 'before';
  results: SlotResult[];
  /** Every check-in of the day, oldest first, with how it counted (none count on a day that is not 'work'). */
  checkins: CheckinResult[];
  tally: Tally;
}

export type DaySlotsFrom = { kind: 'work'; slots: Slot[] } | { kind: 'rest' | 'before'; slots: [] } | { kind: 'unknown'; year: number; slots: [] };

/**
 * The slots due on a day: those of the calendar and schedule, and on the
 * ledger's first day only those after it began. The report, the dialog and
 * the banner take a day's slots from here, so they never disagree.
 */
export function dueSlotsOn(date: Date, calendar: WorkCalendar, schedule: WorkSchedule, since?: number): DaySlotsFrom {
  if (since !== undefined && new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() <= since) return { kind: 'before', slots: [] };
  const expected = expectedSlots(date, calendar, schedule);
  if (expected.status === 'unknown') return { kind: 'unknown', year: expected.year, slots: [] };
  if (expected.status === 'rest') return { kind: 'rest', slots: [] };
  return { kind: 'work', slots: since === undefined ? expected.slots : expected.slots.filter((slot) => slot.at >= since) };
}

export interface PeriodReport {
  days: DayReport[];
  unit: Tally;
  byOfficer: Map<string, Tally>;
  unknownYears: number[];
}

export function periodReport(
  calendar: WorkCalendar,
  schedule: WorkSchedule,
  checkins: readonly OfficerCheckin[],
  officerIds: readonly string[],
  from: Date,
  days: number,
  now: number,
  /** The ledger's first day: nothing before it is due. */
  since?: number,
): PeriodReport {
  const byDay = new Map<string, OfficerCheckin[]>();
  for (const c of checkins) {
    const key = isoDay(new Date(c.at));
    const list = byDay.get(key);
    if (list) list.push(c);
    else byDay.set(key, [c]);
  }
  const unit: Tally = { ...EMPTY_TALLY };
  const byOfficer = new Map<string, Tally>(officerIds.map((id) => [id, { ...EMPTY_TALLY }]));
  const unknownYears = new Set<number>();
  const reports: DayReport[] = [];
  for (let i = 0; i < days; i++) {
    const date = new Date(from.getFullYear(), from.getMonth(), from.getDate() + i);
    const iso = isoDay(date);
    const dayCheckins = byDay.get(iso) ?? [];
    const due = dueSlotsOn(date, calendar, schedule, since);
    if (due.kind !== 'work') {
      if (due.kind === 'unknown') unknownYears.add(due.year);
      const uncounted = countCheckins([], dayCheckins, schedule.toleranceMinutes);
      reports.push({ iso, date, kind: due.kind, results: [], checkins: uncounted, tally: { ...EMPTY_TALLY } });
      continue;
    }
    const { slots } = due;
    const { results, checkins: counted } = judgeDay(slots, dayCheckins, schedule.toleranceMinutes, now);
    const dayTally = tally(results);
    tally(results, unit);
    for (const [officerId, officerTally] of byOfficer) {
      tally(assessDay(slots, dayCheckins.filter((c) => c.officerId === officerId), schedule.toleranceMinutes, now), officerTally);
    }
    reports.push({ iso, date, kind: 'work', results, checkins: counted, tally: dayTally });
  }
  return { days: reports, unit, byOfficer, unknownYears: [...unknownYears].sort() };
}
