import type { Rubric } from './rubric';
import type { UnitScore } from './score';

/**
 * 名次排序 (考核办法 五): units of one group by total, the higher first. Equal
 * totals are compared by the rubric's tie-break categories in order; units
 * still equal share a place, shown 并列, and the next place is skipped
 * (1, 2, 2, 4). Scores compare in hundredths, as they are printed, so two
 * totals that print the same are the same.
 */
export interface Placing {
  unitId: string;
  place: number;
  /** Another unit has the same place. */
  tied: boolean;
  total: number;
}

const cents = (n: number) => Math.round(n * 100);

export function rankScores(rubric: Rubric, scores: readonly UnitScore[]): Placing[] {
  const key = (s: UnitScore) => [cents(s.total), ...rubric.tieBreak.map((id) => cents(s.categories.find((c) => c.id === id)?.score ?? 0))];
  const keyed = scores.map((s) => ({ s, k: key(s) }));
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
    return 0;
  };
  // Within a shared place, a fixed order (by unit) so the same scores always print the same table.
  keyed.sort((a, b) => compare(a.k, b.k) || (a.s.unitId < b.s.unitId ? -1 : a.s.unitId > b.s.unitId ? 1 : 0));
  const places: Placing[] = [];
  keyed.forEach(({ s, k }, i) => {
    const prev = keyed[i - 1];
    const place = prev && compare(prev.k, k) === 0 ? places[i - 1]!.place : i + 1;
    places.push({ unitId: s.unitId, place, tied: false, total: s.total });
  });
  const counts = new Map<number, number>();
  for (const p of places) counts.set(p.place, (counts.get(p.place) ?? 0) + 1);
  return places.map((p) => ({ ...p, tied: (counts.get(p.place) ?? 0) > 1 }));
}
