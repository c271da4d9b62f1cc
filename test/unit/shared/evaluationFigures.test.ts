import { describe, expect, it } from 'vitest';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';
import { WorkCalendar } from '../../../shared/calendar/calendar';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';
import { expectedSlots } from '../../../shared/checkins/slots';
import { assessedPeriod, yearFigures, type YearFacts } from '../../../shared/evaluation/ledgerFigures';
import { DEFAULT_COVERAGE_POLICY, type ScanFacts } from '../../../shared/rules/scanCoverage';

const calendar = new WorkCalendar(BUNDLED_CALENDARS);
const t = (local: string) => new Date(local).getTime();
const H = 3_600_000;

function facts(over: Partial<YearFacts>): YearFacts {
  return {
    year: 2026,
    since: t('2025-06-01T00:00:00'),
    now: t('2027-01-10T09:00:00'),
    area: 'urban',
    calendar,
    schedule: DEFAULT_SCHEDULE,
    coverage: DEFAULT_COVERAGE_POLICY,
    checkins: [],
    devices: [],
    scans: [],
    dutyDates: [],
    faults: [],
    trainings: [],
    staff: [],
    incidents: [],
    inspections: [],
    copyFilings: [],
    backupDays: [],
    ...over,
  };
}

describe('the assessed period', () => {
  it.each([
    ['a year gone by', t('2025-06-01T00:00:00'), t('2027-01-10T09:00:00'), '2026-01-01', '2026-12-31', 365],
    ['joined mid-year', t('2026-07-01T10:00:00'), t('2027-01-10T09:00:00'), '2026-07-01', '2026-12-31', 184],
    ['a year still running', t('2025-06-01T00:00:00'), t('2026-12-04T16:00:00'), '2026-01-01', '2026-12-04', 338],
    ['joined after the year', t('2027-02-01T00:00:00'), t('2027-03-01T00:00:00'), '2027-02-01', '2026-12-31', 0],
  ])('%s', (_name, since, now, from, to, covered) => {
    expect(assessedPeriod(2026, since, now)).toEqual({ from, to, coveredDays: covered, periodDays: 365 });
  });

  it('marks every figure of a part year provisional, and none of a whole one', () => {
    const part = yearFigures(facts({ since: t('2026-07-01T10:00:00') }));
    expect(Object.values(part).every((v) => v.provisional && v.coveredDays === 184 && v.periodDays === 365)).toBe(true);
    const whole = yearFigures(facts({}));
    expect(Object.values(whole).some((v) => v.provisional)).toBe(false);
  });
});

describe('inbox checks on time', () => {
  const slotsOn = (day: string) => {
    const e = expectedSlots(new Date(`${day}T00:00:00`), calendar, DEFAULT_SCHEDULE);
    if (e.status !== 'work') throw new Error(day);
    return e.slots;
  };

  it('is the share of the period’s slots checked on time, by the same rule as the day view', () => {
    const monday = slotsOn('2026-11-23');
    const tuesday = slotsOn('2026-11-24');
    const checkins = [
      ...monday.map((s, i) => ({ id: `m${i}`, officerId: 'o', at: s.at + 60_000 })),
      // 08:45 on Tuesday is late for 08:30 (its window closed at 08:40), not on time for anything.
      { id: 't0', officerId: 'o', at: tuesday[0]!.at + 15 * 60_000 },
    ];
    const f = yearFigures(facts({ since: t('2026-11-23T00:00:00'), now: t('2026-11-25T00:00:00'), checkins }));
    expect(f.checkinOnTimeRate!.value).toBeCloseTo(monday.length / (monday.length + tuesday.length), 9);
    expect(f.checkinOnTimeRate!.provisional).toBe(true);
  });

  it('is unknown, not zero, in a year without a calendar', () => {
    const f = yearFigures(facts({ year: 2031, since: t('2030-01-01T00:00:00'), now: t('2032-01-05T00:00:00') }));
    expect(f.checkinOnTimeRate).toMatchObject({ value: null, provisional: true });
    expect(f.dutyLogCoverage).toMatchObject({ value: null, provisional: true });
  });
});

