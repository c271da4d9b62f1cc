import type { RecordMeta } from '../domain/record';
import { BUNDLED_CALENDARS } from './bundled';
import { WorkCalendar, type YearCalendar } from './calendar';
import { DEFAULT_SCHEDULE, type WorkSchedule } from './schedule';

/**
 * A unit's calendar and hours from the records it stored: one rule for the
 * unit's own PC, the office's IndexedDB and the office's PostgreSQL.
 */

/** A year of the work calendar; id is `<unitId>/<year>`. */
export type CalendarRecord = RecordMeta & YearCalendar;
/** The unit's work schedule; id is the unit id. */
export type ScheduleRecord = RecordMeta & WorkSchedule;

/** A unit's calendar from its stored years (the unit's own, or as the office received them). */
export function calendarFrom(records: readonly CalendarRecord[]): { calendar: WorkCalendar; years: YearCalendar[] } {
  const byYear = new Map<number, YearCalendar>(BUNDLED_CALENDARS.map((c) => [c.year, c]));
  // What the office or the administrator loaded replaces the bundled year.
  for (const c of records) if (c.retiredAt === null) byYear.set(c.year, { year: c.year, holidays: c.holidays, workdays: c.workdays, source: c.source });
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  return { calendar: new WorkCalendar(years), years };
}

/** The hours a stored schedule sets, or the default ones when the unit stored none. */
export function scheduleFrom(record: ScheduleRecord | undefined): { schedule: WorkSchedule; record: ScheduleRecord | undefined } {
  if (!record) return { schedule: DEFAULT_SCHEDULE, record };
  const { summer, winter, summerFrom, winterFrom, toleranceMinutes, remindBeforeMinutes } = record;
  return { schedule: { summer, winter, summerFrom, winterFrom, toleranceMinutes, remindBeforeMinutes }, record };
}
