import { attachmentInput, MAX_ATTACHMENTS_PER_RECORD, type Attachment, type AttachmentOwner } from '../../shared/attachments/attachment';
import { sniffAttachment } from '../../shared/attachments/sniff';
import { sm3Bytes, toHex } from '../../shared/crypto/sm3';
import type { RecordMeta } from '../../shared/domain/record';
import { toBase64 } from '../../shared/encoding/base64';
import { issuesFromZod, NotFoundError, ValidationError } from './errors';
import { RETIRE_REASON } from './ledgers';
import { commit, current, mayWrite, newRecord, revise, type Actor } from './repository';
import type { ZwDb } from './schema';

/**
 * Attachments go through the repository like every record: the record (with
 * the file's SM3) and its change-log entry in one transaction, together with
 * the file's bytes, so a file is never kept without its record nor a record
 * without its file. Removing one retires it; its bytes stay for the history.
 */

export async function addAttachment(db: ZwDb, actor: Actor, ownerTable: AttachmentOwner, ownerId: string, fileName: string, bytes: Uint8Array): Promise<Attachment> {
  if (!mayWrite(actor.role, ownerTable)) throw new ValidationError([{ field: '', code: 'forbidden' }]);
  const sniffed = sniffAttachment(bytes);
  if (!sniffed.ok) throw new ValidationError([{ field: 'file', code: `attach.${sniffed.problem}` }]);
  const hash = toHex(sm3Bytes(bytes));
  const parsed = attachmentInput.safeParse({ ownerTable, ownerId, fileName: fileName.slice(0, 120), type: sniffed.type, size: bytes.length, sm3: hash });
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  const record = newRecord(actor, parsed.data) as Attachment;
  await commit(
    db,
    actor,
    async () => {
      const owner = (await db.table(ownerTable).get(ownerId)) as RecordMeta | undefined;
      if (!owner || owner.unitId !== actor.unitId) throw new NotFoundError(ownerId);
      if (owner.retiredAt !== null) throw new ValidationError([{ field: '', code: 'stale' }]);
      const attached = await db.attachments.where('[ownerTable+ownerId]').equals([ownerTable, ownerId]).filter((a) => a.retiredAt === null).count();
      if (attached >= MAX_ATTACHMENTS_PER_RECORD) throw new ValidationError([{ field: 'file', code: 'attach.tooMany' }]);
      if (!(await db.attachmentFiles.get(hash))) await db.attachmentFiles.put({ sm3: hash, base64: toBase64(bytes) });
      return [{ table: 'attachments', op: 'create', record }];
    },
    ['attachmentFiles', ownerTable],
  );
  return record;
}

/** Retirement, never deletion: the attachment stays in the history with when and why it was removed. */
export async function retireAttachment(db: ZwDb, actor: Actor, id: string, expectedRev: number, reason: string): Promise<Attachment> {
  const text = reason.trim();
  if (text.length < RETIRE_REASON.min) throw new ValidationError([{ field: 'reason', code: 'retire.reason' }]);
  if (text.length > RETIRE_REASON.max) throw new ValidationError([{ field: 'reason', code: 'tooLong' }]);
  let saved: Attachment | undefined;
  await commit(db, actor, async () => {
    const previous = await current<Attachment>(db, 'attachments', id, expectedRev);
    if (previous.retiredAt !== null) throw new ValidationError([{ field: '', code: 'stale' }]);
    if (!mayWrite(actor.role, previous.ownerTable)) throw new ValidationError([{ field: '', code: 'forbidden' }]);
    const now = Date.now();
    saved = revise(previous, { retiredAt: now, retiredReason: text }, actor, now);
    return [{ table: 'attachments', op: 'retire', record: saved }];
  });
  if (!saved) throw new NotFoundError(id);
  return saved;
}

export function listAttachments(db: ZwDb, ownerTable: AttachmentOwner, ownerId: string): Promise<Attachment[]> {
  return db.attachments.where('[ownerTable+ownerId]').equals([ownerTable, ownerId]).sortBy('createdAt');
}

/**
 * An attachment's bytes, checked against the SM3 its record (and so the hash
 * chain) holds: a file changed on disk is reported, never shown as genuine.
 */
export async function readAttachment(db: ZwDb, attachment: Attachment): Promise<CheckedFile> {
  return checkedFile((await db.attachmentFiles.get(attachment.sm3))?.base64, attachment.sm3);
}

export type CheckedFile = { ok: true; bytes: Uint8Array } | { ok: false; problem: 'missing' | 'altered' };

/** Kept bytes (base64), given out only while they still hash to the SM3 their record holds. */
export function checkedFile(base64: string | undefined, sm3: string): CheckedFile {
  if (base64 === undefined) return { ok: false, problem: 'missing' };
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return toHex(sm3Bytes(bytes)) === sm3 ? { ok: true, bytes } : { ok: false, problem: 'altered' };
}
