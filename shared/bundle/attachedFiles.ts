import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, sniffAttachment, type AttachmentType, type SniffProblem } from '../attachments/sniff';
import { sm3Bytes, toHex } from '../crypto/sm3';

/**
 * Attachment files carried in a bundle when the office's policy asks for
 * them (issue 14). The change log already holds each file's SM3 in its
 * attachment record; the bundle adds the bytes as members named by that
 * SM3 and lists them in the signed manifest, so the unit key's signature
 * covers which files travel. One rule for every reader (the console, the
 * command line's verify, the PostgreSQL ingest): it runs inside readBundle.
 */

/**
 * At most 100 MB of files per bundle: ten full-size scans, or a year of a
 * busy unit's signed 维修单. The whole bundle stays well under
 * BUNDLE_LIMITS.fileBytes (256 MB) with a decade of entries beside it, and
 * the console holds the file in memory while it checks it and then keeps it
 * as evidence. A unit with more is exported in several bundles: the export
 * stops before the entry whose file would pass the cap.
 */
export const MAX_BUNDLE_ATTACHMENT_BYTES = 100 * 1024 * 1024;

export const ATTACHED_PREFIX = 'files/';
const MEMBER = /^files\/([0-9a-f]{64})$/;

/** The zip member holding the file whose SM3 is `sm3`. */
export const attachedMember = (sm3: string) => `${ATTACHED_PREFIX}${sm3}`;

/** The SM3 a member's name states, or null for a name that is not an attached file. */
export function attachedSm3(name: string): string | null {
  return MEMBER.exec(name)?.[1] ?? null;
}

/**
 * How many of a segment's entries (in order) one bundle takes when it
 * carries the files they name: all of them, or those before the first entry
 * whose new file would take the files past the cap; the rest go with the
 * next export. Never fewer than one entry, so an export always moves on (one
 * file is far under the cap).
 */
export function entriesWithinCap(entries: readonly { table: string; body: string }[]): { take: number; files: Map<string, number> } {
  const files = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.table !== 'attachments') continue;
    const { sm3, size } = (JSON.parse(e.body) as { record: { sm3: string; size: number } }).record;
    if (files.has(sm3)) continue;
    if (i > 0 && total + size > MAX_BUNDLE_ATTACHMENT_BYTES) return { take: i, files };
    files.set(sm3, size);
    total += size;
  }
  return { take: entries.length, files };
}

const sm3Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The manifest's list of carried files, by SM3 (no file twice; their sum within the cap). */
export const attachedListSchema = z
  .array(z.object({ sm3: sm3Hex, size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES) }).strict())
  .max(10_000)
  .refine((files) => new Set(files.map((f) => f.sm3)).size === files.length, 'file twice');

export type AttachedList = z.infer<typeof attachedListSchema>;

/** What an attachment entry of the bundle says of its file. */
export interface FileReference {
  sm3: string;
  type: string;
  size: number;
  /** The first entry naming the file, for the verdict. */
  seq: number;
}

/** The files the attachment entries of a segment name, by SM3 (the first entry naming each). */
export function referencedFiles(entries: Iterable<{ seq: number; table: string; record: unknown }>): Map<string, FileReference> {
  const out = new Map<string, FileReference>();
  for (const e of entries) {
    if (e.table !== 'attachments' || typeof e.record !== 'object' || e.record === null) continue;
    const { sm3, type, size } = e.record as Record<string, unknown>;
    if (typeof sm3 !== 'string' || out.has(sm3)) continue;
    out.set(sm3, { sm3, type: String(type), size: typeof size === 'number' ? size : -1, seq: e.seq });
  }
  return out;
}

export type AttachedProblem =
  /** A file member the signed manifest does not list. */
  | { kind: 'unlisted'; sm3: string }
  /** A listed file with no member, or a member of another size than listed. */
  | { kind: 'absent'; sm3: string }
  /** The listed files add up to more than MAX_BUNDLE_ATTACHMENT_BYTES. */
  | { kind: 'overCap'; bytes: number }
  /** A file no attachment entry of the bundle names. */
  | { kind: 'unreferenced'; sm3: string }
  /** An attachment entry whose file the bundle does not carry, though it carries files. */
  | { kind: 'missing'; sm3: string; seq: number }
  /** The bytes' SM3 is not the one the signed entry holds. */
  | { kind: 'hash'; sm3: string; seq: number }
  /** Judged by content, the file is not what the entry says (or not an allowed file at all). */
  | { kind: 'type'; sm3: string; seq: number; found: SniffProblem | AttachmentType };

export type AttachedJudgement = { ok: true; files: Map<string, Uint8Array> } | { ok: false; problem: AttachedProblem };

/**
 * Judges a bundle's carried files against its signed manifest and entries.
 * A bundle whose manifest lists no files (exported before the office asked,
 * or by an older app) carries none and is taken in with its attachment
 * records only: the console reports their files as not sent. A bundle that
 * lists files must carry every file its attachment entries name, each
 * exactly as named, of the type its entry states judged by content with the
 * unit's own checker, within the cap, and nothing more. Sizes are checked
 * from the zip's directory before any file is read.
 */
