import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { recordId, text } from '../ledgers/fields';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './sniff';

/**
 * A signed paper kept with its record: the scanned 维修单 of a fault, the
 * sign-in sheet of a training, photos of an incident scene. The record (and
 * so the change log and every bundle) holds the file's SM3, not its bytes:
 * the hash chain then proves which file was attached without carrying
 * megabytes of base64 in every entry; the bytes are kept once per hash in a
 * table of their own (attachmentFiles), which backups include.
 */

export const ATTACHMENT_OWNERS = ['faults', 'trainings', 'incidents'] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];

export function isAttachable(table: string): table is AttachmentOwner {
  return (ATTACHMENT_OWNERS as readonly string[]).includes(table);
}

/** Per record; a handful of pages or photos is what paper gives. */
export const MAX_ATTACHMENTS_PER_RECORD = 20;

export const attachmentInput = z
  .object({
    ownerTable: z.enum(ATTACHMENT_OWNERS),
    ownerId: recordId,
    fileName: text(120),
    type: z.enum(ATTACHMENT_TYPES),
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, 'attach.tooLarge'),
    sm3: z.string().regex(/^[0-9a-f]{64}$/, 'attach.hash'),
  })
  .strict();

export type AttachmentBody = z.output<typeof attachmentInput>;
export type Attachment = RecordMeta & AttachmentBody;
