import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { freshDb, unitWithAdmin } from './helpers';
import { addAttachment } from '../../../renderer/db/attachments';
import { exportFiles, planExport } from '../../../renderer/db/bundleExport';
import { enrolKey, importBundle, keyLookup, reviewEnrolment } from '../../../renderer/db/console';
import { createLedgerRecords } from '../../../renderer/db/ledgers';
import { mergedOf, readReceivedAttachment } from '../../../renderer/db/merged';
import type { Actor } from '../../../renderer/db/repository';
import type { ZwDb } from '../../../renderer/db/schema';
import type { Attachment } from '../../../shared/attachments/attachment';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/attachments/sniff';
import { entriesWithinCap, MAX_BUNDLE_ATTACHMENT_BYTES } from '../../../shared/bundle/attachedFiles';
import { writeBundle } from '../../../shared/bundle/codec';
import { makeEnrolment } from '../../../shared/bundle/enrolment';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import type { Training } from '../../../shared/ledgers/training';

const pdf = new Uint8Array(readFileSync('test/fixtures/attachments/sheet.pdf'));
const png = new Uint8Array(readFileSync('test/fixtures/attachments/photo.png'));

async function unitWithAttachments(): Promise<{ db: ZwDb; actor: Actor; owner: Training; attachments: Attachment[] }> {
  const db = freshDb();
  const actor = await unitWithAdmin(db);
  const [training] = await createLedgerRecords<Training>(db, actor, 'trainings', [{ heldOn: '2026-11-20', organiser: '市信息办', topic: '专网安全', attendees: ['李四', '王五'] }]);
  const attachments = [await addAttachment(db, actor, 'trainings', training!.id, '签到表.pdf', pdf), await addAttachment(db, actor, 'trainings', training!.id, '现场.png', png)];
  return { db, actor, owner: training!, attachments };
}

/** Exports the unit's whole history as a signed bundle, with its files when `attachments`, and imports it at a fresh office. */
async function exportAndImport(unit: { db: ZwDb; actor: Actor }, attachments: boolean) {
  const plan = (await planExport(unit.db, unit.actor.unitId, 'full', { attachments }))!;
  const files = plan.files ? await exportFiles(unit.db, plan.files) : null;
  if (files && !files.ok) throw new Error(files.fileName);
  const profile = (await unit.db.units.get(unit.actor.unitId))!;
  const pair = generateKeyPair('sm2-sm3');
  const key = { suite: 'sm2-sm3' as const, keyId: keyIdOf('sm2-sm3', pair.publicKey), privateKey: pair.privateKey };
  const bundle = writeBundle({ unit: profile, createdBy: { accountId: unit.actor.accountId, name: '李四' }, createdAt: 1, prevHash: plan.prevHash, entries: plan.entries, ...(files ? { files: files.files } : {}) }, key);
  const office = freshDb();
  const officeAdmin = await unitWithAdmin(office);
  const auditor: Actor = { unitId: officeAdmin.unitId, accountId: 'auditor', role: 'auditor' };
  await enrolKey(office, auditor, await reviewEnrolment(office, makeEnrolment(profile, { suite: 'sm2-sm3', publicKey: pair.publicKey }, 1)));
  const outcome = await importBundle(office, auditor, { name: 'unit.zwb', bytes: bundle.bytes }, await keyLookup(office));
  return { plan, bundle, office, outcome };
}

describe('attachments travel with bundles when the office asks', () => {
  it('the unit sends each file its entries name; the office keeps it under the record and opens it checked', async () => {
    const unit = await unitWithAttachments();
    const { plan, bundle, office, outcome } = await exportAndImport(unit, true);
    expect([...plan.files!.values()].sort()).toEqual([pdf.length, png.length].sort());
    expect(bundle.manifest.files).toHaveLength(2);
    expect(outcome.verdict).toBe('valid');
    expect(outcome.merged?.attachments).toBe(2);
    const received = await mergedOf<Attachment>(office, 'attachments', unit.actor.unitId);
    expect(received.map((a) => a.ownerId)).toEqual([unit.owner.id, unit.owner.id]);
    expect(await office.receivedAttachmentFiles.count()).toBe(2);
    const keys = (await office.receivedAttachmentFiles.toCollection().primaryKeys()).map(([u, id]) => `${u}/${id}`).sort();
    expect(keys).toEqual(unit.attachments.map((a) => `${unit.actor.unitId}/${a.id}`).sort());
    const opened = await readReceivedAttachment(office, received.find((a) => a.type === 'pdf')!);
    expect(opened.ok && opened.bytes).toEqual(pdf);

    // A file changed in the office's store after it was taken in is never shown as the unit's.
    const row = (await office.receivedAttachmentFiles.toArray()).find((r) => r.sm3 === received[0]!.sm3)!;
    await office.receivedAttachmentFiles.put({ ...row, base64: Buffer.from('changed').toString('base64') });
    expect(await readReceivedAttachment(office, received[0]!)).toEqual({ ok: false, problem: 'altered' });
  });

  it('without the policy the records arrive alone, and the office sees their files were not sent', async () => {
    const unit = await unitWithAttachments();
    const { plan, bundle, office, outcome } = await exportAndImport(unit, false);
    expect(plan.files).toBeNull();
    expect(bundle.manifest.files).toBeUndefined();
    expect(outcome.verdict).toBe('valid');
    const received = await mergedOf<Attachment>(office, 'attachments', unit.actor.unitId);
    expect(received).toHaveLength(2);
    expect(await readReceivedAttachment(office, received[0]!)).toEqual({ ok: false, problem: 'notSent' });
  });

  it('a file missing or changed on the unit’s PC stops the export, named by its attachment', async () => {
    const unit = await unitWithAttachments();
    const sm3 = unit.attachments[1]!.sm3;
    await unit.db.attachmentFiles.put({ sm3, base64: Buffer.from('not the photo').toString('base64') });
    const plan = (await planExport(unit.db, unit.actor.unitId, 'full', { attachments: true }))!;
    expect(await exportFiles(unit.db, plan.files!)).toEqual({ ok: false, fileName: '现场.png' });
  });

  it('an export stops before the entry whose file would pass the cap; the next takes the rest', () => {
    const n = Math.floor(MAX_BUNDLE_ATTACHMENT_BYTES / MAX_ATTACHMENT_BYTES) + 3;
    const entries = Array.from({ length: n }, (_, i) => ({ table: 'attachments', body: JSON.stringify({ record: { sm3: i.toString(16).padStart(64, '0'), size: MAX_ATTACHMENT_BYTES } }) }));
    const first = entriesWithinCap([{ table: 'devices', body: '{}' }, ...entries]);
    expect(first.take).toBe(1 + MAX_BUNDLE_ATTACHMENT_BYTES / MAX_ATTACHMENT_BYTES);
    expect([...first.files.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_BUNDLE_ATTACHMENT_BYTES);
    // The same file named twice counts once.
    const twice = entriesWithinCap([entries[0]!, entries[0]!, entries[1]!]);
    expect(twice).toMatchObject({ take: 3 });
    expect(twice.files.size).toBe(2);
  });
});
