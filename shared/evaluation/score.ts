import { round2 } from './check';
import { domainTop, FIGURES, type FigureDomain, type FigureId, type FigureValue } from './figures';
import { BONUS, CATEGORY_IDS, rubricItems, type Band, type CategoryId, type Rubric, type RubricItem } from './rubric';

/**
 * The scoring model, the one place that turns a rubric and a unit's evidence
 * into points. The unit's 年度自评 and the office's 综合考评 both call it.
 *
 * - Every item scores between 0 and its maximum, or does not apply (不适用).
 *   An item that does not apply leaves the denominator: it is not a zero.
 *   A declared item does not apply only where the rubric allows it; a figure
 *   item does not apply when there is nothing to measure (no fault reported,
 *   so no arrival rate); a rank or office item when the office says so.
 * - The five scored categories are scaled together to the rubric's total:
 *   a category's score is `total × its points ÷ the applicable maximum of all
 *   five`. With every item applicable that is simply its points; a unit for
 *   which an 8-point item does not apply is judged on the other 92 and scaled
 *   to 100, so it neither loses nor gains for the item.
 * - 加分项 comes on top of the total, its points capped at its category's maximum.
 * - An item nobody has scored yet counts 0 and says so (`missing`).
 * - A figure over a part of the year (joined mid-year, a calendar missing) is
 *   provisional; a count the rubric says to prorate is scaled up to the whole
 *   period (`value × periodDays ÷ coveredDays`), a rate is already a share.
 * - The unit's own assessment (`self`) scores what the unit can score —
 *   declared items and figures it computes itself; rank and office items are
 *   shown but left out of both sides of the fraction (`officeOnly`). The
 *   office (`office`) scores every item, and may set any item's points with a
 *   reason.
 * - Scores are kept to two decimals: the five categories' sum is rounded, and
 *   their scores are rounded so that they add up to it (apportionCents), so
 *   the printed table adds up and no unit gains a hundredth from rounding.
 */
export type ScoringMode = 'self' | 'office';
export type ItemStatus = 'scored' | 'notApplicable' | 'officeOnly' | 'missing';

/** The unit's own points for a declared item; `points: null` is 不适用. */
export interface DeclaredScore {
  points: number | null;
  note: string;
  documents: string;
}

/** What the office enters for one of its items: points, a count scored by the item's bands, or a rank basis. */
export interface OfficeEntry {
  points?: number | null;
  count?: number;
  basis?: number | null;
}

export interface Adjustment {
  points: number;
  reason: string;
}

export interface UnitEvidence {
  unitId: string;
  figures: Partial<Record<FigureId, FigureValue>>;
  declared: Readonly<Record<string, DeclaredScore>>;
  office: Readonly<Record<string, OfficeEntry>>;
  adjustments: Readonly<Record<string, Adjustment>>;
}

export interface ItemScore {
  itemId: string;
  category: CategoryId;
  maxPoints: number;
  status: ItemStatus;
  /** The points counted (0 unless scored), after any adjustment. */
  points: number;
  /** The points before the office's adjustment, when there was one. */
  computed?: number;
  adjustment?: Adjustment;
  /** The figure behind a figure or rank item, and the value used after proration. */
  figure?: FigureValue & { used: number | null };
  provisional: boolean;
}

export interface CategoryScore {
  id: CategoryId;
  /** Points of the applicable items, and their maximum. */
  points: number;
  applicableMax: number;
  /** Its contribution to the total (see the model above). */
  score: number;
}

export interface UnitScore {
  unitId: string;
  rubricVersion: number;
  mode: ScoringMode;
  items: ItemScore[];
  categories: CategoryScore[];
  base: number;
  bonus: number;
  total: number;
  provisional: boolean;
  /** Nothing in the five categories applied: the total means nothing and is shown as such. */
  nothingApplicable: boolean;
}

