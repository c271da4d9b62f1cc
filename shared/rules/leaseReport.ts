import { assessFault, outsideBand, type FaultAssessment, type FaultFacts, type UnitArea } from './faultSla';

/**
 * The month's lease-fee deduction report per maintainer (第四十四条(一)). A
 * ticket belongs to the month in which the fault was reported, even when it
 * is resolved the next month: the article cuts "当月" — the month the
 * maintainer failed in.
 */

export interface ReportTicket extends FaultFacts {
  id: string;
  maintainerId: string;
  description: string;
  /** The percentage the office decided, once it has. */
  decidedPct: number | null;
}

export interface ReportLine {
  ticket: ReportTicket;
  assessment: FaultAssessment;
  /** The decided percentage lies outside the proposed band (or cuts where none is proposed). */
  outsideBand: boolean;
}

export interface MaintainerMonth {
  maintainerId: string;
  lines: ReportLine[];
  onTime: number;
  late: number;
  /** Sum of the proposed bands' bounds, in percent, capped at 100. */
  proposedMin: number;
  proposedMax: number;
  /** Sum of decided percentages, capped at 100: a month's fee cannot be cut below nothing. */
  decidedPct: number;
  /** Tickets with a proposed band and no decision yet. */
  undecided: number;
  /** Tickets whose decision lies outside the proposed band. */
  outsideBand: number;
  fee: number | null;
  decidedAmount: number | null;
}

/** `YYYY-MM` of a local time. */
export function monthOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const cap = (pct: number) => Math.min(100, pct);

export function monthlyLeaseReport(
  tickets: readonly ReportTicket[],
  month: string,
  area: UnitArea,
  fees: ReadonlyMap<string, number>,
  now: number,
): MaintainerMonth[] {
  const byMaintainer = new Map<string, ReportLine[]>();
  for (const ticket of tickets) {
    if (monthOf(ticket.reportedAt) !== month) continue;
    const lines = byMaintainer.get(ticket.maintainerId) ?? [];
    const assessment = assessFault(ticket, area, now);
    lines.push({ ticket, assessment, outsideBand: outsideBand(ticket.decidedPct, assessment.proposed) });
    byMaintainer.set(ticket.maintainerId, lines);
  }
  return [...byMaintainer].map(([maintainerId, lines]) => {
    lines.sort((a, b) => a.ticket.reportedAt - b.ticket.reportedAt);
    let proposedMin = 0;
    let proposedMax = 0;
    let decided = 0;
    let undecided = 0;
    for (const { ticket, assessment } of lines) {
      if (assessment.proposed) {
        proposedMin += assessment.proposed.min;
        proposedMax += assessment.proposed.max;
        if (ticket.decidedPct === null) undecided += 1;
      }
      decided += ticket.decidedPct ?? 0;
    }
    const fee = fees.get(maintainerId) ?? null;
    const decidedPct = cap(decided);
    return {
      maintainerId,
      lines,
      onTime: lines.filter((l) => l.assessment.state === 'onTime').length,
      late: lines.filter((l) => l.assessment.state === 'late' || l.assessment.state === 'overdue').length,
      proposedMin: cap(proposedMin),
      proposedMax: cap(proposedMax),
      decidedPct,
      undecided,
      outsideBand: lines.filter((l) => l.outsideBand).length,
      fee,
      decidedAmount: fee === null ? null : Math.round(fee * decidedPct) / 100,
    };
  });
}
