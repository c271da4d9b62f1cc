import { describe, expect, it } from 'vitest';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';
import { WorkCalendar } from '../../../shared/calendar/calendar';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';
import type { YearFacts } from '../../../shared/evaluation/ledgerFigures';
import { complianceBand, monthlyArrivals, reportingState, verdictCounts } from '../../../shared/home/officeHome';
import { lastMonths, monthlyTrends, unitHome, type UnitHomeInput } from '../../../shared/home/unitHome';
import type { FaultFacts } from '../../../shared/rules/faultSla';
import { parseRange } from '../../../shared/rules/ipRanges';
import { coverageFrom, DEFAULT_COVERAGE_POLICY, type ScanFacts } from '../../../shared/rules/scanCoverage';
import { sameBasis, settled } from '../../../shared/home/trendCache';

const calendar = new WorkCalendar(BUNDLED_CALENDARS);
const t = (local: string) => new Date(local).getTime();
const H = 3_600_000;
const NOW = t('2026-05-20T10:00:00');

function facts(over: Partial<YearFacts> = {}): YearFacts {
  return {
    year: 2026,
    since: t('2026-01-01T00:00:00'),
    now: NOW,
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
    ...over,
  };
}

const fault = (reportedAt: number, arrivedAt: number | null, resolvedAt: number | null = arrivedAt): FaultFacts & { id: string; decidedPct: null } => ({
  id: String(reportedAt),
  reportedAt,
  urges: [],
  arrivedAt,
  resolvedAt,
  cause: null,
  serious: false,
  decidedPct: null,
});

const scan = (deviceId: string, scannedOn: string): ScanFacts => ({ id: `${deviceId}-${scannedOn}`, deviceId, scannedOn, signatureDate: scannedOn, threats: 0, resolved: true, createdAt: t(`${scannedOn}T09:00:00`) });

function input(over: Partial<UnitHomeInput<ReturnType<typeof fault>>> = {}, f: Partial<YearFacts> = {}): UnitHomeInput<ReturnType<typeof fault>> {
  return { facts: facts(f), devices: [], faults: [], ranges: [], lastBackupDay: '2026-05-19', lastExportAt: NOW - 5 * 24 * H, ...over };
}

describe('the last twelve months', () => {
  it('ends with the month of now, oldest first, across the turn of the year', () => {
    expect(lastMonths(t('2026-03-15T12:00:00'))).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  });
});

describe('monthly trends by the evaluation figures', () => {
  const device = { id: 'd1', createdAt: t('2025-12-01T00:00:00'), retiredAt: null, internetCapable: false, isolationCard: false };

  it('counts each month on its own: scans weekly in March only, a fault on time in March and a late one in April', () => {
    const march = ['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-22'].map((d) => scan('d1', d));
    const trends = monthlyTrends(
      facts({ devices: [device], scans: march, faults: [fault(t('2026-03-10T09:00:00'), t('2026-03-10T09:30:00')), fault(t('2026-04-10T09:00:00'), t('2026-04-10T11:00:00'))] }),
      ['2026-02', '2026-03', '2026-04', '2026-06'],
    );
    expect(trends.map((m) => m.scanCoverage?.value)).toEqual([0, 1, 0, null]);
    expect(trends.map((m) => m.faultArrivalOnTime?.value)).toEqual([null, 1, 0, null]);
    // A month still running is a part month, and one not yet begun has nothing due.
    expect(trends[2]!.scanCoverage?.provisional).toBe(false);
    expect(trends[3]!.checkinOnTimeRate?.value).toBeNull();
  });

  it('gives nothing for months before the unit began', () => {
    const [before] = monthlyTrends(facts({ since: t('2026-04-01T00:00:00'), devices: [device] }), ['2026-02']);
    expect(before!.scanCoverage?.value).toBeNull();
    expect(before!.checkinOnTimeRate?.value).toBeNull();
  });
});

