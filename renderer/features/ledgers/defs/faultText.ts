import type { Fault } from '../../../../shared/ledgers/fault';
import { assessFault, outsideBand, type FaultAssessment, type FaultCause } from '../../../../shared/rules/faultSla';
import type { LedgerContext } from '../types';

/** Money as the lease report writes it: yuan with two decimals; a fee not set is a dash. */
export const money = (n: number | null) => (n === null ? '—' : n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export function assess(r: Fault, ctx: LedgerContext): FaultAssessment {
  return assessFault(r, ctx.unit.area, ctx.now);
}

function minutes(ms: number): number {
  return Math.max(0, Math.round(Math.abs(ms) / 60_000));
}

function span(t: LedgerContext['t'], ms: number): string {
  const m = minutes(ms);
  return m >= 60 ? t('fault.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 }) : t('fault.minutes', { m });
}

/** The arrival deadline as the user reads it: time left, overdue by, on time, late by. */
export function slaText(a: FaultAssessment, ctx: Pick<LedgerContext, 't'>): string {
  const t = ctx.t;
  switch (a.state) {
    case 'waiting':
      return t('fault.sla.waiting', { left: span(t, a.remaining) });
    case 'overdue':
      return t('fault.sla.overdue', { over: span(t, a.remaining) });
    case 'onTime':
      return t('fault.sla.onTime');
    case 'late':
      return t('fault.sla.late', { over: span(t, a.arrival! - a.deadline) });
  }
}

export const SLA_TONE = { waiting: 'orange', overdue: 'red', onTime: 'green', late: 'red' } as const;

/** The consequence of 第四十四条(一) the app proposes. */
export function consequenceText(a: FaultAssessment, ctx: LedgerContext): string {
  const t = ctx.t;
  if (a.proposed) return t('fault.band', { min: a.proposed.min, max: a.proposed.max, reason: t(`fault.reason.${a.proposed.reason}`) });
  if (a.notice) return t('fault.notice');
  return a.closed ? t('fault.noConsequence') : '';
}

/** Asked before saving a decided deduction the proposal does not support (第四十四条(一): the band is the office's guide). */
export function outsideBandQuestion(input: Record<string, unknown>, ctx: LedgerContext): string | null {
  const decided = typeof input.decidedPct === 'number' ? input.decidedPct : null;
  if (decided === null) return null;
  const a = assessFault(
    {
      reportedAt: input.reportedAt as number,
      urges: (input.urges as number[] | undefined) ?? [],
      arrivedAt: (input.arrivedAt as number | null | undefined) ?? null,
      resolvedAt: (input.resolvedAt as number | null | undefined) ?? null,
      cause: (input.cause as FaultCause | null | undefined) ?? null,
      serious: input.serious === true,
    },
    ctx.unit.area,
    ctx.now,
  );
  if (!outsideBand(decided, a.proposed)) return null;
  return a.proposed
    ? ctx.t('fault.confirmOutsideBand', { pct: decided, min: a.proposed.min, max: a.proposed.max })
    : ctx.t('fault.confirmNoBand', { pct: decided });
}
