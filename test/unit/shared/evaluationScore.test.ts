import { describe, expect, it } from 'vitest';
import { checkRubric } from '../../../shared/evaluation/check';
import type { FigureId, FigureValue } from '../../../shared/evaluation/figures';
import { rankScores } from '../../../shared/evaluation/rank';
import type { Rubric } from '../../../shared/evaluation/rubric';
import { apportionCents, bandPoints, scoreGroup, scoreUnit, usedValue, type UnitEvidence } from '../../../shared/evaluation/score';

/**
 * A small rubric with one item of each way of scoring, 10 points a category,
 * so that expected scores can be worked out by hand.
 */
const flat = (from: number, to: number | null, points: number) => ({ from, to, points });
const RUBRIC_INPUT = {
  format: 'zwledger-rubric/1',
  year: 2026,
  version: 3,
  group: 'county',
  title: '测试细则',
  example: false,
  total: 50,
  tieBreak: ['security'],
  categories: [
    { id: 'organisation', maxPoints: 10, items: [
      { id: 'o1', text: '领导', maxPoints: 6, mayNotApply: false, scoring: { kind: 'declared', evidence: '' } },
      { id: 'o2', text: '资金', maxPoints: 4, mayNotApply: true, scoring: { kind: 'declared', evidence: '' } },
    ] },
    { id: 'application', maxPoints: 10, items: [
      { id: 'a1', text: '按时率', maxPoints: 10, mayNotApply: false, scoring: { kind: 'figure', figure: 'checkinOnTimeRate', prorate: false, bands: [flat(0, 0.6, 0), { from: 0.6, to: 0.95, points: 0, toPoints: 10 }, flat(0.95, 1, 10)] } },
    ] },
    { id: 'sharing', maxPoints: 10, items: [
      { id: 's1', text: '备案', maxPoints: 10, mayNotApply: false, scoring: { kind: 'figure', figure: 'copyFilings', prorate: true, bands: [flat(0, 1, 0), flat(1, 4, 5), flat(4, null, 10)] } },
    ] },
    { id: 'security', maxPoints: 10, items: [
      { id: 'r1', text: '查杀名次', maxPoints: 10, mayNotApply: false, scoring: { kind: 'rank', basis: { source: 'figure', figure: 'scanCoverage' }, table: { kind: 'places', points: [10, 8, 6], rest: 4 } } },
    ] },
    { id: 'environment', maxPoints: 10, items: [
      { id: 'e1', text: '抽查', maxPoints: 5, mayNotApply: false, scoring: { kind: 'office', source: 'spotCheck' } },
      { id: 'e2', text: '通报', maxPoints: 5, mayNotApply: false, scoring: { kind: 'office', source: 'notices', bands: [flat(0, 1, 5), flat(1, 3, 2), flat(3, null, 0)] } },
    ] },
    { id: 'bonus', maxPoints: 5, items: [
      { id: 'b1', text: '试点', maxPoints: 3, mayNotApply: true, scoring: { kind: 'declared', evidence: '' } },
      { id: 'b2', text: '网站评比', maxPoints: 5, mayNotApply: false, scoring: { kind: 'rank', basis: { source: 'office', label: '名次', higherIsBetter: false }, table: { kind: 'proportional' } } },
    ] },
  ],
};
const checked = checkRubric(RUBRIC_INPUT);
if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
const RUBRIC: Rubric = checked.rubric;

const whole = (value: number | null): FigureValue => ({ value, provisional: false, coveredDays: 365, periodDays: 365 });
const d = (points: number | null) => ({ points, note: '', documents: '' });

/** A unit that scores full marks everywhere unless told otherwise. */
function unit(unitId: string, over: Partial<UnitEvidence> & { fig?: Partial<Record<FigureId, FigureValue>> } = {}): UnitEvidence {
  return {
    unitId,
    figures: { checkinOnTimeRate: whole(1), copyFilings: whole(5), scanCoverage: whole(1), ...over.fig },
    declared: over.declared ?? { o1: d(6), o2: d(4), b1: d(3) },
    office: over.office ?? { e1: { points: 5 }, e2: { count: 0 }, b2: { basis: 1 } },
    adjustments: over.adjustments ?? {},
  };
}
const item = (s: ReturnType<typeof scoreUnit>, id: string) => s.items.find((i) => i.itemId === id)!;
const category = (s: ReturnType<typeof scoreUnit>, id: string) => s.categories.find((c) => c.id === id)!;

