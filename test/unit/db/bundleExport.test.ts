import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin, deviceInput } from './helpers';
import { createDevices } from '../../../renderer/db/devices';
import { lastExport, planExport, recordExport } from '../../../renderer/db/bundleExport';
import { chainHead } from '../../../renderer/db/repository';
import { listLedger } from '../../../renderer/db/ledgers';
import { readBundle, writeBundle } from '../../../shared/bundle/codec';
import { ChainKnowledge } from '../../../shared/bundle/segments';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import { GENESIS_HASH } from '../../../shared/changelog/chain';
import type { CopyFiling } from '../../../shared/ledgers/copyFiling';

describe('export bundles from the change log', () => {
  it('exports everything, then only what is new, as two segments of one chain', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await createDevices(db, actor, Array.from({ length: 1200 }, (_, i) => deviceInput(i)));
    const unit = (await db.units.get(actor.unitId))!;
    const head = await chainHead(db, actor.unitId);

    expect(await lastExport(db, actor.unitId)).toBeNull();
    const full = (await planExport(db, actor.unitId, 'sinceLast'))!;
    expect(full).toMatchObject({ fromSeq: 1, toSeq: head.seq, prevHash: GENESIS_HASH });
    expect(full.entries).toHaveLength(head.seq);
    expect(full.counts.devices).toBe(1200);
    expect(full.onlyExportFilings).toBe(false);

    const pair = generateKeyPair('sm2-sm3');
    const key = { suite: 'sm2-sm3' as const, keyId: keyIdOf('sm2-sm3', pair.publicKey), privateKey: pair.privateKey };
    const lookup = () => ({ unitId: unit.id, suite: 'sm2-sm3' as const, publicKey: pair.publicKey, revoked: false });
    const source = (plan: typeof full) => ({ unit: { id: unit.id, name: unit.name, code: unit.code }, createdBy: { accountId: actor.accountId, name: '管理员' }, createdAt: 1, prevHash: plan.prevHash, entries: plan.entries });
    const first = writeBundle(source(full), key);
    await recordExport(db, actor, { manifest: first.manifest, fileName: 'a.zwb', fileHash: first.fileHash, exportedBy: '管理员', description: '导出数据包 a.zwb', purpose: '报送' });
    expect(await lastExport(db, actor.unitId)).toMatchObject({ toSeq: head.seq, fileName: 'a.zwb', fileHash: first.fileHash });
    const filings = await listLedger<CopyFiling>(db, 'copyFilings', actor.unitId);
    expect(filings).toHaveLength(1);
    expect(filings[0]).toMatchObject({ automatic: true, description: '导出数据包 a.zwb' });

    // The copy filing is itself a change: the next export holds exactly it, continuing the chain,
    // though to the user it is not news.
    const next = (await planExport(db, actor.unitId, 'sinceLast'))!;
    expect(next).toMatchObject({ fromSeq: head.seq + 1, toSeq: head.seq + 1, prevHash: head.hash, counts: { copyFilings: 1 }, onlyExportFilings: true });
    expect((await planExport(db, actor.unitId, 'full'))!.onlyExportFilings).toBe(false);
    await createDevices(db, actor, [deviceInput(5000)]);
    expect((await planExport(db, actor.unitId, 'sinceLast'))!).toMatchObject({ fromSeq: head.seq + 1, onlyExportFilings: false, counts: { copyFilings: 1, devices: 1 } });
    const second = writeBundle(source(next), key);
    const knowledge = new ChainKnowledge();
    for (const b of [second, first]) {
      const r = readBundle(b.bytes, lookup);
      if (r.verdict !== 'valid') throw new Error(r.verdict);
      const segment = { unitId: unit.id, fromSeq: r.manifest.fromSeq, prevHash: r.manifest.prevHash, hashes: r.entries.map((e) => e.hash) };
      expect(knowledge.assess(segment).verdict).toBe(b === second ? 'gapBefore' : 'valid');
      knowledge.add(segment);
    }
    expect((await planExport(db, actor.unitId, 'full'))!.fromSeq).toBe(1);
  });

  it('has nothing to export when nothing changed since the last export', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const plan = (await planExport(db, actor.unitId, 'sinceLast'))!;
    await db.meta.put({ key: `lastBundleExport/${actor.unitId}`, value: { toSeq: plan.toSeq, at: 1, fileName: 'x', fileHash: 'y' } });
    expect(await planExport(db, actor.unitId, 'sinceLast')).toBeNull();
  });
});
