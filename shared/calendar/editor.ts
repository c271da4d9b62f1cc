import { isoDay, type YearCalendar } from './calendar';

/**
 * The office marks a year's days by clicking them, because the State Council
 * publishes the next year's holidays late in the year and the units need
 * them in the policy before January. A weekday cycles 工作日 → 放假; a
 * weekend day cycles 周末 → 放假 (a weekend inside a holiday, as the
 * calendar file lists them) → 调休上班. The result is an ordinary year of
 * the calendar, checked with its schema before it is saved.
 */

export type DayMark = 'work' | 'weekend' | 'holiday' | 'adjustedWork';

const isWeekend = (date: Date) => date.getDay() === 0 || date.getDay() === 6;

export function dayMark(cal: YearCalendar, date: Date): DayMark {
  const iso = isoDay(date);
  if (cal.holidays.includes(iso)) return 'holiday';
  if (cal.workdays.includes(iso)) return 'adjustedWork';
  return isWeekend(date) ? 'weekend' : 'work';
}

const NEXT: Record<DayMark, DayMark> = { work: 'holiday', weekend: 'holiday', holiday: 'adjustedWork', adjustedWork: 'weekend' };

/** The year with `date` moved to its next mark; a weekday never becomes an adjusted working day (it already is one). */
export function cycleDay(cal: YearCalendar, date: Date): YearCalendar {
  const iso = isoDay(date);
  const current = dayMark(cal, date);
  let next = NEXT[current];
  if (!isWeekend(date) && next !== 'holiday') next = 'work';
  const holidays = cal.holidays.filter((d) => d !== iso);
  const workdays = cal.workdays.filter((d) => d !== iso);
  if (next === 'holiday') holidays.push(iso);
  if (next === 'adjustedWork') workdays.push(iso);
  return { ...cal, holidays: holidays.sort(), workdays: workdays.sort() };
}

/** Where editing a year starts: the year as loaded (bundled, imported or last published), else only its weekends. */
export function startingYear(year: number, years: readonly YearCalendar[], source: string): YearCalendar {
  const known = years.find((y) => y.year === year);
  return known ? { ...known, holidays: [...known.holidays], workdays: [...known.workdays], source } : { year, holidays: [], workdays: [], source };
}

/** Every day of a month as the editor's grid lays it out: leading blanks so the week starts on Monday. */
export function monthGrid(year: number, month: number): (Date | null)[] {
  const first = new Date(year, month, 1);
  const lead = (first.getDay() + 6) % 7;
  const days = new Date(year, month + 1, 0).getDate();
  return [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => new Date(year, month, i + 1))];
}
