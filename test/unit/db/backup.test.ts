import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin, deviceInput } from './helpers';
import { BackupError, createBackup, openBackup, restoreBackup } from '../../../renderer/db/backup';
import { createDevices } from '../../../renderer/db/devices';
import { createLedgerRecords } from '../../../renderer/db/ledgers';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { sm3Bytes, toHex, utf8 } from '../../../shared/crypto/sm3';
import type { ZwDb } from '../../../renderer/db/schema';

async function dump(db: ZwDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}
async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

async function filled(): Promise<{ db: ZwDb; unitId: string }> {
  const db = freshDb();
  const actor = await unitWithAdmin(db);
  await createDevices(db, actor, Array.from({ length: 30 }, (_, i) => deviceInput(i)));
  await createLedgerRecords(db, actor, 'dutyLogs', [{ date: '2026-11-24', shift: 'day', staff: '赵六', equipment: 'normal' }]);
  await db.meta.put({ key: 'idleMinutes', value: 30 });
  return { db, unitId: actor.unitId };
}

describe('backup and restore', () => {
  it('a backup restored on a fresh install gives the identical database, chain verified', async () => {
    const { db, unitId } = await filled();
    const { bytes, header } = await createBackup(db, { createdBy: '李四', appVersion: '0.1.0' });
    expect(header.counts.devices).toBe(30);
    const fresh = freshDb();
    await fresh.open();
    const counts = await restoreBackup(fresh, await openBackup(bytes, fresh));
    expect(counts).toEqual(header.counts);
    expect(await dump(fresh)).toEqual(await dump(db));
    expect((await verifyUnitChain(fresh, unitId)).ok).toBe(true);
  });

  it('refuses a damaged file and a file with edited history, leaving the database as it was', async () => {
    const { db } = await filled();
    const { bytes } = await createBackup(db, { createdBy: '李四', appVersion: '0.1.0' });
    const target = freshDb();
    const existing = await unitWithAdmin(target);
    const before = await dump(target);

    await expect(openBackup(bytes.subarray(0, bytes.length - 40), target)).rejects.toBeInstanceOf(BackupError);
    await expect(openBackup(utf8('not a backup'), target)).rejects.toMatchObject({ code: 'format' });

    // Someone edits a log entry and recomputes the file's checksum: the chain catches it.
    const raw = new TextDecoder().decode(await gunzip(bytes));
    const newline = raw.indexOf('\n');
    const head = JSON.parse(raw.slice(0, newline)) as { sm3: string };
    const tables = JSON.parse(raw.slice(newline + 1)) as { changelog: { entries: { body: string }[] }[] };
    tables.changelog[1]!.entries[0]!.body = tables.changelog[1]!.entries[0]!.body.replace('负责人0', '负责人X');
    const body = utf8(JSON.stringify(tables));
    head.sm3 = toHex(sm3Bytes(body));
    const forged = await gzip(utf8(`${JSON.stringify(head)}\n${new TextDecoder().decode(body)}`));
    const opened = await openBackup(forged, target);
    await expect(restoreBackup(target, opened)).rejects.toMatchObject({ code: 'integrity' });
    expect(await dump(target)).toEqual(before);
    expect(existing.unitId).toBeTruthy();
  });
});
