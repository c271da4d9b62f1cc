import dayjs from 'dayjs';
import { chinese } from '../i18n';

/** What a form covers: a month (值班日志), a year (培训记录), any span of days (查杀记录), or the state on a day (the register). */
export type PeriodKind = 'month' | 'year' | 'range' | 'asOf';

/** Inclusive ISO days, and the period as the form prints it. */
export interface PaperPeriod {
  kind: PeriodKind;
  from: string;
  to: string;
  label: string;
}

export function monthPeriod(month: string): PaperPeriod {
  const first = dayjs(`${month}-01`);
  return { kind: 'month', from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD'), label: chinese('paper.period.month', { year: first.year(), month: first.month() + 1 }) };
}

export function yearPeriod(year: number): PaperPeriod {
  return { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31`, label: chinese('paper.period.year', { year }) };
}

export function rangePeriod(from: string, to: string): PaperPeriod {
  return { kind: 'range', from, to, label: from === to ? from : chinese('paper.period.range', { from, to }) };
}

export function asOfPeriod(day: string): PaperPeriod {
  return { kind: 'asOf', from: day, to: day, label: chinese('paper.period.asOf', { day }) };
}

/** The usual period to print on a day: its month, its year, the month so far, or the day. */
export function periodAround(kind: PeriodKind, now: number): PaperPeriod {
  const d = dayjs(now);
  if (kind === 'month') return monthPeriod(d.format('YYYY-MM'));
  if (kind === 'year') return yearPeriod(d.year());
  if (kind === 'range') return rangePeriod(d.startOf('month').format('YYYY-MM-DD'), d.format('YYYY-MM-DD'));
  return asOfPeriod(d.format('YYYY-MM-DD'));
}

export function inPeriod(day: string, period: PaperPeriod): boolean {
  return day >= period.from && day <= period.to;
}
