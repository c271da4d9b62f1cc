import { isoDay } from '../calendar/calendar';
import { notReporting } from '../console/merge';
import { isolationViolation, type Device } from '../domain/device';
import type { FigureValue } from '../evaluation/figures';
import { figuresOver, spanPeriod, type YearFacts } from '../evaluation/ledgerFigures';
import { dutyMonth } from '../rules/dutyGaps';
import { assessFault, type FaultAssessment, type FaultFacts } from '../rules/faultSla';
import { inRanges, type IpRange } from '../rules/ipRanges';
import { scanCoverage } from '../rules/scanCoverage';
import { trainingStatus, trainingsInYear, type TrainingStatus } from '../rules/training';

/**
 * What a unit's home page (工作台) shows, composed from the ledgers' own
 * rules: every count here is the one the ledger page beside it shows, because
 * it is the same function over the same records. Nothing is judged twice.
 */

/** A backup older than this is flagged: the daily automatic backup, missed for a week, is worth a look. */
export const BACKUP_DUE_DAYS = 7;
const DAY_MS = 86_400_000;

export interface OpenTicket<F extends FaultFacts> {
  fault: F;
  assessment: FaultAssessment;
}

export interface MonthTrend {
  month: string;
  checkinOnTimeRate: FigureValue | undefined;
  scanCoverage: FigureValue | undefined;
  faultArrivalOnTime: FigureValue | undefined;
}

/**
 * The facts the cards read, as the evaluation shapes them (active records
 * only): the scans that decide the coverage now, this month's duty dates and
 * this year's trainings are enough; the year's facts do as well.
 */
export type HomeFacts = Pick<YearFacts, 'now' | 'since' | 'area' | 'calendar' | 'coverage' | 'scans' | 'dutyDates' | 'trainings'>;

export interface UnitHomeInput<F extends FaultFacts> {
  facts: HomeFacts;
  devices: readonly Pick<Device, 'id' | 'ip' | 'internetCapable' | 'isolationCard' | 'retiredAt'>[];
  /** Active tickets with what the page shows of them. */
  faults: readonly F[];
  ranges: readonly IpRange[];
  lastBackupDay: string | null;
  lastExportAt: number | null;
}

export interface UnitHome<F extends FaultFacts> {
  today: string;
  openTickets: OpenTicket<F>[];
  scan: { covered: number; total: number; overdue: number; staleSignatures: number; unresolvedThreats: number };
  duty: { month: string; gaps: string[]; workingDays: number; logged: number; provisional: boolean };
  training: { year: number; held: number; status: TrainingStatus };
  violations: number;
  /** null when the office has assigned no range, so there is nothing to be outside of. */
  outsideRanges: number | null;
  backup: { lastDay: string | null; overdue: boolean };
  export: { lastAt: number | null; overdue: boolean };
}

/** The months `count` back to the one holding `now`, oldest first, as `YYYY-MM`. */
export function lastMonths(now: number, count = 12): string[] {
  const d = new Date(now);
  return Array.from({ length: count }, (_, i) => {
    const m = new Date(d.getFullYear(), d.getMonth() - (count - 1 - i), 1);
    return `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`;
  });
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return isoDay(new Date(y, m, 0));
}

/**
 * Check-in rate, scan coverage and fault arrival on time for each month, by
 * the evaluation's own figures over that month (as far as it has run and the
 * unit had begun): the yearly figure and the monthly points cannot disagree
 * in how they count.
 */
export function monthlyTrends(facts: YearFacts, months: readonly string[]): MonthTrend[] {
  return months.map((month) => {
    const figures = figuresOver(facts, spanPeriod(`${month}-01`, lastDayOf(month), facts.since, facts.now));
    return { month, checkinOnTimeRate: figures.checkinOnTimeRate, scanCoverage: figures.scanCoverage, faultArrivalOnTime: figures.faultArrivalOnTime };
  });
}

export function unitHome<F extends FaultFacts>(input: UnitHomeInput<F>): UnitHome<F> {
  const { facts } = input;
  const now = facts.now;
  const today = isoDay(new Date(now));
  const active = input.devices.filter((d) => d.retiredAt === null);
  const coverage = scanCoverage(
    active.map((d) => d.id),
    facts.scans,
    facts.coverage,
    today,
  );
  const month = today.slice(0, 7);
  const duty = dutyMonth(facts.calendar, month, new Set(facts.dutyDates), today, isoDay(new Date(facts.since)));
  const trainingDates = facts.trainings.map((t) => t.heldOn);
  const openTickets = input.faults
    .filter((f) => f.resolvedAt === null)
    .map((fault) => ({ fault, assessment: assessFault(fault, facts.area, now) }))
    .sort((a, b) => a.assessment.deadline - b.assessment.deadline);
  const backupAge = input.lastBackupDay === null ? null : (new Date(`${today}T00:00`).getTime() - new Date(`${input.lastBackupDay}T00:00`).getTime()) / DAY_MS;
  return {
    today,
    openTickets,
    scan: { covered: coverage.covered, total: coverage.total, overdue: coverage.unscanned, staleSignatures: coverage.staleSignatures, unresolvedThreats: coverage.unresolvedThreats },
    duty: { month, gaps: duty.gaps, workingDays: duty.workingDays, logged: duty.logged, provisional: duty.provisional },
    training: { year: Number(today.slice(0, 4)), held: trainingsInYear(trainingDates, Number(today.slice(0, 4))), status: trainingStatus(trainingDates, today) },
    violations: active.filter(isolationViolation).length,
    outsideRanges: input.ranges.length === 0 ? null : active.filter((d) => !inRanges(d.ip, input.ranges)).length,
    backup: { lastDay: input.lastBackupDay, overdue: backupAge === null || backupAge > BACKUP_DUE_DAYS },
    // The office counts a unit silent after the same number of days: an export later than that is overdue.
    export: { lastAt: input.lastExportAt, overdue: notReporting(input.lastExportAt, now) },
  };
}
