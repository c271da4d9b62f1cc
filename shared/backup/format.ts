import { z } from 'zod';
import { CRYPTO_SUITES } from '../bundle/suites';
import { utf8 } from '../crypto/sm3';

/**
 * The backup file (`.zwbak`), read by the renderer and written by main:
 *
 *   MAGIC · frame · frame · … · manifest · signature · footer
 *
 * A frame is a 4-byte big-endian length and a gzip member holding NDJSON: a
 * line `{"t":table,"n":rows}` and then that many rows, so a reader holds one
 * frame at a time however large the database. The manifest (JSON) carries
 * the SM3 of the exact bytes before it, the counts, the administrators'
 * password hashes and the signer's public key; the unit key signs its exact
 * bytes. It sits at the end because the body is streamed to disk before its
 * hash is known; the fixed-size footer says where it starts, so a reader
 * finds it with two small reads and checks the signature before anything
 * else.
 */

export const BACKUP_FORMAT = 'zwledger-backup';
export const BACKUP_VERSION = 2;
export const MAGIC = new Uint8Array([0x5a, 0x57, 0x42, 0x41, 0x4b, 0x32, 0x0a]); // "ZWBAK2\n"
const END = new Uint8Array([0x5a, 0x57, 0x42, 0x41, 0x4b, 0x45, 0x4e, 0x44]); // "ZWBAKEND"
export const FOOTER_BYTES = 16;
export const MAX_MANIFEST_BYTES = 256 * 1024;
export const MAX_SIGNATURE_BYTES = 512;
/** A frame's compressed size: well above what the writer makes, far below what would hurt a reader. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const backupDraft = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: z.number().int().positive(),
    createdBy: z.string().max(60),
    appVersion: z.string().max(40),
    dbVersion: z.number().int().positive(),
    unit: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), name: z.string().max(120), code: z.string().max(40) }).strict().nullable(),
    counts: z.record(z.string().regex(/^[A-Za-z]{1,40}$/), z.number().int().min(0)),
    frames: z.number().int().min(0),
    body: z.object({ bytes: z.number().int().min(MAGIC.length), sm3: hex64 }).strict(),
    /** Checked, in main, against the password of whoever restores onto a PC that holds no key yet. */
    admins: z.array(z.object({ username: z.string().max(40), passwordHash: z.string().min(1).max(512) }).strict()).max(100),
  })
  .strict();
export type BackupDraft = z.output<typeof backupDraft>;

export const backupManifest = backupDraft
  .extend({ signer: z.object({ suite: z.enum(CRYPTO_SUITES), publicKey: z.string().max(200), keyId: z.string().max(64) }).strict() })
  .strict();
export type BackupManifest = z.output<typeof backupManifest>;

/** Manifest, signature and footer: what follows the body. */
export function trailer(manifestBytes: Uint8Array, signature: string): Uint8Array {
  const sig = utf8(signature);
  const out = new Uint8Array(manifestBytes.length + sig.length + FOOTER_BYTES);
  out.set(manifestBytes, 0);
  out.set(sig, manifestBytes.length);
  const view = new DataView(out.buffer, out.byteOffset + manifestBytes.length + sig.length, FOOTER_BYTES);
  view.setUint32(0, manifestBytes.length);
  view.setUint32(4, sig.length);
  out.set(END, manifestBytes.length + sig.length + 8);
  return out;
}

/** Where the manifest and signature sit in a file of `size` bytes, from its last 16; null if it is no backup of this format. */
export function readFooter(footer: Uint8Array, size: number): { manifestAt: number; manifestLength: number; signatureLength: number } | null {
  if (footer.length !== FOOTER_BYTES || !END.every((b, i) => footer[8 + i] === b)) return null;
  const view = new DataView(footer.buffer, footer.byteOffset, FOOTER_BYTES);
  const manifestLength = view.getUint32(0);
  const signatureLength = view.getUint32(4);
  if (manifestLength > MAX_MANIFEST_BYTES || signatureLength > MAX_SIGNATURE_BYTES) return null;
  const manifestAt = size - FOOTER_BYTES - signatureLength - manifestLength;
  if (manifestAt < MAGIC.length) return null;
  return { manifestAt, manifestLength, signatureLength };
}

export function frameHeader(length: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, length);
  return out;
}
