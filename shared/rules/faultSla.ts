/**
 * 第四十四条(一): after a fault report the maintainer must arrive within 1 hour
 * for an urban unit and 3 hours for a township unit. The consequences the app
 * proposes follow the article; the percentage inside a band is the office's
 * decision, recorded separately.
 *
 * Everything is computed from the times recorded, never from the order in
 * which they were entered: a resolution typed before the arrival, or an
 * arrival recorded after the resolution, gives the same result.
 */

export type UnitArea = 'urban' | 'township';

export const ARRIVAL_LIMIT_MS: Record<UnitArea, number> = {
  urban: 60 * 60 * 1000,
  township: 3 * 60 * 60 * 1000,
};

export const FAULT_CAUSES = ['network', 'misoperation', 'staffChange', 'power', 'hardware', 'other'] as const;
export type FaultCause = (typeof FAULT_CAUSES)[number];

/** The times and facts of a ticket the rule reads. */
export interface FaultFacts {
  reportedAt: number;
  urges: readonly number[];
  arrivedAt: number | null;
  resolvedAt: number | null;
  cause: FaultCause | null;
  /** A misoperation that caused a serious fault or repeated faults. */
  serious: boolean;
}

export type BandReason = 'lateAfterThreeUrges' | 'networkCaused' | 'seriousMisoperation';

export interface DeductionBand {
  reason: BandReason;
  /** Percent of that month's lease fee. */
  min: number;
  max: number;
}

export const BANDS: Record<BandReason, DeductionBand> = {
  lateAfterThreeUrges: { reason: 'lateAfterThreeUrges', min: 5, max: 10 },
  networkCaused: { reason: 'networkCaused', min: 10, max: 30 },
  seriousMisoperation: { reason: 'seriousMisoperation', min: 10, max: 30 },
};

/** Urges the article counts: three of them, made while still waiting. */
export const URGES_FOR_DEDUCTION = 3;

export type ArrivalState =
  /** not arrived, deadline not passed */
  | 'waiting'
  /** not arrived and the deadline has passed */
  | 'overdue'
  | 'onTime'
  | 'late';

export interface FaultAssessment {
  deadline: number;
  /** When help was there: the arrival, or the resolution if that came first (fixed remotely). */
  arrival: number | null;
  state: ArrivalState;
  /** Milliseconds until the deadline (negative when past); for a live countdown. */
  remaining: number;
  /** Urges made before help arrived (or so far). */
  urges: number;
  closed: boolean;
  /** Every band the facts fall into. */
  bands: DeductionBand[];
  /** The band to propose: the widest consequence, since one fault is cut once. */
  proposed: DeductionBand | null;
  /** Staff of the unit changed parameters or equipment: a notice (通报批评), no cut. */
  notice: boolean;
}

export function assessFault(facts: FaultFacts, area: UnitArea, now: number): FaultAssessment {
  const deadline = facts.reportedAt + ARRIVAL_LIMIT_MS[area];
  const candidates = [facts.arrivedAt, facts.resolvedAt].filter((t): t is number => t !== null);
  const arrival = candidates.length > 0 ? Math.min(...candidates) : null;
  let state: ArrivalState;
  // Exactly at the deadline is in time: "within 1 hour" includes the hour.
  if (arrival !== null) state = arrival <= deadline ? 'onTime' : 'late';
  else state = now <= deadline ? 'waiting' : 'overdue';
  const until = arrival ?? Number.POSITIVE_INFINITY;
  const urges = facts.urges.filter((u) => u >= facts.reportedAt && u <= until).length;
  const closed = facts.resolvedAt !== null;

  const bands: DeductionBand[] = [];
  const lateOrOverdue = state === 'late' || state === 'overdue';
  if (lateOrOverdue && urges >= URGES_FOR_DEDUCTION) bands.push(BANDS.lateAfterThreeUrges);
  if (closed && facts.cause === 'network') bands.push(BANDS.networkCaused);
  if (closed && facts.cause === 'misoperation' && facts.serious) bands.push(BANDS.seriousMisoperation);
  const proposed = bands.reduce<DeductionBand | null>((best, b) => (best === null || b.max > best.max ? b : best), null);
  return {
    deadline,
    arrival,
    state,
    remaining: deadline - now,
    urges,
    closed,
    bands,
    proposed,
    notice: closed && facts.cause === 'staffChange',
  };
}

/**
 * A decided percentage the proposal does not support: outside the proposed
 * band, or a cut where the article proposes none. The office may still
 * decide it (the band is a proposal), but it is confirmed when entered and
 * marked in the month's report, so a typo of 50 for 5 does not pass unseen.
 */
export function outsideBand(decidedPct: number | null, proposed: DeductionBand | null): boolean {
  if (decidedPct === null) return false;
  if (proposed === null) return decidedPct > 0;
  return decidedPct < proposed.min || decidedPct > proposed.max;
}
