import { readFile, stat } from 'node:fs/promises';
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
import { inOrder, startCliWorker } from './workerPool';

/**
 * `verify`'s first step, each file on its own: read, verify with the shared
 * codec, and the segment it adds to the set.
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

/** What every worker thread is started with: the keys to verify with, and the language of its verdicts. */
export interface WorkerJob {
  keys: [string, KnownKey][];
  officeKeys: SealKeyPair[] | null;
  lang: Lang;
}

/** Each file checked, in worker threads (cli/workerPool.ts), in the order given. */
export function checkedFiles(files: readonly string[], keys: ReadonlyMap<string, KnownKey>, officeKeys: SealKeyPair[] | null, lang: Lang, threads: number): AsyncGenerator<CheckedFile> {
  const job: WorkerJob = { keys: [...keys], officeKeys, lang };
  return inOrder(files, threads, (file) => checkFile(file, keys, officeKeys, lang), () => startCliWorker('verifyWorker', job));
}
