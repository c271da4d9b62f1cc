import { domainTop, FIGURES, type FigureDomain } from './figures';
import { BONUS, CATEGORY_IDS, CATEGORY_NAMES, rubricSchema, type Band, type Rubric, type RubricItem } from './rubric';

/**
 * Whether a rubric can be published: the shape (rubricSchema) and then what
 * the shape cannot say — every item id once, the categories in the order of
 * 考核办法 三, items adding up to their category and categories to the total,
 * bands that cover a figure's whole range with neither gaps nor overlaps,
 * rank tables that never reward a lower place more. The rubric editor shows
 * these problems and refuses to publish while there is any.
 */
export interface RubricProblem {
  /** Where: a category id, `category/item`, or '' for the rubric as a whole. */
  at: string;
  zh: string;
  en: string;
}

/** Sums compare within a hundredth of a point: rubrics are written to at most two decimals. */
const same = (a: number, b: number) => Math.abs(a - b) < 0.005;

export function checkRubric(input: unknown): { ok: true; rubric: Rubric } | { ok: false; problems: RubricProblem[] } {
  const parsed = rubricSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 20).map((i) => ({ at: i.path.join('.'), zh: `格式不正确：${i.path.join('.') || '整体'}`, en: `Malformed: ${i.path.join('.') || 'rubric'}` })),
    };
  }
  const rubric = parsed.data;
  const problems: RubricProblem[] = [];
  const add = (at: string, zh: string, en: string) => problems.push({ at, zh, en });

  rubric.categories.forEach((c, i) => {
    if (c.id !== CATEGORY_IDS[i]) add(c.id, `第 ${i + 1} 类应为“${CATEGORY_NAMES[CATEGORY_IDS[i]!].zh}”，现为“${CATEGORY_NAMES[c.id].zh}”`, `Category ${i + 1} must be ${CATEGORY_NAMES[CATEGORY_IDS[i]!].en}`);
  });

  const seen = new Map<string, string>();
  for (const category of rubric.categories) {
    const name = CATEGORY_NAMES[category.id].zh;
    for (const item of category.items) {
      const at = `${category.id}/${item.id}`;
      const first = seen.get(item.id);
      if (first !== undefined) add(at, `项目编号 ${item.id} 重复（${first}、${name}）`, `Item id ${item.id} is used twice`);
      else seen.set(item.id, name);
      if (item.maxPoints > category.maxPoints + 0.005) add(at, `项目 ${item.id} 的分值 ${item.maxPoints} 超过“${name}”的总分 ${category.maxPoints}`, `Item ${item.id} is worth more than its category`);
      for (const p of itemProblems(item)) add(at, `项目 ${item.id}：${p.zh}`, `Item ${item.id}: ${p.en}`);
    }
    if (category.id !== BONUS) {
      const sum = category.items.reduce((s, i) => s + i.maxPoints, 0);
      if (!same(sum, category.maxPoints)) add(category.id, `“${name}”各项分值合计 ${round2(sum)}，与该类总分 ${category.maxPoints} 不符`, `${CATEGORY_NAMES[category.id].en}: items add up to ${round2(sum)}, not ${category.maxPoints}`);
    } else if (category.maxPoints <= 0) {
      add(category.id, '“加分项”须有加分上限', 'The bonus needs a cap');
    }
  }
  const base = rubric.categories.filter((c) => c.id !== BONUS).reduce((s, c) => s + c.maxPoints, 0);
  if (!same(base, rubric.total)) add('', `五类（不含加分项）总分合计 ${round2(base)}，与总分 ${rubric.total} 不符`, `The five categories add up to ${round2(base)}, not ${rubric.total}`);
  if (new Set(rubric.tieBreak).size !== rubric.tieBreak.length) add('', '同分比较的类别有重复', 'A tie-break category is listed twice');

  return problems.length ? { ok: false, problems } : { ok: true, rubric };
}

