import type { Device } from '../../shared/domain/device';
import type { UnitLevel } from '../../shared/domain/unit';
import { officeRubric } from './rubrics';
import { FIGURES, type FigureId, type FigureValue } from '../../shared/evaluation/figures';
import { evaluationEntriesId, evaluationEntriesInput, officeInputsOf, type EvaluationEntries, type EvaluationEntriesBody } from '../../shared/evaluation/officeEntries';
import { rankScores, type Placing } from '../../shared/evaluation/rank';
import { rubricItems, type Rubric } from '../../shared/evaluation/rubric';
import { scoreGroup, type UnitEvidence, type UnitScore } from '../../shared/evaluation/score';
import { declaredOf, selfAssessmentId, type SelfAssessment } from '../../shared/evaluation/selfAssessment';
import { noticeCounts, type NetworkNotice, type NoticeUnit } from '../../shared/evaluation/networkNotice';
import { noticeUnitOf, noticeYear, unitYearFigures, yearSpan, type NoticePeriod, type UnitYearFigures, type UnitYearRecords } from '../../shared/evaluation/unitYear';
import type { Identity } from '../../shared/console/merge';
import type { PublishedResult } from '../../shared/bundle/policy';
import type { CopyFiling } from '../../shared/ledgers/copyFiling';
import type { DutyLog } from '../../shared/ledgers/duty';
import type { Fault } from '../../shared/ledgers/fault';
import type { Incident } from '../../shared/ledgers/incident';
import type { Inspection } from '../../shared/ledgers/inspection';
import type { Scan } from '../../shared/ledgers/scan';
import type { Training } from '../../shared/ledgers/training';
import { enrolledIdentities } from './console';
import { issuesFromZod, ValidationError } from './errors';
import { mergedCalendars, mergedCheckins, mergedOf, mergedProfile, mergedSchedule, mergedStore } from './merged';
import { commit, newRecord, revise, type Actor } from './repository';
import type { ZwDb } from './schema';

/**
 * The office's 综合考评 (考核办法 四): for every unit it has received, the
 * year's figures computed by the office itself from the unit's bundles, the
 * unit's submitted self-assessment beside them, the evaluation group's own
 * entries, and the ranking within each group (考核办法 五).
 */

export { officeRubric } from './rubrics';

/** Two figures differ when they would print differently: a tenth of a percent for a rate, a tenth of a count. */
export function figuresDiffer(figure: FigureId, a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a !== b;
  const step = FIGURES[figure].domain === 'rate' ? 0.001 : 0.1;
  return Math.abs(a - b) >= step / 2;
}

export interface ItemComparison {
  itemId: string;
  /** The unit's own points, as submitted; null when not applicable, undefined when it gave none. */
  selfPoints: number | null | undefined;
  /** The figure the unit's points rested on, as it submitted it. */
  claimedFigure: number | null | undefined;
  /** The office's own figure, from the unit's bundles. */
  officeFigure: FigureValue | undefined;
  /** The unit's figure or points differ from what the office computes. */
  mismatch: boolean;
}

export interface UnitEvaluation extends Gathered {
  score: UnitScore;
  placing: Placing;
  comparisons: ItemComparison[];
  mismatches: number;
  /** The year's notices that name the unit. */
  notices: number;
}

export interface GroupEvaluation {
  group: UnitLevel;
  rubric: Rubric;
  units: UnitEvaluation[];
}

/** A unit as read and reduced to its figures, with the evaluation group's entries, before scoring. */
interface Gathered extends UnitYearFigures {
  entries: EvaluationEntries | undefined;
}

/**
 * Where the office's evaluation and notices find the received units' years:
 * this PC's IndexedDB (localUnitYears), or the PostgreSQL server, which
 * reduces each unit in main (the console's pgSource). Either way each unit
 * comes reduced by shared/evaluation/unitYear.ts.
 */
export interface UnitYears {
  /** Every enrolled unit but the office's own, reduced to its year's figures. */
  evaluationUnits(officeUnitId: string, year: number, now: number): Promise<UnitYearFigures[]>;
  /** The units a notice over the period would name, in no particular order. */
  noticeUnits(officeUnitId: string, period: NoticePeriod, now: number): Promise<NoticeUnit[]>;
}

