import { describe, expect, it } from 'vitest';
import { scanCoverage, type ScanFacts } from '../../../shared/rules/scanCoverage';
import { dutyMonth } from '../../../shared/rules/dutyGaps';
import { trainingStatus, trainingsInYear } from '../../../shared/rules/training';
import { WorkCalendar } from '../../../shared/calendar/calendar';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';
import { daysBetween, daysOfMonth } from '../../../shared/rules/days';

const policy = { periodDays: 7, maxSignatureAgeDays: 14 };
let n = 0;
const scan = (deviceId: string, scannedOn: string, over: Partial<ScanFacts> = {}): ScanFacts => ({
  id: `s${++n}`, deviceId, scannedOn, signatureDate: scannedOn, threats: 0, resolved: true, createdAt: n, ...over,
});

describe('scan coverage (第二十二条)', () => {
  it.each([
    ['scanned today', [scan('d', '2026-11-24')], []],
    ['scanned exactly 7 days ago (weekly sweep, same weekday)', [scan('d', '2026-11-17')], []],
    ['scanned 8 days ago', [scan('d', '2026-11-16')], ['notRecent']],
    ['never scanned', [], ['neverScanned']],
    ['signatures 14 days old on the scan day', [scan('d', '2026-11-20', { signatureDate: '2026-11-06' })], []],
    ['signatures 15 days old on the scan day', [scan('d', '2026-11-20', { signatureDate: '2026-11-05' })], ['staleSignatures']],
    ['threats found, not resolved', [scan('d', '2026-11-20', { threats: 2, resolved: false })], ['unresolvedThreats']],
    ['threats found, then a clean scan', [scan('d', '2026-11-19', { threats: 2, resolved: false }), scan('d', '2026-11-20')], []],
    ['a clean scan, then the same day a scan with threats entered later', [scan('d', '2026-11-20'), scan('d', '2026-11-20', { threats: 1, resolved: false })], ['unresolvedThreats']],
    ['a scan dated in the future is not counted', [scan('d', '2026-12-01')], ['neverScanned']],
  ] as const)('%s', (_name, scans, problems) => {
    const result = scanCoverage(['d'], scans, policy, '2026-11-24');
    expect(result.devices[0]!.problems).toEqual(problems);
    expect(result.covered).toBe(problems.length === 0 ? 1 : 0);
  });

  it('counts only the active devices it is given, and the configured period', () => {
    const scans = [scan('a', '2026-11-10'), scan('b', '2026-11-23'), scan('retired', '2026-01-01')];
    const strict = scanCoverage(['a', 'b', 'c'], scans, policy, '2026-11-24');
    expect([strict.total, strict.covered, strict.unscanned]).toEqual([3, 1, 2]);
    const lenient = scanCoverage(['a', 'b', 'c'], scans, { periodDays: 30, maxSignatureAgeDays: 14 }, '2026-11-24');
    expect([lenient.covered, lenient.unscanned]).toEqual([2, 1]);
  });
});

describe('duty-log month gaps', () => {
  const calendar = new WorkCalendar(BUNDLED_CALENDARS);
  it('lists past working days without a log; weekends, holidays, today and the future are not gaps', () => {
    // October 2026: National Day holiday 1–7 (the 10th, a Saturday, is a 调休 working day).
    const logged = new Set(['2026-10-08', '2026-10-09']);
    const m = dutyMonth(calendar, '2026-10', logged, '2026-10-14', '2026-01-01');
    expect(m.gaps).toEqual(['2026-10-10', '2026-10-12', '2026-10-13']);
    expect(m.days.find((d) => d.date === '2026-10-14')!.state).toBe('due');
    expect(m.days.find((d) => d.date === '2026-10-15')!.state).toBe('future');
    expect(m.days.find((d) => d.date === '2026-10-03')!.state).toBe('rest');
    expect(m.workingDays).toBe(6);
    expect(m.logged).toBe(2);
    expect(m.provisional).toBe(false);
  });
  it('days before the unit started are not due', () => {
    const m = dutyMonth(calendar, '2026-11', new Set(), '2026-11-24', '2026-11-20');
    expect(m.gaps).toEqual(['2026-11-20', '2026-11-23']);
    expect(m.days.find((d) => d.date === '2026-11-19')!.state).toBe('notDue');
  });
  it('a month the calendar does not cover is provisional, never gaps', () => {
    const m = dutyMonth(calendar, '2027-01', new Set(['2027-01-04']), '2027-01-20', '2026-01-01');
    expect(m.provisional).toBe(true);
    expect(m.gaps).toEqual([]);
    expect(m.days.find((d) => d.date === '2027-01-05')!.state).toBe('unknown');
  });
});

describe('training (第四十二条)', () => {
  it.each([
    [['2026-03-01'], '2026-11-24', 'ok'],
    [['2025-03-01'], '2026-06-01', 'none'],
    [['2025-12-01'], '2026-11-01', 'noneLate'],
  ] as const)('%j on %s → %s', (dates, today, status) => {
    expect(trainingStatus(dates, today)).toBe(status);
  });
  it('counts a year', () => expect(trainingsInYear(['2026-01-01', '2026-12-31', '2025-12-31'], 2026)).toBe(2));
});

describe('day arithmetic', () => {
  it('is not fooled by month ends or leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysOfMonth('2024-02')).toHaveLength(29);
    expect(daysOfMonth('2026-02')).toHaveLength(28);
  });
});
