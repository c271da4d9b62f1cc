import { describe, expect, it } from 'vitest';
import { asOfPeriod, inPeriod, monthPeriod, periodAround, rangePeriod, yearPeriod } from '../../../renderer/ui/paperPeriod';
import { documentFileName } from '../../../renderer/ui/savePdf';

// What a form says it covers, and which records fall in it: the header of
// every printed form, and the dialog's count before printing.
describe('form periods', () => {
  it('a month runs from its first to its last day, February of a leap year included', () => {
    expect(monthPeriod('2026-12')).toEqual({ kind: 'month', from: '2026-12-01', to: '2026-12-31', label: '2026年12月' });
    expect(monthPeriod('2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29', label: '2028年2月' });
  });

  it('a year, a span of days (one day written once), and the state on a day', () => {
    expect(yearPeriod(2026)).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: '2026年' });
    expect(rangePeriod('2026-12-01', '2026-12-07').label).toBe('2026-12-01 至 2026-12-07');
    expect(rangePeriod('2026-12-07', '2026-12-07').label).toBe('2026-12-07');
    expect(asOfPeriod('2026-12-07')).toMatchObject({ from: '2026-12-07', to: '2026-12-07', label: '截至 2026-12-07' });
  });

  it('the period first offered is the one around today; a span starts at the month\'s first day', () => {
    const now = new Date(2026, 11, 7, 10, 0).getTime();
    expect(periodAround('month', now).label).toBe('2026年12月');
    expect(periodAround('year', now).label).toBe('2026年');
    expect(periodAround('range', now)).toMatchObject({ from: '2026-12-01', to: '2026-12-07' });
    expect(periodAround('asOf', now).to).toBe('2026-12-07');
  });

  it('both ends belong to the period', () => {
    const december = monthPeriod('2026-12');
    expect(['2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01'].map((d) => inPeriod(d, december))).toEqual([false, true, true, false]);
  });
});

describe('document file names', () => {
  it('replace what a file name may not hold and stay within the save channel\'s length', () => {
    expect(documentFileName('庄浪县/办公室: 维修单 2026-12-07 0400')).toBe('庄浪县_办公室_ 维修单 2026-12-07 0400.pdf');
    const long = documentFileName('单'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