/** What the office holds of one unit for a year: the records its figures are computed from. */
export async function readUnit(db: ZwDb, unitId: string, year: number): Promise<UnitYearRecords | null> {
  const profile = await mergedProfile(db, unitId);
  if (!profile) return null;
  const { from, to } = yearSpan(year);
  const [devices, checkins, scans, dutyLogs, faults, trainings, incidents, inspections, copyFilings, calendars, schedule, selfRow, bundles, keys] = await Promise.all([
    mergedOf<Device>(db, 'devices', unitId),
    mergedCheckins(db, unitId, from, to),
    mergedOf<Scan>(db, 'scans', unitId),
    mergedOf<DutyLog>(db, 'dutyLogs', unitId),
    mergedOf<Fault>(db, 'faults', unitId),
    mergedOf<Training>(db, 'trainings', unitId),
    mergedOf<Incident>(db, 'incidents', unitId),
    mergedOf<Inspection>(db, 'inspections', unitId),
    mergedOf<CopyFiling>(db, 'copyFilings', unitId),
    mergedCalendars(db, unitId),
    mergedSchedule(db, unitId),
    mergedStore<SelfAssessment>(db, 'selfAssessments').get([unitId, selfAssessmentId(unitId, year)]),
    db.receivedBundles.where('unitId').equals(unitId).toArray(),
    db.enrolledKeys.where('unitId').equals(unitId).toArray(),
  ]);
  return {
    profile,
    devices,
    checkins,
    scans,
    dutyLogs,
    faults,
    trainings,
    incidents,
    inspections,
    copyFilings,
    calendars,
    schedule,
    selfRow,
    receivedAt: bundles.map((b) => b.receivedAt),
    enrolledAt: keys.map((k) => k.enrolledAt),
  };
}

/**
 * The office cannot see a unit's backups: for that figure it takes the
 * unit's word, as submitted, and says so (the comparison is not flagged).
 */
function withUnitsWord(rubric: Rubric, g: Gathered): Partial<Record<FigureId, FigureValue>> {
  const figures = { ...g.figures };
  for (const { item } of rubricItems(rubric)) {
    const s = item.scoring;
    if (s.kind !== 'figure' || figures[s.figure]) continue;
    const claimed = g.self?.items.find((i) => i.itemId === item.id)?.figure;
    if (claimed !== undefined && claimed !== null) figures[s.figure] = { value: claimed, provisional: g.self?.provisional ?? false, coveredDays: 1, periodDays: 1 };
  }
  return figures;
}

function compare(rubric: Rubric, g: Gathered, score: UnitScore, figures: Partial<Record<FigureId, FigureValue>>): ItemComparison[] {
  return rubricItems(rubric).map(({ item }) => {
    const saved = g.self?.items.find((i) => i.itemId === item.id);
    const selfPoints = saved ? (saved.notApplicable ? null : saved.points) : undefined;
    const s = item.scoring;
    const figure = s.kind === 'figure' ? s.figure : undefined;
    const officeFigure = figure ? figures[figure] : undefined;
    const computed = score.items.find((i) => i.itemId === item.id);
    let mismatch = false;
    if (figure && saved && g.figures[figure]) {
      const officeUsed = computed?.figure?.used ?? null;
      const officePoints = computed?.computed ?? computed?.points ?? 0;
      mismatch = figuresDiffer(figure, saved.figure, officeUsed) || (selfPoints !== undefined && Math.abs((selfPoints ?? 0) - (computed?.status === 'notApplicable' ? 0 : officePoints)) >= 0.005);
    }
    return { itemId: item.id, selfPoints, claimedFigure: saved?.figure, officeFigure, mismatch };
  });
}

/** Units read at once: enough to keep IndexedDB busy, few enough that a province's records are never all in memory together. */
const READ_AT_ONCE = 8;

/**
 * Reads every enrolled unit's year a few units at a time and hands each to
 * `visit` at once, so memory holds one batch of records, never all of them.
 * `timing` splits the time between reading and what `visit` does.
 */