/** A band's points at `value` (clamped into the figure's range). */
export function bandPoints(bands: readonly Band[], value: number, domain: FigureDomain): number {
  const top = domainTop(domain);
  const v = Math.max(0, top === null ? value : Math.min(top, value));
  const band = bands.find((b) => v >= b.from && (b.to === null || v < b.to || (top !== null && b.to === top && v === top)));
  if (!band) return 0;
  if (band.toPoints === undefined || band.to === null || band.to === band.from) return band.points;
  return band.points + ((band.toPoints - band.points) * (v - band.from)) / (band.to - band.from);
}

/** The value a figure item scores: a prorated count scaled to the whole period. */
export function usedValue(f: FigureValue, prorate: boolean): number | null {
  if (f.value === null) return null;
  if (!prorate || f.coveredDays >= f.periodDays) return f.value;
  if (f.coveredDays <= 0) return null;
  return (f.value * f.periodDays) / f.coveredDays;
}

/** A record's own entry: an item id such as `constructor` must not find Object's. */
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

const clamp = (p: number, max: number) => Math.min(max, Math.max(0, Number.isFinite(p) ? p : 0));

/** Scores one unit; rank items need the whole group (`scoreGroup`), alone they are left to the office. */
export function scoreUnit(rubric: Rubric, unit: UnitEvidence, mode: ScoringMode): UnitScore {
  return scoreGroup(rubric, [unit], mode)[0]!;
}

/** Scores every unit of one group against its rubric; rank items are placed among these units. */
export function scoreGroup(rubric: Rubric, units: readonly UnitEvidence[], mode: ScoringMode): UnitScore[] {
  const rankPoints = mode === 'office' ? rankItemPoints(rubric, units) : new Map<string, Map<string, number | null>>();
  return units.map((unit) => {
    const items = rubricItems(rubric).map(({ category, item }) => {
      const s = itemScore(item, category.id, unit, mode, rankPoints.get(item.id)?.get(unit.unitId));
      const adj = mode === 'office' ? own(unit.adjustments, item.id) : undefined;
      if (!adj || s.status === 'officeOnly') return s;
      return { ...s, status: 'scored' as const, computed: s.points, points: clamp(adj.points, item.maxPoints), adjustment: adj };
    });
    return total(rubric, unit.unitId, mode, items);
  });
}

function itemScore(item: RubricItem, category: CategoryId, unit: UnitEvidence, mode: ScoringMode, rank: number | null | undefined): ItemScore {
  const base = { itemId: item.id, category, maxPoints: item.maxPoints, provisional: false };
  const out = (status: ItemStatus, points = 0, extra: Partial<ItemScore> = {}): ItemScore => ({ ...base, status, points: status === 'scored' ? clamp(points, item.maxPoints) : 0, ...extra });
  const s = item.scoring;
  switch (s.kind) {
    case 'declared': {
      const d = own(unit.declared, item.id);
      if (!d) return out('missing');
      if (d.points === null) return item.mayNotApply ? out('notApplicable') : out('missing');
      return out('scored', d.points);
    }
    case 'figure': {
      const info = FIGURES[s.figure];
      if (mode === 'self' && info.side === 'office') return out('officeOnly');
      const f = unit.figures[s.figure];
      if (!f) return out('missing');
      const used = usedValue(f, s.prorate);
      const extra = { figure: { ...f, used }, provisional: f.provisional };
      return used === null ? out('notApplicable', 0, extra) : out('scored', bandPoints(s.bands, used, info.domain), extra);
    }
    case 'rank': {
      if (mode === 'self') return out('officeOnly');
      const f = s.basis.source === 'figure' ? unit.figures[s.basis.figure] : undefined;
      const extra = f ? { figure: { ...f, used: f.value }, provisional: f.provisional } : {};
      if (rank === undefined) return out('missing', 0, extra);
      return rank === null ? out('notApplicable', 0, extra) : out('scored', rank, extra);
    }
    case 'office': {
      if (mode === 'self') return out('officeOnly');
      const e = own(unit.office, item.id);
      if (s.bands) return e?.count === undefined ? out('missing') : out('scored', bandPoints(s.bands, e.count, 'count'));
      if (!e || e.points === undefined) return out('missing');
      if (e.points === null) return item.mayNotApply ? out('notApplicable') : out('missing');
      return out('scored', e.points);
    }
  }
}