describe('band points', () => {
  const bands = (RUBRIC.categories[1]!.items[0]!.scoring as { bands: Parameters<typeof bandPoints>[0] }).bands;
  it.each([
    [0, 0],
    [0.5999, 0],
    [0.6, 0],
    [0.775, 5],
    [0.9499, 9.997],
    [0.95, 10],
    [0.999, 10],
    [1, 10],
    [1.3, 10],
    [-0.2, 0],
  ])('an on-time rate of %s scores %s', (value, points) => {
    expect(bandPoints(bands, value, 'rate')).toBeCloseTo(points, 3);
  });

  it.each([
    [0, 5],
    [0.99, 5],
    [1, 2],
    [2.99, 2],
    [3, 0],
    [1e6, 0],
  ])('%s notices score %s (half-open bands, the upper edge belongs to the next band)', (count, points) => {
    expect(bandPoints([flat(0, 1, 5), flat(1, 3, 2), flat(3, null, 0)], count, 'count')).toBe(points);
  });
});

describe('scoring one unit', () => {
  it('gives full marks when every item is at its best', () => {
    const [s] = scoreGroup(RUBRIC, [unit('A')], 'office');
    expect(s!.base).toBe(50);
    expect(s!.bonus).toBe(5);
    expect(s!.total).toBe(55);
    expect(s!.rubricVersion).toBe(3);
    expect(s!.items.every((i) => i.status === 'scored')).toBe(true);
  });

  it('drops an item that does not apply from the denominator instead of scoring it zero', () => {
    const s = scoreUnit(RUBRIC, unit('A', { declared: { o1: d(3), o2: d(null), b1: d(null) } }), 'office');
    expect(item(s, 'o2').status).toBe('notApplicable');
    expect(category(s, 'organisation')).toMatchObject({ points: 3, applicableMax: 6 });
    // 3 + 40 of 46 applicable points, scaled to 50; bonus b1 not applicable leaves b2 = 5.
    expect(s.base).toBe(46.74);
    expect(s.categories.filter((c) => c.id !== 'bonus').map((c) => c.score)).toEqual([3.26, 10.87, 10.87, 10.87, 10.87]);
    expect(s.bonus).toBe(5);
  });

  it('does not let a unit mark 不适用 where the rubric does not allow it', () => {
    const s = scoreUnit(RUBRIC, unit('A', { declared: { o1: d(null), o2: d(4), b1: d(3) } }), 'office');
    expect(item(s, 'o1')).toMatchObject({ status: 'missing', points: 0 });
    expect(category(s, 'organisation')).toMatchObject({ points: 4, applicableMax: 10 });
    expect(s.base).toBe(44);
  });

  it('scores a unit with no data as 0 with every item missing, not as nothing applicable', () => {
    const s = scoreUnit(RUBRIC, { unitId: 'Z', figures: {}, declared: {}, office: {}, adjustments: {} }, 'office');
    expect(s.total).toBe(0);
    expect(s.nothingApplicable).toBe(false);
    expect(new Set(s.items.map((i) => i.status))).toEqual(new Set(['missing']));
  });

  it('treats a figure with nothing to measure as not applicable', () => {
    const s = scoreUnit(RUBRIC, unit('A', { fig: { checkinOnTimeRate: whole(null) } }), 'office');
    expect(item(s, 'a1').status).toBe('notApplicable');
    expect(s.base).toBe(50);
  });

  it('clamps declared points into 0…max', () => {
    const s = scoreUnit(RUBRIC, unit('A', { declared: { o1: d(60), o2: d(-4), b1: d(3) } }), 'office');
    expect(item(s, 'o1').points).toBe(6);
    expect(item(s, 'o2').points).toBe(0);
  });

  it('caps the bonus at its category maximum', () => {
    const s = scoreUnit(RUBRIC, unit('A'), 'office');
    expect(category(s, 'bonus')).toMatchObject({ points: 8, score: 5 });
  });
});