describe('the unit home figures', () => {
  it('lists open tickets nearest deadline first, with the live state', () => {
    const h = unitHome(input({ faults: [fault(NOW - 30 * 60_000, null), fault(NOW - 2 * H, null), fault(NOW - 3 * H, NOW - 2 * H)] }));
    expect(h.openTickets.map((o) => o.fault.reportedAt)).toEqual([NOW - 2 * H, NOW - 30 * 60_000]);
    expect(h.openTickets.map((o) => o.assessment.state)).toEqual(['overdue', 'waiting']);
  });

  it('counts violations and devices outside the assigned ranges among those in use; no ranges, nothing to be outside of', () => {
    const devices = [
      { id: 'a', ip: '10.30.1.5', internetCapable: true, isolationCard: false, retiredAt: null },
      { id: 'b', ip: '10.99.1.5', internetCapable: true, isolationCard: true, retiredAt: null },
      { id: 'c', ip: '10.99.1.6', internetCapable: true, isolationCard: false, retiredAt: NOW - H },
    ];
    const range = parseRange('10.30.1.0/24');
    if (!range.ok) throw new Error('range');
    expect(unitHome(input({ devices })).violations).toBe(1);
    expect(unitHome(input({ devices })).outsideRanges).toBeNull();
    expect(unitHome(input({ devices, ranges: [range.value] })).outsideRanges).toBe(1);
    expect(unitHome(input({ devices })).scan).toMatchObject({ total: 2, covered: 0, overdue: 2 });
  });

  it('flags a backup older than a week and an export older than the office allows before it lists a unit as silent', () => {
    expect(unitHome(input()).backup.overdue).toBe(false);
    expect(unitHome(input({ lastBackupDay: '2026-05-13' })).backup.overdue).toBe(false);
    expect(unitHome(input({ lastBackupDay: '2026-05-12' })).backup.overdue).toBe(true);
    expect(unitHome(input({ lastBackupDay: null })).backup.overdue).toBe(true);
    expect(unitHome(input()).export.overdue).toBe(false);
    expect(unitHome(input({ lastExportAt: NOW - 32 * 24 * H })).export.overdue).toBe(true);
    expect(unitHome(input({ lastExportAt: null })).export.overdue).toBe(true);
  });

  it('counts this month’s working days without a duty log (today is not missed yet) and the year’s trainings', () => {
    const h = unitHome(input({}, { dutyDates: ['2026-05-06', '2026-05-07'], trainings: [{ heldOn: '2026-03-02', attendees: [] }] }));
    expect(h.duty.month).toBe('2026-05');
    // May 2026: 4–5 May are the Labour Day holiday, 9 May a working Saturday; the 20th is today.
    expect(h.duty.gaps).not.toContain('2026-05-20');
    expect(h.duty.gaps).not.toContain('2026-05-06');
    expect(h.duty.gaps).toContain('2026-05-08');
    expect(h.duty.logged).toBe(2);
    expect(h.training).toEqual({ year: 2026, held: 1, status: 'ok' });
    expect(unitHome(input()).training.status).toBe('none');
  });
});

describe('the office home figures', () => {
  it('puts each unit in one reporting state: silence first, then gaps', () => {
    expect(reportingState({ silent: true, gaps: [{ from: 1, to: 2 }] })).toBe('silent');
    expect(reportingState({ silent: false, gaps: [{ from: 1, to: 2 }] })).toBe('gap');
    expect(reportingState({ silent: false, gaps: [] })).toBe('current');
  });

  it('bands the on-time rate at the example rubrics’ lines', () => {
    expect([null, 0, 0.5999, 0.6, 0.8, 0.9499, 0.95, 1].map(complianceBand)).toEqual(['none', 'under60', 'under60', '60to80', '80to95', '80to95', 'from95', 'from95']);
  });

  it('counts bundles and distinct units per month, leaving out months not asked for', () => {
    const arrivals = monthlyArrivals(
      [
        { unitId: 'a', receivedAt: t('2026-04-02T10:00:00') },
        { unitId: 'a', receivedAt: t('2026-04-20T10:00:00') },
        { unitId: 'b', receivedAt: t('2026-04-21T10:00:00') },
        { unitId: 'b', receivedAt: t('2025-01-21T10:00:00') },
      ],
      ['2026-03', '2026-04'],
    );
    expect(arrivals).toEqual([
      { month: '2026-03', bundles: 0, units: 0 },
      { month: '2026-04', bundles: 3, units: 2 },
    ]);
    expect(verdictCounts(['valid', 'valid', 'duplicate'])).toEqual({ valid: 2, duplicate: 1 });
  });
});

describe('which trend months may be kept', () => {
  it('keeps a month once it ended more than the settling days ago, and only for the same basis', () => {
    expect(settled('2026-04', '2026-05-20')).toBe(true);
    expect(settled('2026-04', '2026-05-10')).toBe(false);
    expect(settled('2026-05', '2026-05-20')).toBe(false);
    const basis = { seq: 12, hash: 'ab', coverage: DEFAULT_COVERAGE_POLICY, calendarYears: [2025, 2026] };
    expect(sameBasis(basis, { ...basis })).toBe(true);
    expect(sameBasis(basis, { ...basis, seq: 13 })).toBe(false);
    expect(sameBasis(basis, { ...basis, hash: 'cd' })).toBe(false);
    expect(sameBasis(basis, { ...basis, coverage: { periodDays: 7, maxSignatureAgeDays: 30 } })).toBe(false);
    expect(sameBasis(basis, { ...basis, calendarYears: [2025, 2026, 2027] })).toBe(false);
  });

  it('judges the coverage now from the scans of the last period', () => {
    expect(coverageFrom(DEFAULT_COVERAGE_POLICY, '2026-03-03')).toBe('2026-02-24');
  });
});
