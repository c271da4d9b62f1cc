import { z } from 'zod';

/**
 * The work calendar: which dates are working days. Holidays and adjusted
 * working days (调休) change every year and are published late in the year
 * before, so each year is data — shipped for past years, imported or sent by
 * the office for later ones. A year nobody has loaded is unknown, never
 * silently treated as plain weekdays (DESIGN.md, Calendars).
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'calendar.date');

export const yearCalendar = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Dates off work, weekends inside a holiday included. */
    holidays: z.array(isoDate).max(120),
    /** Weekend dates that are working days (调休). */
    workdays: z.array(isoDate).max(30),
    source: z.string().trim().min(1).max(60),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const prefix = `${cal.year}-`;
    for (const d of [...cal.holidays, ...cal.workdays]) {
      if (!d.startsWith(prefix) || !isRealDate(d)) ctx.addIssue({ code: 'custom', message: 'calendar.dateYear', path: ['holidays'] });
    }
    const off = new Set(cal.holidays);
    if (cal.workdays.some((d) => off.has(d))) ctx.addIssue({ code: 'custom', message: 'calendar.both', path: ['workdays'] });
  });

export type YearCalendar = z.output<typeof yearCalendar>;

/** A file of one or more years, as the office or an administrator provides it. */
export const calendarFile = z.object({ years: z.array(yearCalendar).min(1).max(20) }).strict();

export function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/** `YYYY-MM-DD` of a local date. Local, not UTC: the day is the user's day. */
export function isoDay(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

export type DayKind = { kind: 'work'; adjusted: boolean } | { kind: 'rest'; holiday: boolean } | { kind: 'unknown'; year: number };

export class WorkCalendar {
  private readonly years = new Map<number, { holidays: Set<string>; workdays: Set<string>; source: string }>();

  constructor(calendars: readonly YearCalendar[]) {
    for (const c of calendars) this.years.set(c.year, { holidays: new Set(c.holidays), workdays: new Set(c.workdays), source: c.source });
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  dayKind(date: Date): DayKind {
    const year = this.years.get(date.getFullYear());
    if (!year) return { kind: 'unknown', year: date.getFullYear() };
    const iso = isoDay(date);
    if (year.workdays.has(iso)) return { kind: 'work', adjusted: true };
    if (year.holidays.has(iso)) return { kind: 'rest', holiday: true };
    const weekday = date.getDay();
    return weekday === 0 || weekday === 6 ? { kind: 'rest', holiday: false } : { kind: 'work', adjusted: false };
  }
}
