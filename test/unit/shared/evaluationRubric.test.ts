import { describe, expect, it } from 'vitest';
import county from '../../../assets/rubrics/example-county.json';
import municipal from '../../../assets/rubrics/example-municipal.json';
import { bandProblems, checkRubric } from '../../../shared/evaluation/check';
import { rubricItems, type Band, type Rubric } from '../../../shared/evaluation/rubric';

const clone = <T>(v: T): T => structuredClone(v);
const problemsOf = (input: unknown) => {
  const r = checkRubric(input);
  return r.ok ? [] : r.problems.map((p) => p.zh);
};

describe('the example rubrics shipped in assets/', () => {
  it.each([
    ['county', county],
    ['municipal', municipal],
  ])('the %s example is a consistent rubric, labelled as an example', (group, file) => {
    const r = checkRubric(file);
    expect(r.ok ? [] : r.problems).toEqual([]);
    const rubric = (r as { rubric: Rubric }).rubric;
    expect(rubric.group).toBe(group);
    expect(rubric.example).toBe(true);
    expect(rubric.title).toContain('示例');
    const kinds = new Set(rubricItems(rubric).map((x) => x.item.scoring.kind));
    expect([...kinds].sort()).toEqual(['declared', 'figure', 'office', 'rank']);
  });
});

describe('checkRubric refuses what the editor must not publish', () => {
  const base = county as unknown as Rubric;

  it('names a duplicate item id, even across categories', () => {
    const r = clone(base);
    r.categories[1]!.items[0]!.id = r.categories[0]!.items[0]!.id;
    expect(problemsOf(r).join('\n')).toContain('项目编号 org.leader 重复');
  });

  it('says by how much items miss their category and categories the total', () => {
    const r = clone(base);
    r.categories[0]!.items[0]!.maxPoints += 1;
    const p = problemsOf(r).join('\n');
    expect(p).toContain('“组织机构”各项分值合计 16，与该类总分 15 不符');
    const t = clone(base);
    t.total = 90;
    expect(problemsOf(t)).toEqual(['五类（不含加分项）总分合计 100，与总分 90 不符']);
  });

  it('wants the six categories in the order of the measures', () => {
    const r = clone(base);
    [r.categories[0], r.categories[1]] = [r.categories[1]!, r.categories[0]!];
    expect(problemsOf(r).join('\n')).toContain('第 1 类应为“组织机构”，现为“应用效果”');
  });

  it('refuses a malformed file without throwing, pointing at the field', () => {
    expect(problemsOf({ ...base, categories: 'x' })[0]).toContain('categories');
    expect(problemsOf(null)[0]).toContain('格式不正确');
    const extra = clone(base) as unknown as Record<string, unknown>;
    extra.__proto__x = 1;
    expect(checkRubric(extra).ok).toBe(false);
  });

  it('refuses a rank table that rewards a lower place more', () => {
    const r = clone(base);
    const item = r.categories[5]!.items.find((i) => i.scoring.kind === 'rank')!;
    if (item.scoring.kind === 'rank' && item.scoring.table.kind === 'places') item.scoring.table.points = [4, 2, 3];
    expect(problemsOf(r).join('\n')).toContain('名次靠后的得分不能高于靠前的');
  });

  it('refuses proration of a rate', () => {
    const r = clone(base);
    const item = rubricItems(r).find((x) => x.item.id === 'app.checkin')!.item;
    if (item.scoring.kind === 'figure') item.scoring.prorate = true;
    expect(problemsOf(r).join('\n')).toContain('不能按在册时间折算');
  });
});

describe('bands', () => {
  const b = (from: number, to: number | null, points: number, toPoints?: number): Band => (toPoints === undefined ? { from, to, points } : { from, to, points, toPoints });
  it.each<[string, Band[], 'rate' | 'count', string[]]>([
    ['a rate covered 0–100 %', [b(0, 0.6, 0), b(0.6, 0.95, 0, 10), b(0.95, 1, 10)], 'rate', []],
    ['a count open-ended', [b(0, 1, 4), b(1, 2, 2), b(2, null, 0)], 'count', []],
    ['overlapping bands', [b(0, 0.6, 0), b(0.5, 1, 10)], 'rate', ['第 1 档与第 2 档重叠']],
    ['a gap between bands', [b(0, 0.5, 0), b(0.6, 1, 10)], 'rate', ['第 1 档止于 50%，第 2 档从 60% 开始，中间有空档']],
    ['a first band not at 0', [b(0.5, 1, 10)], 'rate', ['第一档应从 0% 开始，现从 50% 开始']],
    ['a rate that stops short of 100 %', [b(0, 0.9, 0)], 'rate', ['最后一档应到 100%，现止于 90%']],
    ['a count that is capped', [b(0, 3, 1)], 'count', ['最后一档应不设上限，现止于 3']],
    ['a rate past 100 %', [b(0, 1.2, 1)], 'rate', ['第 1 档超出了 100%']],
    ['points above the item', [b(0, 1, 11)], 'rate', ['第 1 档的得分超过该项分值 10']],
    ['a linear open band', [b(0, null, 0, 5)], 'count', ['第 1 档没有上限，不能按比例递减']],
    ['a band that ends before it starts', [b(0, 0.5, 0), b(0.5, 0.5, 1), b(0.5, 1, 2)], 'rate', ['第 2 档的上限 50% 不大于下限 50%']],
  ])('%s', (_name, bands, domain, expected) => {
    expect(bandProblems(bands, domain, 10).map((p) => p.zh)).toEqual(expected);
  });
});
