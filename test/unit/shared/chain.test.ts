import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEntry, verifyChain, type ChangeEntry } from '../../../shared/changelog/chain';
import { canonical } from '../../../shared/changelog/canonical';

function chain(n: number, unitId = 'u1'): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const unhashed = { unitId, seq, table: 'devices', recordId: `d${seq}`, rev: 1, op: 'create' as const, at: 1_700_000_000_000 + seq, by: 'a1', record: { ip: `10.0.0.${seq}`, n: seq }, prevHash };
    prevHash = hashEntry(unhashed);
    entries.push({ ...unhashed, hash: prevHash });
  }
  return entries;
}

describe('canonical (RFC 8785)', () => {
  it('sorts keys and normalises numbers', () => {
    expect(canonical({ b: 1, a: [1e3, 'x', null], c: { z: true, y: 1.5 } })).toBe('{"a":[1000,"x",null],"b":1,"c":{"y":1.5,"z":true}}');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, count: 5, lastSeq: 5, lastHash: entries[4]!.hash });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastSeq: 0, lastHash: GENESIS_HASH });
  });

  it('detects an edited record', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, record: { ip: '10.0.0.99', n: 3 } };
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 3, problem: 'hash' });
  });

  it('detects an edited record whose hash was recomputed', () => {
    const entries = chain(5);
    const { hash: _old, ...rest } = { ...entries[2]!, by: 'intruder' };
    entries[2] = { ...rest, hash: hashEntry(rest) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 4, problem: 'link' });
  });

  it('detects a deleted entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 2, problem: 'sequence' });
  });

  it('detects reordered entries even when renumbered', () => {
    const entries = chain(5);
    const a = entries[1]!;
    const b = entries[2]!;
    entries[1] = { ...b, seq: 2 };
    entries[2] = { ...a, seq: 3 };
    const verdict = verifyChain(entries);
    expect(verdict.ok).toBe(false);
    expect(verdict).toMatchObject({ seq: 2 });
  });

  it('detects an entry of another unit', () => {
    const entries = chain(3);
    const other = chain(3, 'u2');
    entries[2] = other[2]!;
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 3, problem: 'unit' });
  });

  it('verifies a segment from a known head', () => {
    const entries = chain(6);
    expect(verifyChain(entries.slice(3), { seq: 3, hash: entries[2]!.hash })).toMatchObject({ ok: true, count: 3, lastSeq: 6 });
  });
});
