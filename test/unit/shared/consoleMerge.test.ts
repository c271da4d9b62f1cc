import { describe, expect, it } from 'vitest';
import { decideWrites, gapsOf, standingOf, type Held } from '../../../shared/console/merge';
import type { RecordMeta } from '../../../shared/domain/record';

const rec = (id: string, rev: number) => ({ seq: rev, record: { id, rev, unitId: 'A' } as unknown as RecordMeta });

describe('what a verified bundle writes at the office', () => {
  const cases: { name: string; held: Held; rev: number; writes: boolean }[] = [
    { name: 'a new id', held: { elsewhere: false }, rev: 1, writes: true },
    { name: 'a newer revision of its own', held: { ownRev: 1, elsewhere: false }, rev: 2, writes: true },
    { name: 'the same revision again', held: { ownRev: 2, elsewhere: false }, rev: 2, writes: false },
    { name: 'an older revision', held: { ownRev: 3, elsewhere: false }, rev: 2, writes: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = decideWrites('devices', [rec('d1', c.rev)], [c.held]);
      expect('writes' in out && out.writes.length).toBe(c.writes ? 1 : 0);
    });
  }

  it('an id held elsewhere refuses the whole bundle, naming the entry', () => {
    const out = decideWrites('devices', [rec('d1', 1), rec('d2', 2)], [{ elsewhere: false }, { ownRev: 1, elsewhere: true }]);
    expect(out).toEqual({ problem: { kind: 'otherUnit', table: 'devices', seq: 2, recordId: 'd2', field: 'id' } });
  });
});

describe('gaps in what a unit has sent', () => {
  it.each([
    [[[1, 7]], [], 'valid'],
    [[[1, 5], [8, 9]], [{ from: 6, to: 7 }], 'gapBefore'],
    [[[8, 9], [1, 5], [6, 7]], [], 'valid'],
  ] as const)('%j', (ranges, gaps, standing) => {
    expect(gapsOf(ranges)).toEqual(gaps);
    expect(standingOf(8, ranges)).toBe(standing);
  });
});
