import type { UnitCoverage } from '../console/coverage';
import type { UnitSummary } from '../console/summary';
import type { Verdict } from '../bundle/verdicts';
import type { SelfAssessment } from '../evaluation/selfAssessment';
import { lastMonths } from './unitHome';

/**
 * What the office's home page shows of the units, from the units view's own
 * rows (coverage, silence, compliance) and the received bundles' index.
 */

export type ReportingState = 'current' | 'gap' | 'silent';

/** A unit silent past the office's limit is not reporting, whatever it sent before; one with holes in its chain has a gap. */
export function reportingState(u: Pick<UnitCoverage, 'gaps'> & { silent: boolean }): ReportingState {
  if (u.silent) return 'silent';
  return u.gaps.length > 0 ? 'gap' : 'current';
}

/**
 * Bands of the inbox-check on-time rate, upper bounds exclusive but the
 * last: the example rubrics score 95 % and above in full and nothing under
 * 60 %, so those are the lines an auditor reads the spread by.
 */
export const COMPLIANCE_BANDS = [
  { key: 'under60', from: 0, to: 0.6 },
  { key: '60to80', from: 0.6, to: 0.8 },
  { key: '80to95', from: 0.8, to: 0.95 },
  { key: 'from95', from: 0.95, to: 1.0000001 },
] as const;
export type ComplianceBand = (typeof COMPLIANCE_BANDS)[number]['key'] | 'none';

export function complianceBand(rate: number | null): ComplianceBand {
  if (rate === null) return 'none';
  return COMPLIANCE_BANDS.find((b) => rate >= b.from && rate < b.to)?.key ?? 'from95';
}

export interface MonthArrivals {
  month: string;
  bundles: number;
  /** Units with at least one bundle received in the month. */
  units: number;
}

const monthOf = (t: number) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/** Bundles received per month, and how many units they came from, for the months given. */
export function monthlyArrivals(received: Iterable<{ unitId: string; receivedAt: number }>, months: readonly string[]): MonthArrivals[] {
  const byMonth = new Map(months.map((m) => [m, { bundles: 0, units: new Set<string>() }]));
  for (const b of received) {
    const slot = byMonth.get(monthOf(b.receivedAt));
    if (!slot) continue;
    slot.bundles += 1;
    slot.units.add(b.unitId);
  }
  return months.map((month) => ({ month, bundles: byMonth.get(month)!.bundles, units: byMonth.get(month)!.units.size }));
}

/** The verdicts of the last batch of files imported, counted. */
export function verdictCounts(verdicts: Iterable<Verdict>): Partial<Record<Verdict, number>> {
  const out: Partial<Record<Verdict, number>> = {};
  for (const v of verdicts) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** The home page's months of arrivals (the last twelve, this one included) and the first moment they count from, in local time. */
export function arrivalWindow(now: number): { months: string[]; from: number } {
  const months = lastMonths(now);
  const [year, month] = months[0]!.split('-').map(Number) as [number, number];
  return { months, from: new Date(year, month - 1, 1).getTime() };
}

/** A received self-assessment, as far as the home page counts it. */
export type SelfStanding = Pick<SelfAssessment, 'unitId' | 'year' | 'status' | 'retiredAt'>;

/**
 * What the office's home page shows of the data received from units: the
 * units view's rows, the bundles received month by month, and how many of
 * the units have submitted the year's self-assessment. The same for the
 * console's own database and for the PostgreSQL server.
 */
export interface OfficeReceived {
  units: UnitSummary[];
  arrivals: MonthArrivals[];
  selfSubmitted: number;
}

export function officeReceivedOf(units: UnitSummary[], received: Iterable<{ unitId: string; receivedAt: number }>, selfs: Iterable<SelfStanding>, now: number): OfficeReceived {
  const year = new Date(now).getFullYear();
  const listed = new Set(units.map((u) => u.unitId));
  let selfSubmitted = 0;
  for (const s of selfs) if (s.year === year && s.status === 'submitted' && s.retiredAt === null && listed.has(s.unitId)) selfSubmitted += 1;
  return { units, arrivals: monthlyArrivals(received, arrivalWindow(now).months), selfSubmitted };
}
