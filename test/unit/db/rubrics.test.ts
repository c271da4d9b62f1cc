import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin } from './helpers';
import { officeRubric, officeRubrics, RubricRefused, saveOfficeRubric } from '../../../renderer/db/rubrics';
import { applyPolicy, publishedResults, publishedRubrics } from '../../../renderer/db/policy';
import { rubricForUnit } from '../../../renderer/db/evaluation';
import { packPolicy, policyBytes, POLICY_FORMAT, readPolicy, type Policy } from '../../../shared/bundle/policy';
import { generateKeyPair, keyIdOf, sign } from '../../../shared/bundle/suites';
import { exampleRubric } from '../../../shared/evaluation/examples';
import type { Rubric } from '../../../shared/evaluation/rubric';

const office = generateKeyPair('ed25519-sha256');
function policy(rubrics: Rubric[], issuedAt = 100, results?: Policy['results']): Uint8Array {
  const p: Policy = {
    format: POLICY_FORMAT,
    issuer: { unitId: 'office', name: '平凉市信息办', code: 'PL-XXB', suite: office.suite, publicKey: office.publicKey, keyId: keyIdOf(office.suite, office.publicKey) },
    issuedAt,
    acceptedSuites: ['sm2-sm3'],
    calendar: [],
    schedule: null,
    ipRanges: [],
    directory: [],
    rubrics,
    ...(results ? { results } : {}),
  };
  const bytes = policyBytes(p);
  return packPolicy(bytes, sign(office.suite, office.privateKey, bytes));
}

describe('the office’s rubrics', () => {
  it('keeps a consistent rubric per group and year, counting its version up when it changes', async () => {
    const db = freshDb();
    const base = exampleRubric('county', 2027);
    const first = await saveOfficeRubric(db, base, true);
    expect(first).toMatchObject({ year: 2027, version: 1, example: false });
    expect(await saveOfficeRubric(db, base, true)).toMatchObject({ version: 1 });
    const changed = structuredClone(base);
    changed.categories[0]!.items[0]!.text = '主要领导亲自抓电子政务工作';
    expect(await saveOfficeRubric(db, changed, true)).toMatchObject({ version: 2 });
    expect(await officeRubrics(db)).toHaveLength(1);
    expect((await officeRubric(db, 'county', 2027)).categories[0]!.items[0]!.text).toBe('主要领导亲自抓电子政务工作');
    // Another year, or the other group, falls back to the example.
    expect((await officeRubric(db, 'municipal', 2027)).example).toBe(true);
  });

  it('refuses an inconsistent rubric with its problems and keeps nothing', async () => {
    const db = freshDb();
    const bad = structuredClone(exampleRubric('county', 2027));
    bad.total = 90;
    const refused = await saveOfficeRubric(db, bad, true).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RubricRefused);
    expect((refused as RubricRefused).problems.map((p) => p.zh)).toEqual(['五类（不含加分项）总分合计 100，与总分 90 不符']);
    expect(await officeRubrics(db)).toEqual([]);
  });
});

describe('rubrics published in a policy', () => {
  it('reach the unit, which then scores against them instead of the example', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const official = { ...exampleRubric('county', 2027), example: false, version: 3, title: '电子政务工作考核评价细则（县区）' };
    const read = readPolicy(policy([official]), null, null);
    if (!read.ok) throw new Error(read.failure);
    const applied = await applyPolicy(db, actor, 'ZL-001', read.policy);
    expect(applied.rubrics).toEqual([{ group: 'county', year: 2027, version: 3, title: official.title }]);
    expect(await publishedRubrics(db, actor.unitId)).toHaveLength(1);
    const rubric = await rubricForUnit(db, { unitId: actor.unitId, level: 'county' }, 2027);
    expect(rubric).toMatchObject({ version: 3, example: false, title: official.title });
    expect((await rubricForUnit(db, { unitId: actor.unitId, level: 'county' }, 2026)).example).toBe(true);
  });

  it('are checked again at the unit: a signed policy with an inconsistent rubric, or two for one slot, is refused', () => {
    const bad = structuredClone(exampleRubric('county', 2027));
    bad.categories[1]!.items[1]!.id = bad.categories[0]!.items[0]!.id;
    expect(readPolicy(policy([bad]), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
    const twice = exampleRubric('county', 2027);
    expect(readPolicy(policy([twice, { ...twice, version: 2 }]), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
  });
});

describe('results published in a policy', () => {
  const result = (unitCode: string, year: number, place: number) => ({
    year, group: 'county' as const, unitCode, unitName: unitCode, rubricVersion: 1, total: 90 - place, place, tied: false, groupSize: 2,
    items: [{ itemId: 'org.leader', status: 'scored' as const, points: 4, reason: '佐证不足' }],
  });

  it('give each unit its own result only, replacing an earlier one of the same year', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const first = readPolicy(policy([], 100, [result('ZL-001', 2026, 2), result('JC-002', 2026, 1)]), null, null);
    if (!first.ok) throw new Error(first.failure);
    expect((await applyPolicy(db, actor, 'ZL-001', first.policy)).results).toEqual([2026]);
    const again = readPolicy(policy([], 200, [result('ZL-001', 2026, 1)]), null, 100);
    if (!again.ok) throw new Error(again.failure);
    await applyPolicy(db, actor, 'ZL-001', again.policy);
    const mine = await publishedResults(db, actor.unitId);
    expect(mine.map((r) => [r.unitCode, r.year, r.place])).toEqual([['ZL-001', 2026, 1]]);
    expect(mine[0]!.items[0]!.reason).toBe('佐证不足');
  });

  it('refuse a policy with two results for one unit and year', () => {
    expect(readPolicy(policy([], 100, [result('ZL-001', 2026, 1), result('ZL-001', 2026, 2)]), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
  });
});
