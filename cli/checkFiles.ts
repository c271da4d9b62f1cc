import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readBundle, type KnownKey } from '../shared/bundle/codec';
import { BUNDLE_LIMITS } from '../shared/bundle/format';
import type { Segment, SetMember } from '../shared/bundle/segments';
import { digest } from '../shared/bundle/suites';
import { isSealed, openSealed, type SealKeyPair } from '../shared/bundle/seal';
import { sealVerdict, type UnsealVerdict } from '../shared/bundle/verdicts';
import type { FileVerdict, Output } from './commands';
import { readOfficeKeyFile } from '../shared/bundle/officeKeyFile';
import { UsageError } from './args';
import { MESSAGES, type Lang, type Messages } from './messages';

/**
 * `verify`'s first step, each file on its own: read, verify with the shared
 * codec, and the segment it adds to the set. Files are spread over worker
 * threads, one per core, and the answers come back in the order given.
 */
export interface CheckedFile {
  result: FileVerdict;
  member?: SetMember;
}

/** A bundle file's bytes, or why it cannot be read: too large to be a bundle (never read whole), or not there. */
export async function readBundleFile(file: string, m: Messages): Promise<{ bytes: Uint8Array } | { result: FileVerdict }> {
  try {
    const size = (await stat(file)).size;
    if (size > BUNDLE_LIMITS.fileBytes) return { result: { file, verdict: 'unreadable', words: m.verdicts.unreadable, help: m.tooLarge(size), detail: `${size} bytes` } };
    return { bytes: await readFile(file) };
  } catch {
    return { result: { file, verdict: 'unreadable', words: m.verdicts.unreadable, help: m.cannotOpen, detail: 'cannot open' } };
  }
}

/** The office's encryption keys from --office-key FILE, opened with ZW_OFFICE_PASSWORD or a password asked for. */
export async function loadOfficeKeys(file: string | true | undefined, io: Output, m: Messages): Promise<SealKeyPair[] | null> {
  if (file === undefined) return null;
  if (typeof file !== 'string') throw new UsageError(m.needsValue('office-key'));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(m.officeKeyUnreadable(file));
  }
  const password = process.env.ZW_OFFICE_PASSWORD ?? (io.askPassword ? await io.askPassword(m.officePassword) : undefined);
  if (password === undefined) throw new UsageError(m.needsOfficePassword);
  const read = await readOfficeKeyFile(text, password);
  if (!read.ok) throw new UsageError(m.officeKeyBad(file, read.failure === 'wrongPassword'));
  return read.keys;
}

/** A sealed bundle opened with the office's keys (none given: a sealed file cannot be read); an unsealed one as it is. */
export function unseal(bytes: Uint8Array, keys: SealKeyPair[] | null): { ok: true; bytes: Uint8Array } | { ok: false; verdict: UnsealVerdict; detail: string } {
  if (!isSealed(bytes)) return { ok: true, bytes };
  if (!keys) return { ok: false, verdict: 'sealedLocked', detail: 'sealed' };
  const opened = openSealed(bytes, keys);
  if (!opened.ok) return { ok: false, verdict: sealVerdict(opened.failure), detail: opened.chunk === undefined ? opened.failure : `${opened.failure} at chunk ${opened.chunk}` };
  return { ok: true, bytes: opened.content };
}

/** A file's signed bundle: read, and opened when sealed; or the verdict that stopped it. */
export async function openBundleFile(file: string, officeKeys: SealKeyPair[] | null, m: Messages): Promise<{ bytes: Uint8Array } | { result: FileVerdict }> {
  const read = await readBundleFile(file, m);
  if ('result' in read) return read;
  const opened = unseal(read.bytes, officeKeys);
  if (!opened.ok) return { result: { file, verdict: opened.verdict, words: m.verdicts[opened.verdict], help: m.help[opened.verdict], detail: opened.detail } };
  return { bytes: opened.bytes };
}

export async function checkFile(file: string, keys: ReadonlyMap<string, KnownKey>, officeKeys: SealKeyPair[] | null, lang: Lang): Promise<CheckedFile> {
  const m = MESSAGES[lang];
  const opened = await openBundleFile(file, officeKeys, m);
  if ('result' in opened) return opened;
  const { bytes } = opened;
  const r = readBundle(bytes, (id) => keys.get(id));
  const man = r.manifest;
  const facts = man ? { unitId: man.unitId, unitName: man.unitName, fromSeq: man.fromSeq, toSeq: man.toSeq } : {};
  if (r.verdict !== 'valid') return { result: { file, verdict: r.verdict, words: m.verdicts[r.verdict], help: m.help[r.verdict], detail: r.detail, ...facts } };
  const segment: Segment = { unitId: r.manifest.unitId, fromSeq: r.manifest.fromSeq, prevHash: r.manifest.prevHash, hashes: r.entries.map((e) => e.hash) };
  const counts = Object.fromEntries(Object.entries(r.manifest.counts).filter((e): e is [string, number] => typeof e[1] === 'number'));
  return {
    result: { file, verdict: 'valid', words: m.verdicts.valid, help: m.help.valid, detail: '', ...facts, entries: r.entries.length, counts },
    // Identical copies are told apart by file hash, then name: neither depends on the order given.
    member: { segment, key: `${digest(r.manifest.suite, bytes)}\n${file}` },
  };
}

export interface WorkerJob {
  files: string[];
  keys: [string, KnownKey][];
  officeKeys: SealKeyPair[] | null;
  lang: Lang;
}

/** The worker beside the built command line (out/cli); run from source, verification stays in this thread. */
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'verifyWorker.mjs');

export async function checkFiles(files: readonly string[], keys: ReadonlyMap<string, KnownKey>, officeKeys: SealKeyPair[] | null, lang: Lang, threads: number): Promise<CheckedFile[]> {
  const n = Math.min(threads, files.length);
  if (n <= 1 || !existsSync(WORKER)) {
    const out: CheckedFile[] = [];
    for (const file of files) out.push(await checkFile(file, keys, officeKeys, lang));
    return out;
  }
  // Every n-th file to each worker, so that each gets a like share of large and small units.
  const shares = Array.from({ length: n }, (_, w) => files.filter((_, i) => i % n === w));
  const answers = await Promise.all(
    shares.map(
      (share) =>
        new Promise<CheckedFile[]>((resolve, reject) => {
          const job: WorkerJob = { files: share, keys: [...keys], officeKeys, lang };
          const worker = new Worker(WORKER, { workerData: job });
          worker.once('message', (checked: CheckedFile[]) => resolve(checked));
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`verify worker exited with ${code}`)));
        }),
    ),
  );
  return files.map((_, i) => answers[i % n]![Math.floor(i / n)]!);
}
