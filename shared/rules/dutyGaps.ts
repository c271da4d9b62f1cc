import type { WorkCalendar } from '../calendar/calendar';
import { daysOfMonth } from './days';

/**
 * 第十二条, 第二十三条: the duty log is kept every working day. The month view
 * lists working days without a log. Today is not a gap until it is over (the
 * log is often written at the end of the day); days before the unit started
 * using the app are not due; a day in a year with no calendar is unknown,
 * never counted as a gap or as covered.
 */

export type DutyDayState = 'logged' | 'gap' | 'due' | 'rest' | 'notDue' | 'unknown' | 'future';

export interface DutyDay {
  date: string;
  state: DutyDayState;
}

export interface DutyMonth {
  days: DutyDay[];
  gaps: string[];
  workingDays: number;
  logged: number;
  /** The calendar does not cover the month: figures are provisional. */
  provisional: boolean;
}

export function dutyMonth(calendar: WorkCalendar, month: string, loggedDates: ReadonlySet<string>, today: string, since: string): DutyMonth {
  const days: DutyDay[] = [];
  let workingDays = 0;
  let logged = 0;
  let provisional = false;
  for (const date of daysOfMonth(month)) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const kind = calendar.dayKind(new Date(y, m - 1, d));
    const has = loggedDates.has(date);
    let state: DutyDayState;
    if (kind.kind === 'unknown') {
      provisional = true;
      state = has ? 'logged' : 'unknown';
    } else if (kind.kind === 'rest') state = has ? 'logged' : 'rest';
    else if (date < since) state = has ? 'logged' : 'notDue';
    else {
      workingDays += date <= today ? 1 : 0;
      if (has) state = 'logged';
      else if (date < today) state = 'gap';
      else if (date === today) state = 'due';
      else state = 'future';
    }
    if (has && kind.kind === 'work' && date >= since && date <= today) logged += 1;
    days.push({ date, state });
  }
  return { days, gaps: days.filter((d) => d.state === 'gap').map((d) => d.date), workingDays, logged, provisional };
}

