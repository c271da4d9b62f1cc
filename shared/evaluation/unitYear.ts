import { calendarFrom, scheduleFrom, type CalendarRecord, type ScheduleRecord } from '../calendar/stored';
import type { Identity } from '../console/merge';
import type { UnitProfile } from '../domain/unit';
import { DEFAULT_COVERAGE_POLICY } from '../rules/scanCoverage';
import { factsOf, type UnitRecords } from './facts';
import type { FigureId, FigureValue } from './figures';
import { figuresOver, spanPeriod, yearFigures, type YearFacts } from './ledgerFigures';
import { noticeFindings, type NoticeThresholds, type NoticeUnit } from './networkNotice';
import type { SelfAssessment } from './selfAssessment';

/**
 * One received unit's year at the office, as either store reads it (this
 * PC's IndexedDB, or the PostgreSQL server in main), and its reduction to
 * what the evaluation and the network notice need. Both stores reduce here,
 * so the pages see the same figures whichever store the console uses, and
 * only the reduced unit ever crosses from main to the renderer.
 */

export interface UnitYearRecords extends UnitRecords {
  calendars: readonly CalendarRecord[];
  schedule: ScheduleRecord | undefined;
  /** The unit's self-assessment of the year as received, any status. */
  selfRow: SelfAssessment | undefined;
  /** When each bundle of the unit arrived. */
  receivedAt: readonly number[];
  /** When each of the unit's keys was enrolled, revoked ones too. */
  enrolledAt: readonly number[];
}

/** A received unit's year reduced to what the evaluation scores. */
export interface UnitYearFigures {
  unitId: string;
  identity: Identity;
  profile: UnitProfile;
  /** Its self-assessment of the year, when submitted. */
  self?: SelfAssessment;
  figures: Partial<Record<FigureId, FigureValue>>;
}

/** The year's records are read from 1 January to the next, local time, as the figures count days. */
export function yearSpan(year: number): { from: number; to: number } {
  return { from: new Date(year, 0, 1).getTime(), to: new Date(year + 1, 0, 1).getTime() };
}

/** The facts the figures read, from what the office holds of a unit. */
export function unitYearFacts(r: UnitYearRecords, year: number, now: number): YearFacts {
  const enrolledAt = r.enrolledAt.length ? Math.min(...r.enrolledAt) : r.profile.createdAt;
  return factsOf(r, {
    year,
    now,
    calendar: calendarFrom(r.calendars).calendar,
    schedule: scheduleFrom(r.schedule).schedule,
    coverage: DEFAULT_COVERAGE_POLICY,
    bundles: { enrolledAt, receivedAt: r.receivedAt },
  });
}

export function unitYearFigures(r: UnitYearRecords, unitId: string, identity: Identity, year: number, now: number): UnitYearFigures {
  const s = r.selfRow;
  const self = s?.unitId === unitId && s.status === 'submitted' && s.year === year ? s : undefined;
  return { unitId, identity, profile: r.profile, ...(self ? { self } : {}), figures: yearFigures(unitYearFacts(r, year, now)) };
}

/** A notice's period, `from`–`to` as ISO days of one year, and what it asks of the units. */
export interface NoticePeriod {
  from: string;
  to: string;
  thresholds: NoticeThresholds;
}

export const noticeYear = (p: NoticePeriod) => Number(p.from.slice(0, 4));

/** The unit as a notice over the period would name it, or null when it falls short of nothing. */
export function noticeUnitOf(r: UnitYearRecords, unitId: string, identity: Identity, p: NoticePeriod, now: number): NoticeUnit | null {
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number];
  const start = new Date(fy, fm - 1, fd).getTime();
  const end = new Date(ty, tm - 1, td + 1).getTime();
  const facts = unitYearFacts(r, noticeYear(p), now);
  const figures = figuresOver(facts, spanPeriod(p.from, p.to, facts.since, now));
  const received = r.receivedAt.filter((at) => at >= start && at < end).length;
  const findings = noticeFindings(figures, received, p.thresholds);
  return findings.length > 0 ? { unitId, unitCode: identity.unitCode, unitName: identity.unitName, findings } : null;
}

/** The named units in the order a notice lists them. */
export function noticeOrder(units: NoticeUnit[]): NoticeUnit[] {
  return units.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}