export async function eachUnitYear(
  db: ZwDb,
  officeUnitId: string,
  year: number,
  visit: (r: UnitYearRecords, unitId: string, identity: Identity) => void,
  timing?: EvaluationTiming,
): Promise<void> {
  const identities = [...(await enrolledIdentities(db))].filter(([unitId]) => unitId !== officeUnitId);
  for (let i = 0; i < identities.length; i += READ_AT_ONCE) {
    const batch = identities.slice(i, i + READ_AT_ONCE);
    const readStart = performance.now();
    const reads = await Promise.all(batch.map(([unitId]) => readUnit(db, unitId, year)));
    const computeStart = performance.now();
    reads.forEach((r, k) => {
      const [unitId, identity] = batch[k]!;
      if (r) visit(r, unitId, identity);
    });
    if (timing) {
      timing.readMs += computeStart - readStart;
      timing.computeMs += performance.now() - computeStart;
    }
  }
}

/** Where the time went, for the benchmark: reading the records, and computing from them. */
export interface EvaluationTiming {
  readMs: number;
  computeMs: number;
}

/**
 * Items scored on notices count the year's notices naming the unit, unless
 * the evaluation group entered a count itself (a notice issued on paper).
 */
function withNoticeCounts(rubric: Rubric, inputs: ReturnType<typeof officeInputsOf>, notices: number): ReturnType<typeof officeInputsOf> {
  for (const { item } of rubricItems(rubric)) {
    const s = item.scoring;
    if (s.kind !== 'office' || s.source !== 'notices' || !s.bands) continue;
    const entered = Object.hasOwn(inputs.office, item.id) ? inputs.office[item.id] : undefined;
    if (entered?.count === undefined) inputs.office[item.id] = { ...entered, count: notices };
  }
  return inputs;
}

/** The received units' years from this PC's IndexedDB; `timing` splits reading from reducing, for the benchmark. */
export function localUnitYears(db: ZwDb, timing?: EvaluationTiming): UnitYears {
  return {
    async evaluationUnits(officeUnitId, year, now) {
      const out: UnitYearFigures[] = [];
      await eachUnitYear(db, officeUnitId, year, (r, unitId, identity) => out.push(unitYearFigures(r, unitId, identity, year, now)), timing);
      return out;
    },
    async noticeUnits(officeUnitId, period, now) {
      const out: NoticeUnit[] = [];
      await eachUnitYear(db, officeUnitId, noticeYear(period), (r, unitId, identity) => {
        const named = noticeUnitOf(r, unitId, identity, period, now);
        if (named) out.push(named);
      });
      return out;
    },
  };
}

/**
 * Every received unit of the year, scored and ranked within its group. The
 * units' figures come from `years` (either store, reduced a batch of units
 * at a time, so memory never holds the province's year); the rubrics, the
 * group's entries and the notices are the office's own records in `db`.
 */
export async function officeEvaluation(db: ZwDb, years: UnitYears, officeUnitId: string, year: number, now = Date.now(), timing?: EvaluationTiming): Promise<GroupEvaluation[]> {
  const reduced = await years.evaluationUnits(officeUnitId, year, now);
  const entries = await db.evaluationEntries.bulkGet(reduced.map((u) => evaluationEntriesId(officeUnitId, year, u.unitId)));
  const gathered: Gathered[] = reduced.map((u, i) => ({ ...u, entries: entries[i]?.unitId === officeUnitId ? entries[i] : undefined }));
  const rubrics = { county: await officeRubric(db, 'county', year), municipal: await officeRubric(db, 'municipal', year) };
  const counted = noticeCounts((await db.networkNotices.where('unitId').equals(officeUnitId).toArray()) as NetworkNotice[], year);
  const rankStart = performance.now();
  const groups = (['county', 'municipal'] as const).map((group) => {
    const rubric = rubrics[group];
    const members = gathered.filter((g) => g.profile.level === group);
    const evidence = members.map((g): UnitEvidence & { figures: Partial<Record<FigureId, FigureValue>> } => ({
      unitId: g.unitId,
      figures: withUnitsWord(rubric, g),
      declared: g.self ? declaredOf(rubric, g.self.items) : {},
      ...withNoticeCounts(rubric, officeInputsOf(g.entries), counted.get(g.unitId) ?? 0),
    }));
    const scores = scoreGroup(rubric, evidence, 'office');
    const placings = new Map(rankScores(rubric, scores).map((p) => [p.unitId, p]));
    const units = members.map((g, i): UnitEvaluation => {
      const score = scores[i]!;
      const comparisons = compare(rubric, g, score, evidence[i]!.figures);
      return { ...g, figures: evidence[i]!.figures, score, placing: placings.get(g.unitId)!, comparisons, mismatches: comparisons.filter((c) => c.mismatch).length, notices: counted.get(g.unitId) ?? 0 };
    });
    units.sort((a, b) => a.placing.place - b.placing.place || (a.unitId < b.unitId ? -1 : 1));
    return { group, rubric, units };
  });
  if (timing) timing.computeMs += performance.now() - rankStart;
  return groups;
}

