import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin } from './helpers';
import { applyPolicy, checkpointCheck } from '../../../renderer/db/policy';
import { heldSegments } from '../../../renderer/db/checkpoint';
import { recordExport } from '../../../renderer/db/bundleExport';
import { chainHead, type Actor } from '../../../renderer/db/repository';
import { checkpointsOf, type Checkpoint } from '../../../shared/bundle/checkpoint';
import { POLICY_FORMAT, type Policy } from '../../../shared/bundle/policy';
import type { Manifest } from '../../../shared/bundle/format';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import type { ZwDb } from '../../../renderer/db/schema';

const office = generateKeyPair('sm2-sm3');
let issued = 1_800_000_000_000;
const policyWith = (checkpoints: Checkpoint[]): Policy => ({
  format: POLICY_FORMAT,
  issuer: { unitId: 'office', name: '平凉市信息办', code: 'PL-XXB', suite: 'sm2-sm3', publicKey: office.publicKey, keyId: keyIdOf('sm2-sm3', office.publicKey) },
  issuedAt: (issued += 1000),
  acceptedSuites: ['sm2-sm3'],
  calendar: [{ year: 2027, holidays: ['2027-01-01'], workdays: [], source: '平凉市信息办' }],
  schedule: null,
  ipRanges: [],
  directory: [],
  checkpoints,
});

/** The office's checkpoint as if it held this unit's chain up to its head now. */
async function heldUpToHead(db: ZwDb, actor: Actor, change: Partial<Checkpoint> = {}): Promise<Checkpoint> {
  const head = await chainHead(db, actor.unitId);
  return { unitId: actor.unitId, seq: head.seq, hash: head.hash, missing: [], receivedAt: 1, ...change };
}

async function exported(db: ZwDb, actor: Actor): Promise<void> {
  const { seq } = await chainHead(db, actor.unitId);
  await recordExport(db, actor, { manifest: { toSeq: seq } as Manifest, fileName: 'a.zwb', fileHash: 'f', exportedBy: '李四', description: '导出', purpose: '报送' });
}

describe('a unit checking the office’s checkpoint as it imports a policy', () => {
  it('agrees when the office holds its chain up to its last export (the export’s own filing is not news)', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const cp = await heldUpToHead(db, actor);
    await exported(db, actor);
    await applyPolicy(db, actor, 'ZL-001', policyWith([cp, { ...cp, unitId: 'other', hash: 'f'.repeat(64) }]));
    expect(await checkpointCheck(db, actor.unitId)).toMatchObject({ verdict: 'agree', office: { seq: cp.seq }, newer: 0 });
  });

  it('finds a gap the office does not know yet: same history, more written here since, with the last export’s time', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const cp = await heldUpToHead(db, actor);
    await exported(db, actor);
    await applyPolicy(db, actor, 'ZL-001', policyWith([]));
    const check = (await applyPolicy(db, actor, 'ZL-001', policyWith([cp]))).checkpoint;
    expect(check).toMatchObject({ verdict: 'behind', newer: 1 });
    expect(check!.lastExportAt).toEqual(expect.any(Number));
  });

  it('says when the office holds nothing of this unit', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await applyPolicy(db, actor, 'ZL-001', policyWith([]));
    expect(await checkpointCheck(db, actor.unitId)).toMatchObject({ verdict: 'nothing', office: null, lastExportAt: null });
  });

  it('is loud when the office holds another hash at the same seq', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const cp = await heldUpToHead(db, actor, { hash: 'e'.repeat(64) });
    await applyPolicy(db, actor, 'ZL-001', policyWith([cp]));
    expect(await checkpointCheck(db, actor.unitId)).toMatchObject({ verdict: 'mismatch' });
  });

  it('is loud when the office claims entries beyond what this unit ever wrote', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const head = await chainHead(db, actor.unitId);
    await applyPolicy(db, actor, 'ZL-001', policyWith([await heldUpToHead(db, actor, { seq: head.seq + 3 })]));
    expect(await checkpointCheck(db, actor.unitId)).toMatchObject({ verdict: 'beyond', head: { seq: head.seq } });
  });

  it('keeps no check for a policy that carries no checkpoints, and rejects a tampered stored check', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const { checkpoints: _, ...plain } = policyWith([]);
    await applyPolicy(db, actor, 'ZL-001', plain);
    expect(await checkpointCheck(db, actor.unitId)).toBeNull();
    await applyPolicy(db, actor, 'ZL-001', policyWith([]));
    const row = await db.meta.get(`policy/${actor.unitId}`);
    await db.meta.put({ key: row!.key, value: { ...(row!.value as object), checkpoint: { verdict: 'agree' } } });
    expect(await checkpointCheck(db, actor.unitId)).toBeNull();
  });
});

describe('the office’s checkpoints from the bundles it received', () => {
  it('reads each unit’s top hash and the ranges held', async () => {
    const db = freshDb();
    const base = { unitName: '庄浪县', unitCode: 'ZL-001', keyId: 'k', counts: {}, createdAt: 1, lastEntryAt: 1, receivedBy: 'a', verdict: 'valid' as const };
    await db.receivedBundles.bulkAdd([
      { ...base, fileHash: 'f1', fileName: 'a', unitId: 'u', fromSeq: 1, toSeq: 3, prevHash: '0'.repeat(64), receivedAt: 10 },
      { ...base, fileHash: 'f2', fileName: 'b', unitId: 'u', fromSeq: 6, toSeq: 7, prevHash: 'c'.repeat(64), receivedAt: 20 },
    ]);
    await db.receivedHashes.bulkAdd([
      { fileHash: 'f1', hashes: ['a', 'b', 'c'].map((c) => c.repeat(64)) },
      { fileHash: 'f2', hashes: ['d', 'e'].map((c) => c.repeat(64)) },
    ]);
    expect(checkpointsOf(await heldSegments(db))).toEqual([{ unitId: 'u', seq: 7, hash: 'e'.repeat(64), missing: [{ from: 4, to: 5 }], receivedAt: 20 }]);
  });
});