export function judgeAttachedFiles(args: {
  listed: AttachedList | undefined;
  /** The declared size of each file member, by the SM3 its name states. */
  members: ReadonlyMap<string, number>;
  referenced: ReadonlyMap<string, FileReference>;
  read: (sm3: string) => Uint8Array | null;
}): AttachedJudgement {
  const { listed, members, referenced } = args;
  if (!listed) {
    const stray = members.keys().next();
    return stray.done ? { ok: true, files: new Map() } : { ok: false, problem: { kind: 'unlisted', sm3: stray.value } };
  }
  const total = listed.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_BUNDLE_ATTACHMENT_BYTES) return { ok: false, problem: { kind: 'overCap', bytes: total } };
  const sizes = new Map(listed.map((f) => [f.sm3, f.size]));
  for (const sm3 of members.keys()) if (!sizes.has(sm3)) return { ok: false, problem: { kind: 'unlisted', sm3 } };
  for (const f of listed) {
    if (members.get(f.sm3) !== f.size) return { ok: false, problem: { kind: 'absent', sm3: f.sm3 } };
    if (!referenced.has(f.sm3)) return { ok: false, problem: { kind: 'unreferenced', sm3: f.sm3 } };
  }
  for (const ref of referenced.values()) if (!sizes.has(ref.sm3)) return { ok: false, problem: { kind: 'missing', sm3: ref.sm3, seq: ref.seq } };
  const files = new Map<string, Uint8Array>();
  for (const f of listed) {
    const ref = referenced.get(f.sm3)!;
    const bytes = args.read(f.sm3);
    if (!bytes || bytes.length !== f.size) return { ok: false, problem: { kind: 'absent', sm3: f.sm3 } };
    if (toHex(sm3Bytes(bytes)) !== f.sm3) return { ok: false, problem: { kind: 'hash', sm3: f.sm3, seq: ref.seq } };
    const sniffed = sniffAttachment(bytes);
    if (!sniffed.ok) return { ok: false, problem: { kind: 'type', sm3: f.sm3, seq: ref.seq, found: sniffed.problem } };
    if (sniffed.type !== ref.type || ref.size !== bytes.length) return { ok: false, problem: { kind: 'type', sm3: f.sm3, seq: ref.seq, found: sniffed.type } };
    files.set(f.sm3, bytes);
  }
  return { ok: true, files };
}

const FOUND_WORDS: Record<'zh' | 'en', Record<string, string>> = {
  zh: { empty: '空文件', tooLarge: '超过 10 MB', unknownType: '不是 PDF、JPG 或 PNG', damaged: '文件不完整或已损坏', pdf: 'PDF 文件', jpeg: 'JPG 图片', png: 'PNG 图片' },
  en: { empty: 'an empty file', tooLarge: 'over 10 MB', unknownType: 'not a PDF, JPG or PNG', damaged: 'incomplete or damaged', pdf: 'a PDF', jpeg: 'a JPG image', png: 'a PNG image' },
};

/** Why the carried files refuse a bundle, in a sentence for the console and the command line. */
export function attachedProblemText(p: AttachedProblem, lang: 'zh' | 'en'): string {
  const short = 'sm3' in p ? p.sm3.slice(0, 8) : '';
  if (lang === 'zh') {
    switch (p.kind) {
      case 'unlisted':
        return `数据包中夹带了清单未列出的文件（${short}…），整个数据包不予接收`;
      case 'absent':
        return `清单列出的附件文件（${short}…）不在数据包中或大小不符，整个数据包不予接收`;
      case 'overCap':
        return `附件合计 ${(p.bytes / 1024 / 1024).toFixed(1)} MB，超过每个数据包 ${MAX_BUNDLE_ATTACHMENT_BYTES / 1024 / 1024} MB 的上限，整个数据包不予接收`;
      case 'unreferenced':
        return `数据包中的附件文件（${short}…）不属于任何一条附件记录，整个数据包不予接收`;
      case 'missing':
        return `第 ${p.seq} 条附件记录的文件未随数据包报送，整个数据包不予接收`;
      case 'hash':
        return `第 ${p.seq} 条附件记录的文件与记录中的校验值不符（文件被改动或替换），整个数据包不予接收`;
      case 'type':
        return `第 ${p.seq} 条附件记录的文件按内容判断是${FOUND_WORDS.zh[p.found]}，与记录不符或不允许，整个数据包不予接收`;
    }
  }
  switch (p.kind) {
    case 'unlisted':
      return `the bundle carries a file the manifest does not list (${short}…); the whole bundle is refused`;
    case 'absent':
      return `a file the manifest lists (${short}…) is not in the bundle or has another size; the whole bundle is refused`;
    case 'overCap':
      return `attachments total ${(p.bytes / 1024 / 1024).toFixed(1)} MB, over the ${MAX_BUNDLE_ATTACHMENT_BYTES / 1024 / 1024} MB per bundle; the whole bundle is refused`;
    case 'unreferenced':
      return `a carried file (${short}…) belongs to no attachment record; the whole bundle is refused`;
    case 'missing':
      return `the file of attachment entry ${p.seq} was not sent with the bundle; the whole bundle is refused`;
    case 'hash':
      return `the file of attachment entry ${p.seq} does not match the hash in its record (changed or replaced); the whole bundle is refused`;
    case 'type':
      return `judged by its content, the file of attachment entry ${p.seq} is ${FOUND_WORDS.en[p.found]}, not what its record states or not allowed; the whole bundle is refused`;
  }
}