describe('duty-log coverage of working days', () => {
  it('counts working days with a log, skipping rest days', () => {
    const logged = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-14'];
    const f = yearFigures(facts({ since: t('2026-11-02T00:00:00'), now: t('2026-11-14T10:00:00'), dutyDates: logged }));
    // Ten working days (2–6, 9–13 November), eight logged; the Saturday log counts for nothing.
    expect(f.dutyLogCoverage!.value).toBeCloseTo(0.8, 9);
  });

  it('does not count today as missed before it is over', () => {
    const logged = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12'];
    const f = yearFigures(facts({ since: t('2026-11-09T00:00:00'), now: t('2026-11-13T10:00:00'), dutyDates: logged }));
    expect(f.dutyLogCoverage!.value).toBe(1);
  });
});

describe('virus scans over the year', () => {
  const scan = (deviceId: string, scannedOn: string, signatureDate = scannedOn): ScanFacts => ({ id: `${deviceId}-${scannedOn}`, deviceId, scannedOn, signatureDate, threats: 0, resolved: false, createdAt: 0 });
  const device = (id: string, created: string, retired: string | null = null) => ({ id, createdAt: t(`${created}T09:00:00`), retiredAt: retired === null ? null : t(`${retired}T09:00:00`), internetCapable: false, isolationCard: false });

  it('is the share of whole weeks each computer in service was scanned in', () => {
    const f = yearFigures(
      facts({
        since: t('2026-11-02T00:00:00'),
        now: t('2026-11-22T18:00:00'),
        // Weeks: 2–8, 9–15, 16–22 November.
        devices: [device('A', '2025-01-01'), device('B', '2026-11-10'), device('C', '2025-01-01', '2026-11-12')],
        scans: [scan('A', '2026-11-03'), scan('A', '2026-11-04'), scan('A', '2026-11-17'), scan('B', '2026-11-20'), scan('C', '2026-11-11')],
      }),
    );
    // A: weeks 1 and 3 of 3; B: due only in week 3, scanned; C: due only in week 1, not scanned then.
    expect(f.scanCoverage!.value).toBeCloseTo(3 / 5, 9);
  });

  it('is unknown with no computer, or before a whole week has passed', () => {
    expect(yearFigures(facts({})).scanCoverage!.value).toBeNull();
    const f = yearFigures(facts({ since: t('2026-12-01T00:00:00'), now: t('2026-12-04T10:00:00'), devices: [device('A', '2025-01-01')] }));
    expect(f.scanCoverage!.value).toBeNull();
  });

  it('counts scans whose signatures were at most the policy’s age on the day', () => {
    const scans = [scan('A', '2026-05-20', '2026-05-17'), scan('A', '2026-05-27', '2026-05-13'), scan('A', '2026-06-03', '2026-05-19'), scan('A', '2025-12-01', '2025-01-01')];
    expect(yearFigures(facts({ scans })).signatureFreshness!.value).toBeCloseTo(2 / 3, 9);
  });
});

describe('faults', () => {
  const fault = (reported: string, arrivedAfterH: number | null, extra: { urges?: number[]; cause?: 'network' | null; decidedPct?: number | null } = {}) => {
    const reportedAt = t(reported);
    return {
      reportedAt,
      urges: (extra.urges ?? []).map((h) => reportedAt + h * H),
      arrivedAt: arrivedAfterH === null ? null : reportedAt + arrivedAfterH * H,
      resolvedAt: arrivedAfterH === null ? null : reportedAt + (arrivedAfterH + 1) * H,
      cause: extra.cause ?? (arrivedAfterH === null ? null : ('hardware' as const)),
      serious: false,
      decidedPct: extra.decidedPct ?? null,
    };
  };

  it('rates arrivals whose outcome is known and counts deductions decided or proposed', () => {
    const f = yearFigures(
      facts({
        now: t('2026-12-04T16:00:00'),
        faults: [
          fault('2026-03-02T09:00:00', 0.5, { cause: 'network', decidedPct: 0 }),
          fault('2026-04-02T09:00:00', 2, { urges: [1.1, 1.3, 1.6] }),
          fault('2026-05-02T09:00:00', null, { decidedPct: null }),
          fault('2026-12-04T15:50:00', null),
          fault('2025-12-30T09:00:00', 5),
        ],
      }),
    );
    expect(f.faultArrivalOnTime!.value).toBeCloseTo(1 / 3, 9);
    expect(f.faultDeductions!.value).toBe(1);
  });

  it('does not rate arrivals when no fault was reported', () => {
    expect(yearFigures(facts({})).faultArrivalOnTime!.value).toBeNull();
  });
});

