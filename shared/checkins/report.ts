import type { WorkCalendar } from '../calendar/calendar';
import { isoDay } from '../calendar/calendar';
import type { WorkSchedule } from '../calendar/schedule';
import { assessDay, tally, EMPTY_TALLY, type CheckinTime, type SlotResult, type Tally } from './compliance';
import { expectedSlots } from './slots';

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
  tally: Tally;
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
    if (since !== undefined && new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() <= since) {
      reports.push({ iso, date, kind: 'before', results: [], tally: { ...EMPTY_TALLY } });
      continue;
    }
    const expected = expectedSlots(date, calendar, schedule);
    if (expected.status !== 'work') {
      if (expected.status === 'unknown') unknownYears.add(expected.year);
      reports.push({ iso, date, kind: expected.status, results: [], tally: { ...EMPTY_TALLY } });
      continue;
    }
    const dayCheckins = byDay.get(iso) ?? [];
    // On the first day, only the slots after the ledger began are due.
    const slots = since === undefined ? expected.slots : expected.slots.filter((slot) => slot.at >= since);
    const results = assessDay(slots, dayCheckins, schedule.toleranceMinutes, now);
    const dayTally = tally(results);
    tally(results, unit);
    for (const [officerId, officerTally] of byOfficer) {
      tally(assessDay(slots, dayCheckins.filter((c) => c.officerId === officerId), schedule.toleranceMinutes, now), officerTally);
    }
    reports.push({ iso, date, kind: 'work', results, tally: dayTally });
  }
  return { days: reports, unit, byOfficer, unknownYears: [...unknownYears].sort() };
}
