import { describe, expect, it } from 'vitest';
import { coverageOf, enrolledIdentities } from '../../../shared/console/coverage';

const key = (unitId: string, unitName: string, enrolledAt: number, revokedAt: number | null = null) => ({ unitId, unitName, unitCode: `C-${unitName}`, enrolledAt, revokedAt });
const bundle = (unitId: string, fromSeq: number, toSeq: number, receivedAt: number, extra: object = {}) => ({ unitId, unitName: '自称', unitCode: 'X', fromSeq, toSeq, receivedAt, lastEntryAt: toSeq * 10, ...extra });

describe('what the office has received of each unit, over plain data', () => {
  it('names a unit by its active key, else by the latest key it had', () => {
    const ids = enrolledIdentities([key('a', '新名', 5), key('a', '旧名', 1, 3), key('b', '乙早', 1, 2), key('b', '乙晚', 4, 6)]);
    expect(ids.get('a')!.unitName).toBe('新名');
    expect(ids.get('b')!.unitName).toBe('乙晚');
  });

  it('counts bundles, keeps the latest claim, the highest seq and the holes; a unit enrolled but silent still has its row', () => {
    const ids = enrolledIdentities([key('a', '甲', 1), key('c', '丙', 1)]);
    const rows = coverageOf(ids, [
      bundle('a', 301, 400, 30, { claimed: { unitName: '冒名', unitCode: 'Y' } }),
      bundle('a', 1, 100, 10),
      bundle('a', 101, 150, 20),
      bundle('z', 1, 5, 40),
    ]);
    const a = rows.find((r) => r.unitId === 'a')!;
    expect(a).toMatchObject({ unitName: '甲', unitCode: 'C-甲', bundles: 3, lastReceivedAt: 30, lastEntryAt: 4000, toSeq: 400, claimed: { unitName: '冒名', unitCode: 'Y' } });
    expect(a.gaps).toEqual([{ from: 151, to: 300 }]);
    expect(rows.find((r) => r.unitId === 'c')).toMatchObject({ bundles: 0, lastReceivedAt: null, lastEntryAt: null, toSeq: 0, gaps: [] });
    // Bundles of a unit with no key enrolled any more: shown as they named themselves.
    expect(rows.find((r) => r.unitId === 'z')).toMatchObject({ unitName: '自称', unitCode: 'X', bundles: 1 });
  });

  it('gives the same rows whatever order the bundles are read in', () => {
    const ids = enrolledIdentities([key('a', '甲', 1)]);
    const list = [bundle('a', 1, 100, 10), bundle('a', 201, 300, 20), bundle('a', 101, 200, 30)];
    const rows = coverageOf(ids, list);
    expect(coverageOf(ids, [...list].reverse())).toEqual(rows);
    expect(rows[0]!.gaps).toEqual([]);
  });
});
