import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { freshDb, entryCount, issueCodes, unitWithAdmin } from './helpers';
import { addAttachment, listAttachments, readAttachment, retireAttachment } from '../../../renderer/db/attachments';
import { createLedgerRecords, retireLedgerRecord } from '../../../renderer/db/ledgers';
import { commit, newRecord, type Actor } from '../../../renderer/db/repository';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { openDb, type ZwDb } from '../../../renderer/db/schema';
import { sm3Bytes, toHex } from '../../../shared/crypto/sm3';
import type { Training } from '../../../shared/ledgers/training';

const png = new Uint8Array(readFileSync('test/fixtures/attachments/photo.png'));
const pdf = new Uint8Array(readFileSync('test/fixtures/attachments/sheet.pdf'));

async function training(db: ZwDb, actor: Actor): Promise<Training> {
  const [t] = await createLedgerRecords<Training>(db, actor, 'trainings', [{ heldOn: '2026-11-20', organiser: '市信息办', topic: '专网安全', attendees: ['李四', '王五'] }]);
  return t!;
}

describe('attachments', () => {
  it('are kept with their record: the log entry holds the file’s SM3, the bytes are kept once', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const t = await training(db, actor);
    const before = await entryCount(db);
    const a = await addAttachment(db, actor, 'trainings', t.id, '签到表.pdf', pdf);
    expect(a).toMatchObject({ ownerTable: 'trainings', ownerId: t.id, fileName: '签到表.pdf', type: 'pdf', size: pdf.length, sm3: toHex(sm3Bytes(pdf)) });
    // The same scan attached again (a second photo of the same page) is one file on disk.
    await addAttachment(db, actor, 'trainings', t.id, 'copy.pdf', pdf);
    expect(await db.attachmentFiles.count()).toBe(1);
    expect(await entryCount(db)).toBe(before + 2);
    const last = (await db.changelog.toArray()).flatMap((c) => c.entries).at(-1)!;
    expect(last.table).toBe('attachments');
    expect(JSON.stringify(last).length).toBeLessThan(2000);
    const read = await readAttachment(db, a);
    expect(read.ok && read.bytes).toEqual(pdf);
    expect((await verifyUnitChain(db, actor.unitId)).ok).toBe(true);
  });

  it('a file whose bytes are not PDF, JPG or PNG is refused by its content, nothing written', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const t = await training(db, actor);
    const before = await entryCount(db);
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(100).fill(0)]);
    expect(await issueCodes(addAttachment(db, actor, 'trainings', t.id, 'photo.png', zip))).toEqual(['file:attach.unknownType']);
    expect(await issueCodes(addAttachment(db, actor, 'trainings', t.id, 'photo.png', png.subarray(0, 40)))).toEqual(['file:attach.damaged']);
    expect(await entryCount(db)).toBe(before);
    expect(await db.attachmentFiles.count()).toBe(0);
  });

  it('removing one retires it with a reason; it stays in the history', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const t = await training(db, actor);
    const a = await addAttachment(db, actor, 'trainings', t.id, '现场.png', png);
    expect(await issueCodes(retireAttachment(db, actor, a.id, a.rev, ''))).toEqual(['reason:retire.reason']);
    const retired = await retireAttachment(db, actor, a.id, a.rev, '传错了文件');
    expect(retired).toMatchObject({ rev: 2, retiredReason: '传错了文件' });
    expect(await listAttachments(db, 'trainings', t.id)).toEqual([retired]);
    expect(await db.attachmentFiles.count()).toBe(1);
  });

  it('only who may write the record may attach to it, and only to an active record of this unit', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const t = await training(db, actor);
    const duty: Actor = { ...actor, role: 'duty' };
    expect(await issueCodes(addAttachment(db, duty, 'trainings', t.id, 'a.png', png))).toEqual([':forbidden']);
    await retireLedgerRecord(db, actor, 'trainings', t.id, t.rev, '重复登记');
    expect(await issueCodes(addAttachment(db, actor, 'trainings', t.id, 'a.png', png))).toEqual([':stale']);
    await expect(addAttachment(db, actor, 'incidents', 'no-such-id', 'a.png', png)).rejects.toThrow('not found');
  });

  it('a database written by version 8 upgrades to 9 with its records and chain, and takes attachments', async () => {
    const name = `attach-migrate-${Math.random()}`;
    const old = openDb(name, 8);
    const actor = await unitWithAdmin(old);
    const t = newRecord(actor, { heldOn: '2026-11-20', organiser: '市信息办', topic: '专网安全', attendees: ['李四'] });
    await commit(old, actor, () => [{ table: 'trainings', op: 'create', record: t }]);
    expect(old.tables.map((x) => x.name)).not.toContain('attachments');
    old.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(9);
    expect(await db.trainings.get(t.id)).toEqual(t);
    await addAttachment(db, actor, 'trainings', t.id, '签到表.png', png);
    expect(await listAttachments(db, 'trainings', t.id)).toHaveLength(1);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true });
    db.close();
  });
});
