import { isoDay } from '../../shared/calendar/calendar';
import type { Checkin } from '../../shared/domain/checkin';
import type { Device } from '../../shared/domain/device';
import type { UnitProfile } from '../../shared/domain/unit';
import { exampleRubric } from '../../shared/evaluation/examples';
import { factsOf, type FactsContext, type UnitRecords } from '../../shared/evaluation/facts';
import type { FigureId, FigureValue } from '../../shared/evaluation/figures';
import { yearFigures } from '../../shared/evaluation/ledgerFigures';
import { rubricItems, type Rubric } from '../../shared/evaluation/rubric';
import { scoreUnit, type UnitScore } from '../../shared/evaluation/score';
import { declaredOf, selfAssessmentId, selfAssessmentInput, type SelfAssessment, type SelfItem } from '../../shared/evaluation/selfAssessment';
import type { CopyFiling } from '../../shared/ledgers/copyFiling';
import type { DutyLog } from '../../shared/ledgers/duty';
import type { Fault } from '../../shared/ledgers/fault';
import type { Incident } from '../../shared/ledgers/incident';
import type { Inspection } from '../../shared/ledgers/inspection';
import type { Scan } from '../../shared/ledgers/scan';
import type { Training } from '../../shared/ledgers/training';
import { loadCalendar, loadSchedule } from './checkins';
import { coveragePolicy } from './coveragePolicy';
import { publishedRubrics } from './policy';
import { issuesFromZod, ValidationError } from './errors';
import { commit, newRecord, revise, type Actor } from './repository';
import type { ZwDb } from './schema';
import { unitRows } from './unitRows';

/**
 * The unit's 年度自评 (考核办法 四): the year's figures from its own ledgers,
 * the points it declares, and the submission that locks them. Every write is
 * one commit through the change log, so the self-assessment travels in the
 * next bundle like any record.
 */

/** Local days on which this PC made a backup of the unit's data (kept in meta, never exported). */
export const BACKUP_DAYS_KEY = 'backupDays';
const BACKUP_DAYS_KEPT = 800;

export async function backupDays(db: ZwDb): Promise<string[]> {
  const v = (await db.meta.get(BACKUP_DAYS_KEY))?.value;
  return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) : [];
}

/** Notes that a backup was made today, for the 数据备份 figure. */
export async function noteBackupDay(db: ZwDb, at: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const days = new Set(await backupDays(db));
    days.add(isoDay(new Date(at)));
    await db.meta.put({ key: BACKUP_DAYS_KEY, value: [...days].sort().slice(-BACKUP_DAYS_KEPT) });
  });
}

/**
 * The rubric the unit scores against: the office's for the unit's group and
 * the year, as its latest policy published it; until one has arrived, the
 * example for the unit's level, which says that it is one.
 */
export async function rubricForUnit(db: ZwDb, profile: Pick<UnitProfile, 'unitId' | 'level'>, year: number): Promise<Rubric> {
  const published = (await publishedRubrics(db, profile.unitId)).find((r) => r.group === profile.level && r.year === year);
  return published ?? exampleRubric(profile.level, year);
}

export interface YearEvidence {
  profile: UnitProfile;
  figures: Partial<Record<FigureId, FigureValue>>;
}

/** The stores a unit's own figures are read from, for the transaction that reads them. */
export const OWN_FIGURE_SOURCES = ['units', 'devices', 'checkins', 'scans', 'dutyLogs', 'faults', 'trainings', 'incidents', 'inspections', 'copyFilings', 'calendars', 'schedules', 'meta'];

export interface OwnRecords {
  records: UnitRecords;
  context: Omit<FactsContext, 'year' | 'now'>;
}

/**
 * The unit's own records as the figures read them, check-ins from `from` up
 * to `to`; to be called inside a transaction over OWN_FIGURE_SOURCES, so the
 * figures match one state of the database.
 */
