import { isoDay, type WorkCalendar } from '../calendar/calendar';
import type { WorkSchedule } from '../calendar/schedule';
import { onTimeRate } from '../checkins/compliance';
import { periodReport, type OfficerCheckin } from '../checkins/report';
import { dutyMonth } from '../rules/dutyGaps';
import { assessFault, type FaultFacts, type UnitArea } from '../rules/faultSla';
import { dayNumber, daysBetween, isoFromDayNumber } from '../rules/days';
import type { CoveragePolicy, ScanFacts } from '../rules/scanCoverage';
import type { FigureId, FigureValue } from './figures';

/**
 * The ledger figures of one unit for one assessed year, from plain facts: the
 * unit computes them from its own tables for its 年度自评, and the office from
 * the same unit's merged records, with this one function, so the two can only
 * differ where their records do.
 *
 * The period runs from 1 January, or the unit's first day if it started later,
 * to 31 December, or today while the year is still running. A figure over
 * less than the whole year is provisional, and so is a working-day figure in
 * a year whose calendar is not loaded (those days are left out, never guessed).
 *
 * Retired ledger records (removed, with a reason) are not facts: the caller
 * passes active records only. Devices are passed with their service dates,
 * retired ones included, because a device counted while it was in service.
 */
export interface DeviceFacts {
  id: string;
  createdAt: number;
  retiredAt: number | null;
  internetCapable: boolean;
  isolationCard: boolean;
}

export interface YearFacts {
  year: number;
  /** The moment the unit began keeping its ledgers in the app: nothing before it is due. */
  since: number;
  now: number;
  area: UnitArea;
  calendar: WorkCalendar;
  schedule: WorkSchedule;
  coverage: CoveragePolicy;
  checkins: readonly OfficerCheckin[];
  devices: readonly DeviceFacts[];
  scans: readonly ScanFacts[];
  dutyDates: readonly string[];
  faults: readonly (FaultFacts & { decidedPct: number | null })[];
  trainings: readonly { heldOn: string; attendees: readonly string[] }[];
  /** The names of the unit's administrators and document officers, who are to be trained (第四十二条). */
  staff: readonly string[];
  incidents: readonly { occurredAt: number; reportedAt: number | null }[];
  inspections: readonly { inspectedOn: string; hasIssue: boolean; followUpDone: boolean }[];
  copyFilings: readonly { copiedOn: string }[];
  /** Local days on which a backup of the unit's data was made; unknown to the office, which never sees the unit's backups. */
  backupDays?: readonly string[];
  /** Office side only: when each of the unit's bundles arrived, and when its key was enrolled. */
  bundles?: { enrolledAt: number; receivedAt: readonly number[] };
}

/**
 * The measures set no delivery rhythm for bundles; the office's own rule is
 * monthly: a month is delivered on time when a bundle arrived during it or
 * in the first days of the next.
 */
export const BUNDLE_GRACE_DAYS = 5;

export interface AssessedPeriod {
  from: string;
  to: string;
  coveredDays: number;
  periodDays: number;
}

export function assessedPeriod(year: number, since: number, now: number): AssessedPeriod {
  return spanPeriod(`${year}-01-01`, `${year}-12-31`, since, now);
}

/** Any span of days, `first` to `last`, as far as the unit had begun and the day has come (a notice's month). */
export function spanPeriod(first: string, last: string, since: number, now: number): AssessedPeriod {
  const sinceDay = isoDay(new Date(since));
  const today = isoDay(new Date(now));
  const from = sinceDay > first ? sinceDay : first;
  const to = today < last ? today : last;
  const periodDays = daysBetween(first, last) + 1;
  return { from, to, coveredDays: Math.max(0, daysBetween(from, to) + 1), periodDays };
}

const inPeriod = (p: AssessedPeriod, day: string) => day >= p.from && day <= p.to;
const dayOf = (t: number) => isoDay(new Date(t));
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function yearFigures(f: YearFacts): Partial<Record<FigureId, FigureValue>> {
  return figuresOver(f, assessedPeriod(f.year, f.since, f.now));
}