describe('part of the year', () => {
  const half: FigureValue = { value: 2, provisional: true, coveredDays: 182, periodDays: 365 };

  it('prorates a count up to the year when the rubric says so, and marks it provisional', () => {
    expect(usedValue(half, true)).toBeCloseTo(4.011, 3);
    const s = scoreUnit(RUBRIC, unit('A', { fig: { copyFilings: half } }), 'office');
    expect(item(s, 's1')).toMatchObject({ points: 10, provisional: true });
    expect(item(s, 's1').figure!.used).toBeCloseTo(4.011, 3);
    expect(s.provisional).toBe(true);
  });

  it('does not prorate a rate, or a count the rubric does not prorate', () => {
    expect(usedValue({ ...half, value: 0.8 }, false)).toBe(0.8);
    const s = scoreUnit(RUBRIC, unit('A', { fig: { checkinOnTimeRate: { ...half, value: 0.775 } } }), 'office');
    expect(item(s, 'a1').points).toBeCloseTo(5, 6);
    expect(s.provisional).toBe(true);
  });

  it('leaves an item unscored when no day of the period was covered', () => {
    expect(usedValue({ value: 0, provisional: true, coveredDays: 0, periodDays: 365 }, true)).toBeNull();
  });
});

describe('the unit’s own assessment and the office’s', () => {
  it('leaves rank and office items out of the unit’s own fraction', () => {
    const s = scoreUnit(RUBRIC, unit('A'), 'self');
    expect(['r1', 'e1', 'e2', 'b2'].map((id) => item(s, id).status)).toEqual(['officeOnly', 'officeOnly', 'officeOnly', 'officeOnly']);
    expect(category(s, 'security')).toMatchObject({ applicableMax: 0, score: 0 });
    // 30 of 30 scorable points scaled to 50, apportioned so the three categories add up exactly.
    expect(s.categories.slice(0, 3).map((c) => c.score)).toEqual([16.67, 16.67, 16.66]);
    expect(s.base).toBe(50);
    expect(s.bonus).toBe(3);
  });

  it('applies the office’s adjustment with its reason and keeps what was computed', () => {
    const s = scoreUnit(RUBRIC, unit('A', { adjustments: { a1: { points: 4, reason: '抽查发现补签记录' }, o1: { points: 99, reason: '上限' } } }), 'office');
    expect(item(s, 'a1')).toMatchObject({ points: 4, computed: 10, adjustment: { reason: '抽查发现补签记录' }, status: 'scored' });
    expect(item(s, 'o1').points).toBe(6);
    expect(s.base).toBe(44);
  });

  it('ignores adjustments in the unit’s own assessment', () => {
    const s = scoreUnit(RUBRIC, unit('A', { adjustments: { a1: { points: 0, reason: 'x' } } }), 'self');
    expect(item(s, 'a1').points).toBe(10);
  });

  it('scores a self-assessment made under an older rubric against the current one: new items are missing, dropped ones ignored', () => {
    const next = structuredClone(RUBRIC_INPUT);
    next.version = 4;
    next.categories[0]!.items = [
      { id: 'o1', text: '领导', maxPoints: 5, mayNotApply: false, scoring: { kind: 'declared', evidence: '' } },
      { id: 'o3', text: '新增：考核机制', maxPoints: 5, mayNotApply: false, scoring: { kind: 'declared', evidence: '' } },
    ];
    const r = checkRubric(next);
    expect(r.ok).toBe(true);
    const s = scoreUnit((r as { rubric: Rubric }).rubric, unit('A'), 'office');
    expect(s.rubricVersion).toBe(4);
    expect(item(s, 'o1').points).toBe(5);
    expect(item(s, 'o3').status).toBe('missing');
    expect(s.items.some((i) => i.itemId === 'o2')).toBe(false);
    expect(s.base).toBe(45);
  });
});

