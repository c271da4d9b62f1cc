import { Inflate, zipSync, strFromU8 } from 'fflate';
import { BUNDLE_FILES, BUNDLE_LIMITS } from './format';
import { attachedMember, attachedSm3 } from './attachedFiles';
import { MAX_ATTACHMENT_BYTES } from '../attachments/sniff';

/** Why the files of a bundle could not be taken out of it. */
export type UnpackFailure = 'notZip' | 'corrupt' | 'tooLarge' | 'missing' | 'extra';

type Refusal = { ok: false; failure: UnpackFailure; detail: string };

export type Unpacked = { ok: true; manifest: Uint8Array; signature: Uint8Array; entries: Uint8Array } | Refusal;

/** One file of a zip as its directory describes it; nothing of it inflated yet. */
export interface ZipMember {
  name: string;
  /** 0 stored, 8 deflated: the only two a reader here accepts. */
  method: 0 | 8;
  compressedSize: number;
  /** The inflated size the directory declares: an upper bound the inflater enforces, never trusted further. */
  size: number;
  /** Offset of the file's data, past its local header. */
  dataStart: number;
}

export type ZipIndex = { ok: true; members: ZipMember[] } | Refusal;

const BUNDLE_WANTED: ReadonlyMap<string, number> = new Map([
  [BUNDLE_FILES.manifest, BUNDLE_LIMITS.manifestBytes],
  [BUNDLE_FILES.signature, BUNDLE_LIMITS.signatureBytes],
  [BUNDLE_FILES.entries, BUNDLE_LIMITS.entriesBytes],
]);

export function packBundle(manifest: Uint8Array, signature: Uint8Array, entries: Uint8Array, files: ReadonlyMap<string, Uint8Array> = new Map()): Uint8Array {
  // Fixed mtime, so the same segment signed with the same signature packs to the same bytes.
  const mtime = new Date(2000, 0, 1);
  const members: Record<string, [Uint8Array, { level: 0 | 6; mtime: Date }]> = {
    [BUNDLE_FILES.manifest]: [manifest, { level: 6, mtime }],
    [BUNDLE_FILES.signature]: [signature, { level: 0, mtime }],
    [BUNDLE_FILES.entries]: [entries, { level: 6, mtime }],
  };
  // Scans and photos are compressed already: stored, they cost no inflating and no ratio check.
  for (const [sm3, bytes] of files) members[attachedMember(sm3)] = [bytes, { level: 0, mtime }];
  return zipSync(members, {});
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const corrupt = (detail: string): Refusal => ({ ok: false, failure: 'corrupt', detail });

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;

/**
 * The zip's central directory, each entry checked against its local header,
 * without inflating anything. Zip64, encryption and methods other than
 * stored and deflate are refused: nothing this app writes or reads needs them.
 */
export function readZipIndex(bytes: Uint8Array, fileLimit: number): ZipIndex {
  if (bytes.length > fileLimit) return { ok: false, failure: 'tooLarge', detail: `${bytes.length} bytes` };
  if (bytes.length < 4 || u32(bytes, 0) !== LOCAL_HEADER) return { ok: false, failure: 'notZip', detail: 'no zip signature' };
  let end = bytes.length - 22;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  while (end >= lowest && u32(bytes, end) !== END_OF_DIRECTORY) end -= 1;
  if (end < lowest) return corrupt('no end of central directory');
  if (end >= 20 && u32(bytes, end - 20) === ZIP64_LOCATOR) return corrupt('zip64 is not supported');
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const directoryEnd = at + u32(bytes, end + 12);
  if (directoryEnd > end) return corrupt('central directory out of range');
  const members: ZipMember[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || u32(bytes, at) !== CENTRAL_HEADER) return corrupt(`central directory entry ${i}`);
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    const local = u32(bytes, at + 42);
    if (next > directoryEnd) return corrupt(`central directory entry ${i}`);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = strFromU8(rawName, (flags & 0x800) === 0);
    if (flags & 0x1) return corrupt(`${name}: encrypted`);
    if (method !== 0 && method !== 8) return corrupt(`${name}: compression method ${method}`);
    if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL_HEADER) return corrupt(`${name}: no local header`);
    const localNameLength = u16(bytes, local + 26);
    const localName = bytes.subarray(local + 30, local + 30 + localNameLength);
    if (localNameLength !== nameLength || localName.some((c, j) => c !== rawName[j])) return corrupt(`${name}: local header names another file`);
    const dataStart = local + 30 + localNameLength + u16(bytes, local + 28);
    if (dataStart + compressedSize > bytes.length) return corrupt(`${name}: data out of range`);
    if (method === 0 && compressedSize !== size) return corrupt(`${name}: stored size`);
    members.push({ name, method, compressedSize, size, dataStart });
    at = next;
  }
  return { ok: true, members };
}