function itemProblems(item: RubricItem): { zh: string; en: string }[] {
  const s = item.scoring;
  switch (s.kind) {
    case 'declared':
      return [];
    case 'figure': {
      const info = FIGURES[s.figure];
      const out = bandProblems(s.bands, info.domain, item.maxPoints);
      if (s.prorate && info.domain !== 'count') out.push({ zh: `“${info.zh}”是比率或时长，不能按在册时间折算`, en: 'only counts can be prorated' });
      return out;
    }
    case 'office':
      return s.bands ? bandProblems(s.bands, 'count', item.maxPoints) : [];
    case 'rank': {
      if (s.table.kind === 'proportional') return [];
      const out: { zh: string; en: string }[] = [];
      const table = s.table.points;
      if (table.some((p) => p > item.maxPoints + 0.005) || s.table.rest > item.maxPoints + 0.005) out.push({ zh: `名次分超过该项分值 ${item.maxPoints}`, en: 'a place is worth more than the item' });
      if (table.some((p, i) => i > 0 && p > table[i - 1]!) || s.table.rest > table.at(-1)!) out.push({ zh: '名次靠后的得分不能高于靠前的', en: 'a lower place may not score more than a higher one' });
      return out;
    }
  }
}

/**
 * Bands must start at 0, each begin where the last ended, and end at the top
 * of the figure's range (100 % for a rate, open-ended for a count), with no
 * band's points above the item's.
 */
export function bandProblems(bands: readonly Band[], domain: FigureDomain, maxPoints: number): { zh: string; en: string }[] {
  const out: { zh: string; en: string }[] = [];
  const top = domainTop(domain);
  const show = (v: number | null) => (v === null ? '无上限' : domain === 'rate' ? `${round2(v * 100)}%` : String(v));
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  if (sorted[0]!.from !== 0) out.push({ zh: `第一档应从 ${show(0)} 开始，现从 ${show(sorted[0]!.from)} 开始`, en: 'the first band must start at 0' });
  sorted.forEach((b, i) => {
    const n = i + 1;
    if (b.to !== null && b.to <= b.from) out.push({ zh: `第 ${n} 档的上限 ${show(b.to)} 不大于下限 ${show(b.from)}`, en: `band ${n} ends before it starts` });
    if (top !== null && (b.to === null || b.to > top || b.from > top)) out.push({ zh: `第 ${n} 档超出了 ${show(top)}`, en: `band ${n} goes past ${show(top)}` });
    if (b.points > maxPoints + 0.005 || (b.toPoints ?? 0) > maxPoints + 0.005) out.push({ zh: `第 ${n} 档的得分超过该项分值 ${maxPoints}`, en: `band ${n} scores more than the item` });
    if (b.toPoints !== undefined && b.to === null) out.push({ zh: `第 ${n} 档没有上限，不能按比例递减`, en: `band ${n} is open-ended and cannot be linear` });
    const next = sorted[i + 1];
    if (next) {
      if (b.to === null || next.from < b.to) out.push({ zh: `第 ${n} 档与第 ${n + 1} 档重叠`, en: `bands ${n} and ${n + 1} overlap` });
      else if (next.from > b.to) out.push({ zh: `第 ${n} 档止于 ${show(b.to)}，第 ${n + 1} 档从 ${show(next.from)} 开始，中间有空档`, en: `a gap between bands ${n} and ${n + 1}` });
    }
  });
  const last = sorted.at(-1)!;
  if (top === null && last.to !== null) out.push({ zh: `最后一档应不设上限，现止于 ${show(last.to)}`, en: 'the last band must be open-ended' });
  if (top !== null && last.to !== null && last.to < top) out.push({ zh: `最后一档应到 ${show(top)}，现止于 ${show(last.to)}`, en: `the last band must reach ${show(top)}` });
  return out;
}

/** The rubrics in a stored list that pass the check; anything else in it is dropped (a store is not signed). */
export function checkedRubrics(stored: unknown): Rubric[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((r) => {
    const checked = checkRubric(r);
    return checked.ok ? [checked.rubric] : [];
  });
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
