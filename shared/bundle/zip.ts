import { unzipSync, zipSync } from 'fflate';
import { BUNDLE_FILES, BUNDLE_LIMITS } from './format';

/** Why the files of a bundle could not be taken out of it. */
export type UnpackFailure = 'notZip' | 'corrupt' | 'tooLarge' | 'missing' | 'extra';

export type Unpacked =
  | { ok: true; manifest: Uint8Array; signature: Uint8Array; entries: Uint8Array }
  | { ok: false; failure: UnpackFailure; detail: string };

const WANTED: ReadonlyMap<string, number> = new Map([
  [BUNDLE_FILES.manifest, BUNDLE_LIMITS.manifestBytes],
  [BUNDLE_FILES.signature, BUNDLE_LIMITS.signatureBytes],
  [BUNDLE_FILES.entries, BUNDLE_LIMITS.entriesBytes],
]);

export function packBundle(manifest: Uint8Array, signature: Uint8Array, entries: Uint8Array): Uint8Array {
  // Fixed mtime, so the same segment signed with the same signature packs to the same bytes.
  const mtime = new Date(2000, 0, 1);
  return zipSync(
    {
      [BUNDLE_FILES.manifest]: [manifest, { level: 6, mtime }],
      [BUNDLE_FILES.signature]: [signature, { level: 0, mtime }],
      [BUNDLE_FILES.entries]: [entries, { level: 6, mtime }],
    },
    {},
  );
}

/**
 * The files of a zip that `limitOf` names, each held to its limit, with every
 * size checked from the zip's directory before anything is inflated; other
 * files are listed but never inflated. fflate inflates into a buffer of the
 * declared size and never grows it, so a directory that understates a size
 * truncates the file (its hash, signature or XML then fails) rather than
 * exhausting memory. After the first refusal nothing more is inflated.
 */
export function inflateFiles(bytes: Uint8Array, limitOf: (name: string) => number | undefined, fileLimit: number): { ok: true; files: Record<string, Uint8Array>; names: string[] } | { ok: false; failure: UnpackFailure; detail: string } {
  if (bytes.length > fileLimit) return { ok: false, failure: 'tooLarge', detail: `${bytes.length} bytes` };
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return { ok: false, failure: 'notZip', detail: 'no zip signature' };
  const names: string[] = [];
  let refusal: { failure: UnpackFailure; detail: string } | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        const limit = limitOf(file.name);
        if (limit === undefined) return false;
        if (file.originalSize > limit || (file.size > 0 && file.originalSize / file.size > BUNDLE_LIMITS.ratio && file.originalSize > 1024 * 1024)) {
          refusal ??= { failure: 'tooLarge', detail: `${file.name}: ${file.originalSize} bytes` };
          return false;
        }
        return refusal === null;
      },
    });
  } catch (e) {
    return { ok: false, failure: 'corrupt', detail: e instanceof Error ? e.message : String(e) };
  }
  if (refusal) return { ok: false, ...(refusal as { failure: UnpackFailure; detail: string }) };
  return { ok: true, files, names };
}

/** The named files of a zip (see inflateFiles); any other file, or a name twice, is refused. */
export function unpackFiles(bytes: Uint8Array, wanted: ReadonlyMap<string, number>, fileLimit: number): { ok: true; files: Record<string, Uint8Array> } | { ok: false; failure: UnpackFailure; detail: string } {
  const r = inflateFiles(bytes, (name) => wanted.get(name), fileLimit);
  if (!r.ok) return r;
  const { files, names } = r;
  if ([...wanted.keys()].some((name) => !files[name])) return { ok: false, failure: 'missing', detail: `files: ${names.join(', ') || 'none'}` };
  if (names.some((n) => !wanted.has(n)) || names.length !== new Set(names).size) return { ok: false, failure: 'extra', detail: `files: ${names.join(', ')}` };
  return { ok: true, files };
}

/** The three files of a bundle. */
export function unpackBundle(bytes: Uint8Array): Unpacked {
  const r = unpackFiles(bytes, WANTED, BUNDLE_LIMITS.fileBytes);
  if (!r.ok) return r;
  return { ok: true, manifest: r.files[BUNDLE_FILES.manifest]!, signature: r.files[BUNDLE_FILES.signature]!, entries: r.files[BUNDLE_FILES.entries]! };
}