/**
 * Saves the evaluation group's entries for one unit and year, checked against
 * the rubric: office and rank items only for entries, any item for an
 * adjustment, points within the item's maximum, 不适用 only where allowed.
 */
export async function saveEvaluationEntries(db: ZwDb, actor: Actor, rubric: Rubric, body: Omit<EvaluationEntriesBody, 'year'> & { year: number }): Promise<EvaluationEntries> {
  const parsed = evaluationEntriesInput.safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  const byId = new Map(rubricItems(rubric).map(({ item }) => [item.id, item]));
  const issues: { field: string; code: string; vars?: Record<string, string> }[] = [];
  for (const e of parsed.data.entries) {
    const item = byId.get(e.itemId);
    if (!item || (item.scoring.kind !== 'office' && item.scoring.kind !== 'rank')) {
      issues.push({ field: `entries.${e.itemId}`, code: 'evaluation.unknownItem' });
      continue;
    }
    if (e.points === null && !item.mayNotApply) issues.push({ field: `entries.${e.itemId}`, code: 'evaluation.mustApply', vars: { item: item.text } });
    if (typeof e.points === 'number' && e.points > item.maxPoints) issues.push({ field: `entries.${e.itemId}`, code: 'evaluation.pointsRange', vars: { item: item.text, max: String(item.maxPoints) } });
  }
  for (const a of parsed.data.adjustments) {
    const item = byId.get(a.itemId);
    if (!item) issues.push({ field: `adjustments.${a.itemId}`, code: 'evaluation.unknownItem' });
    else if (a.points > item.maxPoints) issues.push({ field: `adjustments.${a.itemId}`, code: 'evaluation.pointsRange', vars: { item: item.text, max: String(item.maxPoints) } });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const id = evaluationEntriesId(actor.unitId, parsed.data.year, parsed.data.assessedUnitId);
  let saved: EvaluationEntries | undefined;
  await commit(db, actor, async () => {
    const previous = await db.evaluationEntries.get(id);
    const mine = previous?.unitId === actor.unitId ? previous : undefined;
    saved = mine ? revise(mine, parsed.data, actor) : { ...newRecord(actor, parsed.data), id };
    return [{ table: 'evaluationEntries', op: mine ? 'update' : 'create', record: saved }];
  });
  return saved!;
}

/** The year's final results as a policy publishes them: every unit's total, place and items, with the office's reasons. */
export function publishedResultsOf(groups: readonly GroupEvaluation[], year: number): PublishedResult[] {
  return groups.flatMap((g) =>
    g.units.map((u) => ({
      year,
      group: g.group,
      unitCode: u.identity.unitCode,
      unitName: u.identity.unitName,
      rubricVersion: g.rubric.version,
      total: u.score.total,
      place: u.placing.place,
      tied: u.placing.tied,
      groupSize: g.units.length,
      items: u.score.items.flatMap((i) => (i.status === 'officeOnly' ? [] : [{ itemId: i.itemId, status: i.status, points: i.points, ...(i.adjustment ? { reason: i.adjustment.reason } : {}) }])),
    })),
  );
}