describe('rank items among the group', () => {
  const scans = (...values: (number | null)[]) => values.map((v, i) => unit(`U${i}`, { fig: { scanCoverage: whole(v) } }));
  const r1 = (units: UnitEvidence[]) => scoreGroup(RUBRIC, units, 'office').map((s) => item(s, 'r1'));

  it('shares a place between equal values and skips the next (1, 2, 2, 4), places past the table get the rest', () => {
    expect(r1(scans(0.9, 0.8, 0.8, 0.7, 0.1)).map((i) => i.points)).toEqual([10, 8, 8, 4, 4]);
  });

  it('gives every unit first place when all are tied, and a single unit first place', () => {
    expect(r1(scans(0.5, 0.5, 0.5)).map((i) => i.points)).toEqual([10, 10, 10]);
    expect(r1(scans(0.2)).map((i) => i.points)).toEqual([10]);
  });

  it('takes a unit without a basis value out of the ranking, where the item does not apply', () => {
    const items = r1(scans(null, 0.6));
    expect(items.map((i) => i.status)).toEqual(['notApplicable', 'scored']);
    expect(items[1]!.points).toBe(10);
  });

  it('scores in proportion to the best, lower being better when the basis says so', () => {
    const units = [1, 2, 4].map((place, i) => unit(`W${i}`, { office: { e1: { points: 5 }, e2: { count: 0 }, b2: { basis: place } } }));
    const points = scoreGroup(RUBRIC, units, 'office').map((s) => item(s, 'b2').points);
    expect(points).toEqual([5, 2.5, 1.25]);
  });
});

describe('ranking', () => {
  const scored = (totals: [string, number, number][]) =>
    totals.map(([unitId, o1, scan]) => scoreUnit(RUBRIC, unit(unitId, { declared: { o1: d(o1), o2: d(4), b1: d(0) }, adjustments: { r1: { points: scan, reason: '测试' } } }), 'office'));

  it('places equal totals together as 并列 and skips the next place', () => {
    const places = rankScores({ ...RUBRIC, tieBreak: [] }, scored([['A', 6, 10], ['B', 5, 10], ['C', 5, 10], ['D', 1, 10]]));
    expect(places.map((p) => [p.unitId, p.place, p.tied])).toEqual([
      ['A', 1, false],
      ['B', 2, true],
      ['C', 2, true],
      ['D', 4, false],
    ]);
  });

  it('breaks a tie by the rubric’s categories in order', () => {
    // B and C both total 50+bonus-5: B by a lower organisation score and a higher security one.
    const places = rankScores(RUBRIC, scored([['C', 6, 9], ['B', 5, 10]]));
    expect(places[0]!.total).toBe(places[1]!.total);
    expect(places.map((p) => [p.unitId, p.place, p.tied])).toEqual([
      ['B', 1, false],
      ['C', 2, false],
    ]);
  });

  it('ties everyone when all scores are equal, in a fixed order', () => {
    const places = rankScores(RUBRIC, scored([['C', 6, 10], ['A', 6, 10], ['B', 6, 10]]));
    expect(places.map((p) => [p.unitId, p.place, p.tied])).toEqual([
      ['A', 1, true],
      ['B', 1, true],
      ['C', 1, true],
    ]);
  });

  it('places a single unit first', () => {
    expect(rankScores(RUBRIC, scored([['A', 0, 0]]))).toEqual([{ unitId: 'A', place: 1, tied: false, total: expect.any(Number) }]);
  });
});

describe('apportioning hundredths', () => {
  it.each<[number[], number, number[]]>([
    [[16.666666, 16.666666, 16.666666], 5000, [1667, 1667, 1666]],
    [[10, 20, 30], 6000, [1000, 2000, 3000]],
    [[0.005, 0.005], 1, [1, 0]],
    [[0, 0], 0, [0, 0]],
  ])('%j to %s', (values, total, expected) => {
    expect(apportionCents(values, total)).toEqual(expected);
  });
});