/**
 * Input fed to the inflater at a time. One push can produce at most ~1032×
 * this (deflate's best ratio), about 66 MB, before the size is checked;
 * smaller steps cost measurably more on honest files.
 */
const INFLATE_STEP = 64 * 1024;

/**
 * A member's bytes, inflated a slice at a time and stopped the moment the
 * output passes the size the directory declares or `limit`, whichever is
 * smaller: a lying directory costs no more than the bytes it claims. The
 * output must come to exactly the declared size.
 */
export function inflateMember(bytes: Uint8Array, member: ZipMember, limit: number): { ok: true; data: Uint8Array } | Refusal {
  const cap = Math.min(member.size, limit);
  if (member.size > limit) return { ok: false, failure: 'tooLarge', detail: `${member.name}: ${member.size} bytes` };
  const input = bytes.subarray(member.dataStart, member.dataStart + member.compressedSize);
  if (member.method === 0) return { ok: true, data: input.slice() };
  const out = new Uint8Array(cap);
  let written = 0;
  let finished = false;
  let overflow = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > cap) {
      overflow = true;
      throw new RangeError('overflow');
    }
    out.set(chunk, written);
    written += chunk.length;
    finished = final;
  });
  try {
    for (let from = 0; from < input.length || from === 0; from += INFLATE_STEP) {
      const last = from + INFLATE_STEP >= input.length;
      inflater.push(input.subarray(from, from + INFLATE_STEP), last);
      if (last) break;
    }
  } catch (e) {
    if (overflow) return { ok: false, failure: 'tooLarge', detail: `${member.name}: more than ${cap} bytes` };
    return corrupt(`${member.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!finished || written !== member.size) return corrupt(`${member.name}: ${written} bytes, the directory says ${member.size}`);
  return { ok: true, data: out };
}

/**
 * The named members of a zip, with their declared sizes checked against
 * `wanted`'s limits (and a plausible compression ratio) before anything is
 * inflated. Any other file, or a name twice, is refused; a wanted file that
 * is absent is `missing`.
 */
export function indexFiles(bytes: Uint8Array, wanted: ReadonlyMap<string, number>, fileLimit: number): { ok: true; members: Map<string, ZipMember> } | Refusal {
  const index = readZipIndex(bytes, fileLimit);
  if (!index.ok) return index;
  const names = index.members.map((m) => m.name);
  for (const m of index.members) {
    const limit = wanted.get(m.name);
    if (limit === undefined) continue;
    if (m.size > limit || (m.compressedSize > 0 && m.size / m.compressedSize > BUNDLE_LIMITS.ratio && m.size > 1024 * 1024)) return { ok: false, failure: 'tooLarge', detail: `${m.name}: ${m.size} bytes` };
  }
  const members = new Map(index.members.map((m) => [m.name, m]));
  if ([...wanted.keys()].some((name) => !members.has(name))) return { ok: false, failure: 'missing', detail: `files: ${names.join(', ') || 'none'}` };
  if (names.some((n) => !wanted.has(n)) || names.length !== members.size) return { ok: false, failure: 'extra', detail: `files: ${names.join(', ')}` };
  return { ok: true, members };
}

/** Every named file of a zip, inflated within its limit (see indexFiles and inflateMember). */
export function unpackFiles(bytes: Uint8Array, wanted: ReadonlyMap<string, number>, fileLimit: number): { ok: true; files: Record<string, Uint8Array> } | Refusal {
  const index = indexFiles(bytes, wanted, fileLimit);
  if (!index.ok) return index;
  const files: Record<string, Uint8Array> = {};
  for (const [name, member] of index.members) {
    const r = inflateMember(bytes, member, wanted.get(name)!);
    if (!r.ok) return r;
    files[name] = r.data;
  }
  return { ok: true, files };
}

/**
 * A bundle's members, indexed but not inflated: the reader inflates each
 * only when it needs it. Beside the three files, members named `files/<SM3>`
 * (attachment files, attachedFiles.ts) are let through, each within one
 * attachment's size; any other name is refused as before.
 */
export function indexBundle(bytes: Uint8Array): { ok: true; members: Map<string, ZipMember>; attached: Map<string, ZipMember> } | Refusal {
  const listing = readZipIndex(bytes, BUNDLE_LIMITS.fileBytes);
  if (!listing.ok) return listing;
  const wanted = new Map(BUNDLE_WANTED);
  for (const m of listing.members) if (attachedSm3(m.name) !== null) wanted.set(m.name, MAX_ATTACHMENT_BYTES);
  const index = indexFiles(bytes, wanted, BUNDLE_LIMITS.fileBytes);
  if (!index.ok) return index;
  const attached = new Map<string, ZipMember>();
  for (const [name, member] of index.members) {
    const sm3 = attachedSm3(name);
    if (sm3 !== null) attached.set(sm3, member);
  }
  return { ok: true, members: index.members, attached };
}

/** The three files of a bundle, all inflated (for tools and tests; readBundle inflates entries only after the signature holds). */
export function unpackBundle(bytes: Uint8Array): Unpacked {
  const r = unpackFiles(bytes, BUNDLE_WANTED, BUNDLE_LIMITS.fileBytes);
  if (!r.ok) return r;
  return { ok: true, manifest: r.files[BUNDLE_FILES.manifest]!, signature: r.files[BUNDLE_FILES.signature]!, entries: r.files[BUNDLE_FILES.entries]! };
}

/**
 * inflateMember through the platform's own inflater (DecompressionStream:
 * native zlib in Chromium and Node, several times faster than fflate on a
 * sheet of megabytes), under the same limits: the declared size is checked
 * first, input goes in INFLATE_STEP at a time so one step's output stays
 * bounded, and the read is cancelled the moment the output passes the size.
 * Without DecompressionStream it is inflateMember.
 */
/**
 * The web-streams inflater Chromium and Node both provide. Shared code is
 * typed without the DOM library, so only the parts used here are declared.
 */
interface InflaterStreams {
  writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> } };
  readable: { getReader(): { read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>; cancel(): Promise<void> } };
}
type InflaterConstructor = new (format: 'deflate-raw') => InflaterStreams;
const PlatformInflater = (globalThis as { DecompressionStream?: InflaterConstructor }).DecompressionStream;

export async function inflateMemberNative(bytes: Uint8Array, member: ZipMember, limit: number): Promise<{ ok: true; data: Uint8Array } | Refusal> {
  if (member.method === 0 || PlatformInflater === undefined) return inflateMember(bytes, member, limit);
  if (member.size > limit) return { ok: false, failure: 'tooLarge', detail: `${member.name}: ${member.size} bytes` };
  const input = bytes.subarray(member.dataStart, member.dataStart + member.compressedSize);
  const cap = member.size;
  const out = new Uint8Array(cap);
  const inflater = new PlatformInflater('deflate-raw');
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  // The writer's promises settle with the reader's outcome, which is what is reported.
  const feed = (async () => {
    for (let from = 0; from < input.length; from += INFLATE_STEP) {
      await writer.ready;
      await writer.write(input.slice(from, from + INFLATE_STEP));
    }
    await writer.close();
  })().catch(() => undefined);
  let written = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (written + value.length > cap) {
        await Promise.all([reader.cancel().catch(() => undefined), writer.abort().catch(() => undefined)]);
        return { ok: false, failure: 'tooLarge', detail: `${member.name}: more than ${cap} bytes` };
      }
      out.set(value, written);
      written += value.length;
    }
  } catch (e) {
    await writer.abort().catch(() => undefined);
    return corrupt(`${member.name}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await feed;
  }
  if (written !== member.size) return corrupt(`${member.name}: ${written} bytes, the directory says ${member.size}`);
  return { ok: true, data: out };
}

/**
 * The files of a zip that `limitOf` names, each held to its limit through
 * the same size-checked inflate as bundles; other files are listed but never
 * inflated (a spreadsheet has many parts the reader does not need).
 */
export async function inflateFilesNative(bytes: Uint8Array, limitOf: (name: string) => number | undefined, fileLimit: number): Promise<{ ok: true; files: Record<string, Uint8Array>; names: string[] } | Refusal> {
  const index = readZipIndex(bytes, fileLimit);
  if (!index.ok) return index;
  const files: Record<string, Uint8Array> = {};
  for (const member of index.members) {
    const limit = limitOf(member.name);
    if (limit === undefined) continue;
    const r = await inflateMemberNative(bytes, member, limit);
    if (!r.ok) return r;
    files[member.name] = r.data;
  }
  return { ok: true, files, names: index.members.map((m) => m.name) };
}