export async function ownRecords(db: ZwDb, unitId: string, from: number, to: number): Promise<OwnRecords> {
  const profile = await db.units.get(unitId);
  if (!profile || profile.unitId !== unitId) throw new ValidationError([{ field: '', code: 'evaluation.noUnit' }]);
  const [devices, checkins, scans, dutyLogs, faults, trainings, incidents, inspections, copyFilings, calendar, schedule, coverage, backups] = await Promise.all([
    unitRows<Device>(db, 'devices', unitId),
    db.checkins.where('[unitId+at]').between([unitId, from], [unitId, to], true, false).toArray() as Promise<Checkin[]>,
    unitRows<Scan>(db, 'scans', unitId),
    unitRows<DutyLog>(db, 'dutyLogs', unitId),
    unitRows<Fault>(db, 'faults', unitId),
    unitRows<Training>(db, 'trainings', unitId),
    unitRows<Incident>(db, 'incidents', unitId),
    unitRows<Inspection>(db, 'inspections', unitId),
    unitRows<CopyFiling>(db, 'copyFilings', unitId),
    loadCalendar(db, unitId),
    loadSchedule(db, unitId),
    coveragePolicy(db),
    backupDays(db),
  ]);
  return {
    records: { profile, devices, checkins, scans, dutyLogs, faults, trainings, incidents, inspections, copyFilings },
    context: { calendar: calendar.calendar, schedule: schedule.schedule, coverage, backupDays: backups },
  };
}

/** The unit's figures for `year`, computed from its own active records, read in one transaction. */
export async function unitYearEvidence(db: ZwDb, unitId: string, year: number, now = Date.now()): Promise<YearEvidence> {
  return db.transaction('r', OWN_FIGURE_SOURCES, async () => {
    const { records, context } = await ownRecords(db, unitId, new Date(year, 0, 1).getTime(), new Date(year + 1, 0, 1).getTime());
    const facts = factsOf(records, { ...context, year, now });
    return { profile: records.profile, figures: yearFigures(facts) };
  });
}

export async function loadSelfAssessment(db: ZwDb, unitId: string, year: number): Promise<SelfAssessment | undefined> {
  const row = await db.selfAssessments.get(selfAssessmentId(unitId, year));
  return row && row.unitId === unitId ? row : undefined;
}

/** What the administrator enters: per declared item, points or 不适用, with a note and documents; and the summary. */
export interface SelfDraft {
  items: readonly { itemId: string; points: number | null; notApplicable: boolean; note: string; documents: string }[];
  summary: string;
}

/** The unit's own score of a draft: the scoring model in the unit's mode. */
export function selfScore(rubric: Rubric, unitId: string, figures: YearEvidence['figures'], items: SelfDraft['items']): UnitScore {
  return scoreUnit(rubric, { unitId, figures, declared: declaredOf(rubric, items.map((i) => ({ ...i, figure: null }))), office: {}, adjustments: {} }, 'self');
}

/**
 * The record's items: the declared ones as entered, checked against the
 * rubric (known items, points within the maximum, 不适用 only where allowed);
 * and, on submission, every item the unit scores with the points and figure
 * it was scored on.
 */