/** The figures over a period of the facts' records; `f.year` plays no part. */
export function figuresOver(f: YearFacts, p: AssessedPeriod): Partial<Record<FigureId, FigureValue>> {
  const partYear = p.coveredDays < p.periodDays;
  const years = Array.from({ length: Math.max(0, Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) + 1) }, (_, i) => Number(p.from.slice(0, 4)) + i);
  const calendarMissing = years.some((y) => !f.calendar.covers(y));
  const value = (v: number | null, provisional = partYear): FigureValue => ({ value: v, provisional: provisional || partYear, coveredDays: p.coveredDays, periodDays: p.periodDays });
  const empty = p.coveredDays === 0;

  const out: Partial<Record<FigureId, FigureValue>> = {
    checkinOnTimeRate: empty ? value(null) : checkinRate(f, p, calendarMissing, value),
    scanCoverage: value(empty ? null : scanCoverageOverYear(f, p)),
    signatureFreshness: value(signatureFreshness(f, p)),
    dutyLogCoverage: empty ? value(null) : dutyCoverage(f, p, value),
    ...faultFigures(f, p, value),
    trainingsHeld: value(f.trainings.filter((t) => inPeriod(p, t.heldOn)).length),
    trainingAttendance: value(trainingAttendance(f, p)),
    isolationViolations: value(isolationViolations(f, p)),
    ...incidentFigures(f, p, value),
    inspectionsFollowedUp: value(inspectionsFollowedUp(f, p)),
    copyFilings: value(f.copyFilings.filter((c) => inPeriod(p, c.copiedOn)).length),
  };
  if (f.backupDays) out.backupsKept = value(new Set(f.backupDays.filter((d) => inPeriod(p, d))).size);
  if (f.bundles) out.bundlesOnTime = value(bundlesOnTime(f.bundles, p, f.now));
  return out;
}

type ValueOf = (v: number | null, provisional?: boolean) => FigureValue;

function checkinRate(f: YearFacts, p: AssessedPeriod, calendarMissing: boolean, value: ValueOf): FigureValue {
  const [y, m, d] = p.from.split('-').map(Number) as [number, number, number];
  const fromMs = new Date(y, m - 1, d).getTime();
  const endMs = new Date(y, m - 1, d + p.coveredDays).getTime();
  const checkins = f.checkins.filter((c) => c.at >= fromMs && c.at < endMs);
  const report = periodReport(f.calendar, f.schedule, checkins, [], new Date(fromMs), p.coveredDays, f.now, f.since);
  return value(onTimeRate(report.unit), calendarMissing || report.unknownYears.length > 0);
}

/** Working days with a duty log, as the month view counts them; today is not missed until it is over. */
function dutyCoverage(f: YearFacts, p: AssessedPeriod, value: ValueOf): FigureValue {
  const logged = new Set(f.dutyDates);
  const today = dayOf(f.now);
  let working = 0;
  let done = 0;
  let provisional = false;
  const months = new Set<string>();
  for (let n = dayNumber(p.from); n <= dayNumber(p.to); n++) months.add(isoFromDayNumber(n).slice(0, 7));
  for (const month of months) {
    const m = dutyMonth(f.calendar, month, logged, p.to, p.from);
    provisional ||= m.provisional;
    working += m.workingDays;
    done += m.logged;
    if (p.to === today && m.days.some((d) => d.date === today && d.state === 'due')) working -= 1;
  }
  return value(share(done, working), provisional);
}

/**
 * 第二十二条 asks for every computer to be scanned each period (a week by
 * default). The period is cut into whole windows of that length from its
 * first day; a device is due in a window it was in service for throughout,
 * and covered when it was scanned in it. The share is over every device and
 * window; a window still running at the period's end is not yet due.
 */
function scanCoverageOverYear(f: YearFacts, p: AssessedPeriod): number | null {
  const len = f.coverage.periodDays;
  const start = dayNumber(p.from);
  const windows = Math.floor((dayNumber(p.to) - start + 1) / len);
  if (windows === 0) return null;
  const scanDays = new Map<string, number[]>();
  for (const s of f.scans) {
    const list = scanDays.get(s.deviceId);
    const n = dayNumber(s.scannedOn);
    if (list) list.push(n);
    else scanDays.set(s.deviceId, [n]);
  }
  let due = 0;
  let covered = 0;
  for (const device of f.devices) {
    const inFrom = dayNumber(dayOf(device.createdAt));
    // A device retired on a day is out of service that day.
    const inTo = device.retiredAt === null ? Number.POSITIVE_INFINITY : dayNumber(dayOf(device.retiredAt)) - 1;
    const days = (scanDays.get(device.id) ?? []).sort((a, b) => a - b);
    let k = 0;
    for (let w = 0; w < windows; w++) {
      const wFrom = start + w * len;
      const wTo = wFrom + len - 1;
      if (inFrom > wFrom || inTo < wTo) continue;
      due += 1;
      while (k < days.length && days[k]! < wFrom) k++;
      if (k < days.length && days[k]! <= wTo) covered += 1;
    }
  }
  return share(covered, due);
}

