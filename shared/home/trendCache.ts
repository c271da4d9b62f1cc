import { z } from 'zod';
import { daysBetween } from '../rules/days';
import type { CoveragePolicy } from '../rules/scanCoverage';
import { lastDayOf, type MonthTrend } from './unitHome';

/**
 * The 12-month trend's figures of past months, kept so that reopening the
 * home page computes only the month still running. A kept month is valid only
 * while everything it was computed from is unchanged: the unit's change-log
 * head (any write, backfill or applied policy moves it), the scan coverage
 * setting (a local setting, outside the log) and which years the calendar
 * covers (the bundled years change with the app, not the log).
 */
export interface TrendBasis {
  seq: number;
  hash: string;
  coverage: CoveragePolicy;
  calendarYears: number[];
}

export interface TrendCache {
  basis: TrendBasis;
  months: Record<string, MonthTrend>;
}

/**
 * Days after a month's end before its figures stop moving with time alone: a
 * slot's late window lasts until the next working slot opens (the longest
 * State Council holiday run is 9 days) and a fault's arrival limit is hours.
 * Until then the month is recomputed like the current one.
 */
export const SETTLE_DAYS = 15;

export function settled(month: string, today: string): boolean {
  return daysBetween(lastDayOf(month), today) > SETTLE_DAYS;
}

export function sameBasis(a: TrendBasis, b: TrendBasis): boolean {
  return (
    a.seq === b.seq &&
    a.hash === b.hash &&
    a.coverage.periodDays === b.coverage.periodDays &&
    a.coverage.maxSignatureAgeDays === b.coverage.maxSignatureAgeDays &&
    a.calendarYears.join() === b.calendarYears.join()
  );
}

const figure = z.object({ value: z.number().nullable(), provisional: z.boolean(), coveredDays: z.number(), periodDays: z.number() }).strict();
const cacheSchema = z.object({
  basis: z.object({
    seq: z.number().int(),
    hash: z.string(),
    coverage: z.object({ periodDays: z.number(), maxSignatureAgeDays: z.number() }).strict(),
    calendarYears: z.array(z.number().int()),
  }),
  months: z.record(
    z.string().regex(/^\d{4}-\d{2}$/),
    z.object({ month: z.string(), checkinOnTimeRate: figure.optional(), scanCoverage: figure.optional(), faultArrivalOnTime: figure.optional() }),
  ),
});

/** The kept months as stored, or null when the row is missing or not what this version wrote. */
export function parseTrendCache(value: unknown): TrendCache | null {
  const p = cacheSchema.safeParse(value);
  if (!p.success) return null;
  const months: Record<string, MonthTrend> = {};
  for (const [k, m] of Object.entries(p.data.months)) {
    months[k] = { month: m.month, checkinOnTimeRate: m.checkinOnTimeRate, scanCoverage: m.scanCoverage, faultArrivalOnTime: m.faultArrivalOnTime };
  }
  return { basis: p.data.basis, months };
}
