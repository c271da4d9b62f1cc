import type { UnitCoverage } from '../console/coverage';
import type { Verdict } from '../bundle/verdicts';

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