function total(rubric: Rubric, unitId: string, mode: ScoringMode, items: ItemScore[]): UnitScore {
  const counted = (i: ItemScore) => i.status === 'scored' || i.status === 'missing';
  const sums = CATEGORY_IDS.map((id) => {
    const own = items.filter((i) => i.category === id && counted(i));
    return { id, points: own.reduce((s, i) => s + i.points, 0), applicableMax: own.reduce((s, i) => s + i.maxPoints, 0) };
  });
  const denominator = sums.filter((c) => c.id !== BONUS).reduce((s, c) => s + c.applicableMax, 0);
  const bonusCap = rubric.categories.find((c) => c.id === BONUS)?.maxPoints ?? 0;
  const scaled = sums.map((c) => (c.id === BONUS || denominator === 0 ? 0 : (rubric.total * c.points) / denominator));
  const base = round2(scaled.reduce((s, v) => s + v, 0));
  const shares = apportionCents(scaled, Math.round(base * 100));
  const categories: CategoryScore[] = sums.map((c, i) => ({
    id: c.id,
    points: round2(c.points),
    applicableMax: round2(c.applicableMax),
    score: c.id === BONUS ? round2(Math.min(bonusCap, c.points)) : shares[i]! / 100,
  }));
  const bonus = categories.find((c) => c.id === BONUS)?.score ?? 0;
  return {
    unitId,
    rubricVersion: rubric.version,
    mode,
    items,
    categories,
    base,
    bonus,
    total: round2(base + bonus),
    provisional: items.some((i) => i.provisional && counted(i)),
    nothingApplicable: denominator === 0,
  };
}

/**
 * Rounds each value to hundredths so that they add up to `totalCents` (the
 * rounded sum): three categories of 16.666… print 16.67, 16.67, 16.66 and
 * the total 50, not 50.01. The hundredths left over go to the largest
 * remainders, the earlier category first when equal.
 */
export function apportionCents(values: readonly number[], totalCents: number): number[] {
  const exact = values.map((v) => v * 100);
  const floors = exact.map((v) => Math.floor(v + 1e-9));
  let left = totalCents - floors.reduce((s, v) => s + v, 0);
  const order = exact.map((v, i) => ({ i, r: v - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]! + 1;
    left -= 1;
  }
  return floors;
}

/**
 * Points of every rank item for every unit: places by the basis value, the
 * better first, equal values sharing a place (1, 2, 2, 4) and its points; or
 * in proportion to the best value. A unit without a basis value does not
 * take part and the item does not apply to it.
 */
export function rankItemPoints(rubric: Rubric, units: readonly UnitEvidence[]): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const { item } of rubricItems(rubric)) {
    const s = item.scoring;
    if (s.kind !== 'rank') continue;
    const higher = s.basis.source === 'figure' ? FIGURES[s.basis.figure].higherIsBetter : s.basis.higherIsBetter;
    const values = new Map<string, number | null>();
    for (const u of units) {
      const v = s.basis.source === 'figure' ? u.figures[s.basis.figure]?.value : own(u.office, item.id)?.basis;
      if (v !== undefined) values.set(u.unitId, v === null || !Number.isFinite(v) ? null : v);
    }
    const present = [...values.values()].filter((v): v is number => v !== null);
    const points = new Map<string, number | null>();
    const better = (a: number, b: number) => (higher ? a > b : a < b);
    const best = present.length ? (higher ? Math.max(...present) : Math.min(...present)) : 0;
    for (const [unitId, v] of values) {
      if (v === null) {
        points.set(unitId, null);
        continue;
      }
      if (s.table.kind === 'places') {
        const place = 1 + present.filter((o) => better(o, v)).length;
        points.set(unitId, s.table.points[place - 1] ?? s.table.rest);
      } else {
        const share = higher ? (best > 0 ? v / best : 0) : v === 0 ? 1 : best / v;
        points.set(unitId, item.maxPoints * Math.max(0, Math.min(1, share)));
      }
    }
    out.set(item.id, points);
  }
  return out;
}
