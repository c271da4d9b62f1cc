import { describe, expect, it } from 'vitest';
import { yearCalendar, type YearCalendar } from '../../../shared/calendar/calendar';
import { cycleDay, dayMark, monthGrid, startingYear } from '../../../shared/calendar/editor';

const empty: YearCalendar = { year: 2027, holidays: [], workdays: [], source: '平凉市信息办' };
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};
const clicks = (cal: YearCalendar, iso: string, n: number) => Array.from({ length: n }).reduce<YearCalendar>((c) => cycleDay(c, day(iso)), cal);

describe('clicking days of a year', () => {
  it.each([
    // 2027-10-01 is a Friday, 2027-10-09 a Saturday.
    ['a weekday, once: a holiday', '2027-10-01', 1, 'holiday'],
    ['a weekday, twice: back to a working day', '2027-10-01', 2, 'work'],
    ['a Saturday, once: a holiday (a weekend inside the break)', '2027-10-09', 1, 'holiday'],
    ['a Saturday, twice: an adjusted working day', '2027-10-09', 2, 'adjustedWork'],
    ['a Saturday, three times: a weekend again', '2027-10-09', 3, 'weekend'],
  ] as const)('%s', (_name, iso, n, mark) => {
    const cal = clicks(empty, iso, n);
    expect(dayMark(cal, day(iso))).toBe(mark);
    // Whatever was clicked, the year is one the calendar schema accepts.
    expect(yearCalendar.safeParse(cal).success).toBe(true);
  });

  it('keeps the lists sorted and each date in one list only', () => {
    let cal = clicks(empty, '2027-10-09', 2);
    cal = cycleDay(cal, day('2027-10-01'));
    cal = cycleDay(cal, day('2027-01-01'));
    expect(cal.holidays).toEqual(['2027-01-01', '2027-10-01']);
    expect(cal.workdays).toEqual(['2027-10-09']);
  });

  it('starts from the year as loaded, or from weekends alone', () => {
    const loaded: YearCalendar = { year: 2026, holidays: ['2026-01-01'], workdays: ['2026-01-04'], source: 'bundled' };
    const start = startingYear(2026, [loaded], '平凉市信息办');
    expect(start).toEqual({ ...loaded, source: '平凉市信息办' });
    expect(startingYear(2027, [loaded], '平凉市信息办')).toEqual(empty);
    // Editing the copy leaves the loaded year as it was.
    cycleDay(start, day('2026-01-02'));
    expect(loaded.holidays).toEqual(['2026-01-01']);
  });

  it('lays a month out from Monday', () => {
    const feb = monthGrid(2027, 1); // 1 February 2027 is a Monday
    expect(feb[0]).toEqual(day('2027-02-01'));
    expect(feb.filter((d) => d !== null)).toHaveLength(28);
    const may = monthGrid(2027, 4); // 1 May 2027 is a Saturday
    expect(may.slice(0, 5)).toEqual([null, null, null, null, null]);
  });
});