function itemsFor(rubric: Rubric, draft: SelfDraft, score: UnitScore | null): SelfItem[] {
  const byId = new Map(rubricItems(rubric).map(({ item }) => [item.id, item]));
  const issues: { field: string; code: string; vars?: Record<string, string> }[] = [];
  const entered = new Map<string, SelfItem>();
  for (const d of draft.items) {
    const item = byId.get(d.itemId);
    if (!item || item.scoring.kind !== 'declared') {
      issues.push({ field: `items.${d.itemId}`, code: 'evaluation.unknownItem', vars: { item: d.itemId } });
      continue;
    }
    if (d.notApplicable && !item.mayNotApply) issues.push({ field: `items.${d.itemId}`, code: 'evaluation.mustApply', vars: { item: item.text } });
    if (!d.notApplicable && d.points !== null && (!Number.isFinite(d.points) || d.points < 0 || d.points > item.maxPoints)) issues.push({ field: `items.${d.itemId}`, code: 'evaluation.pointsRange', vars: { item: item.text, max: String(item.maxPoints) } });
    entered.set(d.itemId, { itemId: d.itemId, points: d.notApplicable ? null : d.points, notApplicable: d.notApplicable, note: d.note.trim(), documents: d.documents.trim(), figure: null });
  }
  if (score) {
    for (const { item } of rubricItems(rubric)) {
      if (item.scoring.kind === 'declared' && !entered.has(item.id)) issues.push({ field: `items.${item.id}`, code: 'evaluation.unscored', vars: { item: item.text } });
      else if (item.scoring.kind === 'declared') {
        const e = entered.get(item.id)!;
        if (!e.notApplicable && e.points === null) issues.push({ field: `items.${item.id}`, code: 'evaluation.unscored', vars: { item: item.text } });
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (!score) return [...entered.values()];
  return rubricItems(rubric).flatMap(({ item }): SelfItem[] => {
    const e = entered.get(item.id);
    if (e) return [e];
    const s = score.items.find((i) => i.itemId === item.id);
    if (!s || s.status === 'officeOnly' || s.status === 'missing') return [];
    return [{ itemId: item.id, points: s.status === 'scored' ? s.points : null, notApplicable: s.status === 'notApplicable', note: '', documents: '', figure: s.figure?.used ?? null }];
  });
}

function parsed(body: unknown): ReturnType<typeof selfAssessmentInput.parse> {
  const p = selfAssessmentInput.safeParse(body);
  if (!p.success) throw new ValidationError(issuesFromZod(p.error.issues));
  return p.data;
}

const rubricRef = (r: Rubric) => ({ group: r.group, version: r.version, title: r.title, example: r.example });

/** Saves the draft. A submitted self-assessment is locked: it changes only by a correction. */
export async function saveSelfDraft(db: ZwDb, actor: Actor, year: number, rubric: Rubric, draft: SelfDraft): Promise<SelfAssessment> {
  const items = itemsFor(rubric, draft, null);
  let saved: SelfAssessment | undefined;
  await commit(db, actor, async () => {
    const previous = await loadSelfAssessment(db, actor.unitId, year);
    if (previous?.status === 'submitted') throw new ValidationError([{ field: '', code: 'evaluation.locked' }]);
    const body = parsed({ year, rubric: rubricRef(rubric), items, summary: draft.summary, status: 'draft', submission: 0, submittedAt: null, correctionReason: '', total: null, provisional: false });
    saved = previous ? revise(previous, body, actor) : { ...newRecord(actor, body), id: selfAssessmentId(actor.unitId, year) };
    return [{ table: 'selfAssessments', op: previous ? 'update' : 'create', record: saved }];
  });
  return saved!;
}

/**
 * Submits the year's self-assessment: every declared item scored (or 不适用
 * where allowed), the figures computed now from the ledgers and kept with
 * it. Over a submitted one this is a correction and needs its reason.
 */
export async function submitSelfAssessment(db: ZwDb, actor: Actor, year: number, rubric: Rubric, draft: SelfDraft, correctionReason = '', now = Date.now()): Promise<SelfAssessment> {
  const evidence = await unitYearEvidence(db, actor.unitId, year, now);
  const score = selfScore(rubric, actor.unitId, evidence.figures, draft.items);
  const items = itemsFor(rubric, draft, score);
  let saved: SelfAssessment | undefined;
  await commit(db, actor, async () => {
    const previous = await loadSelfAssessment(db, actor.unitId, year);
    const correcting = previous?.status === 'submitted';
    const reason = correctionReason.trim();
    if (correcting && reason.length < 2) throw new ValidationError([{ field: 'correctionReason', code: 'evaluation.reason' }]);
    const body = parsed({
      year,
      rubric: rubricRef(rubric),
      items,
      summary: draft.summary,
      status: 'submitted',
      submission: correcting ? previous.submission + 1 : 1,
      submittedAt: now,
      correctionReason: correcting ? reason : '',
      total: score.total,
      provisional: score.provisional,
    });
    saved = previous ? revise(previous, body, actor, now) : { ...newRecord(actor, body, now), id: selfAssessmentId(actor.unitId, year) };
    return [{ table: 'selfAssessments', op: previous ? 'update' : 'create', record: saved }];
  });
  return saved!;
}