/** Scans of the period that used signatures no older than the policy allows on the day they ran. */
function signatureFreshness(f: YearFacts, p: AssessedPeriod): number | null {
  const scans = f.scans.filter((s) => inPeriod(p, s.scannedOn));
  return share(scans.filter((s) => daysBetween(s.signatureDate, s.scannedOn) <= f.coverage.maxSignatureAgeDays).length, scans.length);
}

/**
 * Faults reported in the period. Arrival on time is over those whose
 * outcome is known (arrived, or past the deadline without arriving). A
 * deduction counts where the office decided a cut, or — not yet decided —
 * where the article proposes one.
 */
function faultFigures(f: YearFacts, p: AssessedPeriod, value: ValueOf): Pick<Record<FigureId, FigureValue>, 'faultArrivalOnTime' | 'faultDeductions'> {
  let known = 0;
  let onTime = 0;
  let deductions = 0;
  for (const fault of f.faults) {
    if (!inPeriod(p, dayOf(fault.reportedAt))) continue;
    const a = assessFault(fault, f.area, f.now);
    if (a.state !== 'waiting') known += 1;
    if (a.state === 'onTime') onTime += 1;
    if (fault.decidedPct !== null ? fault.decidedPct > 0 : a.proposed !== null) deductions += 1;
  }
  return { faultArrivalOnTime: value(share(onTime, known)), faultDeductions: value(deductions) };
}

const normaliseName = (s: string) => s.replace(/[\s\u3000]+/g, '').toLowerCase();

/** Of the administrators and document officers, the share who attended a training held in the period. */
function trainingAttendance(f: YearFacts, p: AssessedPeriod): number | null {
  const staff = new Set(f.staff.map(normaliseName).filter((n) => n !== ''));
  const attended = new Set(f.trainings.filter((t) => inPeriod(p, t.heldOn)).flatMap((t) => t.attendees.map(normaliseName)));
  return share([...staff].filter((n) => attended.has(n)).length, staff.size);
}

/** 第十九条: computers in service at the period's end that reach the internet without an isolation card. */
function isolationViolations(f: YearFacts, p: AssessedPeriod): number {
  return f.devices.filter((d) => dayOf(d.createdAt) <= p.to && (d.retiredAt === null || dayOf(d.retiredAt) > p.to) && d.internetCapable && !d.isolationCard).length;
}

/**
 * Incidents that happened in the period: how many were reported, and the
 * longest any took to report, in hours — 第十七条 asks for every one to be
 * reported at once, so the slowest is the measure. One not reported counts
 * until the period's end.
 */
function incidentFigures(f: YearFacts, p: AssessedPeriod, value: ValueOf): Pick<Record<FigureId, FigureValue>, 'incidentsReported' | 'incidentReportHours'> {
  const incidents = f.incidents.filter((i) => inPeriod(p, dayOf(i.occurredAt)));
  const [y, m, d] = p.to.split('-').map(Number) as [number, number, number];
  const end = Math.min(f.now, new Date(y, m - 1, d + 1).getTime());
  const hours = incidents.map((i) => Math.max(0, ((i.reportedAt ?? end) - i.occurredAt) / 3_600_000));
  return {
    incidentsReported: value(incidents.filter((i) => i.reportedAt !== null).length),
    incidentReportHours: value(hours.length ? Math.max(...hours) : null),
  };
}

/** Inspections of the period that found a problem: the share whose follow-up is done. */
function inspectionsFollowedUp(f: YearFacts, p: AssessedPeriod): number | null {
  const found = f.inspections.filter((i) => inPeriod(p, i.inspectedOn) && i.hasIssue);
  return share(found.filter((i) => i.followUpDone).length, found.length);
}

/**
 * Months of the period since the unit's key was enrolled, whose grace has
 * passed: the share in which a bundle arrived during the month or in the
 * first BUNDLE_GRACE_DAYS of the next.
 */
function bundlesOnTime(b: NonNullable<YearFacts['bundles']>, p: AssessedPeriod, now: number): number | null {
  const enrolled = dayOf(b.enrolledAt);
  const from = enrolled > p.from ? enrolled : p.from;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = p.to.split('-').map(Number) as [number, number];
  let due = 0;
  let onTime = 0;
  for (let month = fy * 12 + fm - 1; month <= ty * 12 + tm - 1; month++) {
    const y = Math.floor(month / 12);
    const m = month % 12;
    const start = new Date(y, m, 1).getTime();
    const deadline = new Date(y, m + 1, 1 + BUNDLE_GRACE_DAYS).getTime();
    if (deadline > now) break;
    due += 1;
    if (b.receivedAt.some((t) => t >= start && t < deadline)) onTime += 1;
  }
  return share(onTime, due);
}