describe('training, isolation, incidents, inspections, filings and backups', () => {
  it('counts trainings of the year and who of the staff attended, whatever the spacing of their names', () => {
    const f = yearFigures(
      facts({
        staff: ['张 三', '李四', '王五', ''],
        trainings: [
          { heldOn: '2026-04-10', attendees: ['张三', '赵六'] },
          { heldOn: '2026-09-10', attendees: ['李四'] },
          { heldOn: '2025-09-10', attendees: ['王五'] },
        ],
      }),
    );
    expect(f.trainingsHeld!.value).toBe(2);
    expect(f.trainingAttendance!.value).toBeCloseTo(2 / 3, 9);
    expect(yearFigures(facts({})).trainingAttendance!.value).toBeNull();
  });

  it('counts computers on the internet without an isolation card at the period’s end', () => {
    const d = (id: string, internetCapable: boolean, isolationCard: boolean, retired: string | null = null) => ({ id, createdAt: t('2025-01-01T00:00:00'), retiredAt: retired === null ? null : t(retired), internetCapable, isolationCard });
    const f = yearFigures(facts({ devices: [d('a', true, false), d('b', true, true), d('c', false, false), d('d', true, false, '2026-06-01T00:00:00'), d('e', true, false, '2027-01-05T00:00:00')] }));
    expect(f.isolationViolations!.value).toBe(2);
  });

  it('takes the slowest report of an incident, an unreported one counting to the period’s end', () => {
    const f = yearFigures(
      facts({
        now: t('2026-12-04T12:00:00'),
        incidents: [
          { occurredAt: t('2026-03-01T09:00:00'), reportedAt: t('2026-03-01T12:00:00') },
          { occurredAt: t('2026-06-01T09:00:00'), reportedAt: t('2026-06-01T10:00:00') },
        ],
      }),
    );
    expect(f.incidentsReported!.value).toBe(2);
    expect(f.incidentReportHours!.value).toBe(3);
    const open = yearFigures(facts({ now: t('2026-12-04T12:00:00'), incidents: [{ occurredAt: t('2026-12-04T08:00:00'), reportedAt: null }] }));
    expect(open.incidentReportHours!.value).toBe(4);
    expect(open.incidentsReported!.value).toBe(0);
    expect(yearFigures(facts({})).incidentReportHours!.value).toBeNull();
  });

  it('rates follow-up over inspections that found something', () => {
    const f = yearFigures(
      facts({
        inspections: [
          { inspectedOn: '2026-03-01', hasIssue: true, followUpDone: true },
          { inspectedOn: '2026-05-01', hasIssue: true, followUpDone: false },
          { inspectedOn: '2026-06-01', hasIssue: false, followUpDone: false },
        ],
      }),
    );
    expect(f.inspectionsFollowedUp!.value).toBe(0.5);
    expect(yearFigures(facts({ inspections: [{ inspectedOn: '2026-06-01', hasIssue: false, followUpDone: false }] })).inspectionsFollowedUp!.value).toBeNull();
  });

  it('counts filings of the period and backups once a day', () => {
    const f = yearFigures(facts({ copyFilings: [{ copiedOn: '2026-02-01' }, { copiedOn: '2026-02-01' }, { copiedOn: '2025-12-31' }], backupDays: ['2026-02-01', '2026-02-01', '2026-02-02', '2027-01-02'] }));
    expect(f.copyFilings!.value).toBe(2);
    expect(f.backupsKept!.value).toBe(2);
  });
});

describe('bundles delivered on time (the office’s figure)', () => {
  it('is the share of months since enrolment with a bundle by the fifth of the next', () => {
    const f = yearFigures(
      facts({
        now: t('2026-07-03T10:00:00'),
        bundles: { enrolledAt: t('2026-03-15T10:00:00'), receivedAt: [t('2026-03-20T10:00:00'), t('2026-05-08T10:00:00')] },
      }),
    );
    // March: yes; April: the next arrived 8 May, past its grace; May: yes. June's grace has not passed.
    expect(f.bundlesOnTime!.value).toBeCloseTo(2 / 3, 9);
  });

  it('is left out on the unit’s side', () => {
    expect(yearFigures(facts({})).bundlesOnTime).toBeUndefined();
  });
});
