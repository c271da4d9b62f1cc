/**
 * What a file is, judged by its bytes and never by its name: a scanned
 * 维修单 or sign-in sheet (PDF), a photo of an incident scene (JPEG, PNG).
 * Beyond the magic bytes each type gets a structural check, so a zip renamed
 * .png, a PNG cut off in transfer or a text file starting with "%PDF" is
 * refused with a reason the user can act on.
 */

export const ATTACHMENT_TYPES = ['pdf', 'jpeg', 'png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const MIME: Record<AttachmentType, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png' };

/**
 * 10 MB: a 300 dpi colour scan of a two-page A4 sheet or a phone photo fits
 * with room to spare, and every attachment is kept in the database and in
 * every backup, so a unit's PC should not fill up with raw camera video.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type SniffProblem = 'empty' | 'tooLarge' | 'unknownType' | 'damaged';
export type Sniffed = { ok: true; type: AttachmentType } | { ok: false; problem: SniffProblem };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(Math.max(0, from), Math.min(bytes.length, to)));
const u32 = (bytes: Uint8Array, at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

/** Chunks from IHDR to IEND, each inside the file; nothing usable is left out. */
function pngWhole(bytes: Uint8Array): boolean {
  let at = PNG_SIGNATURE.length;
  let first = true;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    if (first && (type !== 'IHDR' || length !== 13)) return false;
    first = false;
    const next = at + 12 + length;
    if (next > bytes.length) return false;
    if (type === 'IEND') return true;
    at = next;
  }
  return false;
}

/** Segments from SOI to the start of scan, a frame header among them, and an end-of-image marker after. */
function jpegWhole(bytes: Uint8Array): boolean {
  let at = 2;
  let frame = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return false;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return false;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    if (marker === 0xda) {
      if (!frame) return false;
      for (let i = bytes.length - 2; i > at + 2 + length; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
      return false;
    }
    at += 2 + length;
  }
  return false;
}

/** A header, a cross-reference pointer and an end-of-file mark near the end, as every PDF writer leaves them. */
function pdfWhole(bytes: Uint8Array): boolean {
  if (!/^%PDF-[12]\.\d/.test(ascii(bytes, 0, 8))) return false;
  const tail = ascii(bytes, bytes.length - 1024, bytes.length);
  return tail.includes('%%EOF') && tail.includes('startxref');
}

export function sniffAttachment(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, problem: 'tooLarge' };
  if (startsWith(bytes, PNG_SIGNATURE)) return pngWhole(bytes) ? { ok: true, type: 'png' } : { ok: false, problem: 'damaged' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpegWhole(bytes) ? { ok: true, type: 'jpeg' } : { ok: false, problem: 'damaged' };
  if (ascii(bytes, 0, 5) === '%PDF-') return pdfWhole(bytes) ? { ok: true, type: 'pdf' } : { ok: false, problem: 'damaged' };
  return { ok: false, problem: 'unknownType' };
}
