import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { KnownKey } from '../shared/bundle/codec';
import { parseEnrolment } from '../shared/bundle/enrolment';
import { fixtureUnits } from '../shared/bundle/fixture';
import { BUNDLE_FILES, BUNDLE_LIMITS, manifestSchema, parseUntrustedJson } from '../shared/bundle/format';
import { judgeSegmentSet, type SetMember } from '../shared/bundle/segments';
import { CRYPTO_SUITES, DEFAULT_SUITE, fingerprint, type CryptoSuite } from '../shared/bundle/suites';
import { FAILING, type Verdict } from '../shared/bundle/verdicts';
import { generateSealKey, readSealHeader, sealBundle, sealFingerprint, type SealKeyPair } from '../shared/bundle/seal';
import { writeOfficeKeyFile } from '../shared/bundle/officeKeyFile';
import { indexBundle, inflateMember } from '../shared/bundle/zip';
import { count, parseArgs, UsageError } from './args';
import { checkedFiles, loadOfficeKeys, unseal } from './checkFiles';
import { MESSAGES, takeLang, type Lang, type Messages } from './messages';

/** The PostgreSQL store's commands (cli/pg.ts), loaded only when asked for: verify starts no slower for them. */
const PG_COMMANDS = ['db', 'enrol', 'revoke', 'ingest', 'units'] as const;

/**
 * The office's command line (`npx zwledger …`), on the same shared/ codec as
 * the app: verify bundles against a folder of enrolled unit keys, print a
 * bundle's manifest, write signed synthetic fixtures, and keep the office's
 * PostgreSQL store (cli/pg.ts).
 */

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks on the terminal (enrol's confirmation); absent when there is none. */
  ask?: (question: string) => Promise<string>;
  /** Asks for a password without echoing it, where there is a terminal to ask on. */
  askPassword?: (prompt: string) => Promise<string>;
}

/** The usage text, in both languages (the tests and `help` show it). */
export const USAGE = MESSAGES.zh.usage;

/** The enrolled keys in DIR: every enrolment file there is one the office has approved. */
async function loadKeys(dir: string, io: Output, m: Messages): Promise<Map<string, KnownKey>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new UsageError(m.keysUnreadable(dir));
  }
  const keys = new Map<string, KnownKey>();
  for (const name of names) {
    const parsed = parseEnrolment(await readFile(join(dir, name), 'utf8'));
    if (!parsed.ok) {
      io.err(m.keySkipped(name, parsed.detail));
      continue;
    }
    const e = parsed.enrolment;
    keys.set(e.keyId, { unitId: e.unitId, suite: e.suite, publicKey: e.publicKey, revoked: false });
  }
  return keys;
}

/** A sealed file opened with the office's keys; a plain bundle as it is. */

export interface FileVerdict {
  file: string;
  verdict: Verdict;
  /** The verdict in the chosen language, as the console names it. */
  words: string;
  /** What it means and what to do, in the chosen language. */
  help: string;
  /** The reader's technical reason (English), for whoever digs further. */
  detail: string;
  unitId?: string;
  unitName?: string;
  fromSeq?: number;
  toSeq?: number;
  entries?: number;
  counts?: Record<string, number>;
  missing?: { from: number; to: number };
  /** For a fork: the first seq that differs, and the other files of the set that hold another history there. */
  forkAt?: number;
  forkedWith?: string[];
  /** For a copy of another file's content: the one reported in its place. */
  sameAs?: string;
}

async function verify(args: readonly string[], io: Output, m: Messages, lang: Lang): Promise<number> {
  const { options, rest } = parseArgs(args, ['json'], ['keys', 'threads', 'office-key'], m);
  const dir = options.get('keys');
  if (typeof dir !== 'string') throw new UsageError(m.verifyNeedsKeys);
  if (rest.length === 0) throw new UsageError(m.verifyNeedsFiles);
  const keys = await loadKeys(dir, io, m);
  const officeKeys = await loadOfficeKeys(options.get('office-key'), io, m);
  const results: FileVerdict[] = [];
  const members: { index: number; member: SetMember }[] = [];
  // Every file is verified on its own first (on every core); only then is the set judged, so the order of the arguments cannot matter.
  const threads = options.has('threads') ? count(options.get('threads'), 'threads', 1, 64, m) : availableParallelism();
  for await (const c of checkedFiles(rest, keys, officeKeys, lang, threads)) {
    if (c.member) members.push({ index: results.length, member: c.member });
    results.push(c.result);
  }
  const judged = judgeSegmentSet(members.map((x) => x.member));
  const nameOf = (member: number) => basename(results[members[member]!.index]!.file);
  judged.forEach((a, i) => {
    const result = results[members[i]!.index]!;
    result.verdict = a.verdict;
    result.words = m.verdicts[a.verdict];
    if (a.verdict === 'gapBefore' && a.missing) {
      result.missing = a.missing;
      result.help = m.gap(a.missing.from, a.missing.to);
    } else if (a.verdict === 'forked' && a.forkAt !== undefined) {
      result.forkAt = a.forkAt;
      result.forkedWith = [...new Set((a.forkedWith ?? []).map(nameOf))].sort();
      result.help = m.forked(a.forkAt, result.forkedWith);
    } else if (a.verdict === 'duplicate') {
      if (a.sameAs !== undefined) result.sameAs = nameOf(a.sameAs);
      result.help = result.sameAs !== undefined ? m.duplicateOf(result.sameAs) : m.duplicate;
    }
  });
  if (options.has('json')) io.out(JSON.stringify(results, null, 2));
  else
    for (const r of results) {
      const range = r.fromSeq !== undefined ? m.range(r.unitName ?? '', r.fromSeq, r.toSeq ?? r.fromSeq) : '';
      io.out([`${basename(r.file)}: ${r.words}`, range, r.help].filter(Boolean).join(' · '));
    }
  const failed = results.filter((r) => FAILING.has(r.verdict)).length;
  if (!options.has('json')) io.out(m.summary(results.length, results.length - failed, failed));
  return failed > 0 ? 1 : 0;
}

async function inspect(args: readonly string[], io: Output, m: Messages): Promise<number> {
  const { options, rest } = parseArgs(args, [], ['office-key'], m);
  if (rest.length !== 1) throw new UsageError(m.inspectNeedsFile);
  const file = rest[0]!;
  const officeKeys = await loadOfficeKeys(options.get('office-key'), io, m);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    io.err(`${file}: ${m.verdicts.unreadable}（${m.cannotOpen}）`);
    return 1;
  }
  const header = readSealHeader(bytes);
  if (header.ok && !officeKeys) {
    // Without the office's key, what routing needs is all there is to show.
    io.out(JSON.stringify(header.header, null, 2));
    io.err(m.sealedHeader);
    return 0;
  }
  const opened = unseal(bytes, officeKeys);
  if (!opened.ok) {
    io.err(`${file}: ${m.verdicts[opened.verdict]}（${m.help[opened.verdict]}）`);
    return 1;
  }
  bytes = opened.bytes;
  // Only the manifest is inflated: inspecting never needs the entries.
  const index = indexBundle(bytes);
  const manifestFile = index.ok ? inflateMember(bytes, index.members.get(BUNDLE_FILES.manifest)!, BUNDLE_LIMITS.manifestBytes) : index;
  if (!manifestFile.ok) {
    const notBundle = manifestFile.failure === 'notZip' || manifestFile.failure === 'missing';
    io.err(`${file}: ${notBundle ? m.verdicts.notBundle : m.verdicts.unreadable}（${notBundle ? m.help.notBundle : m.help.unreadable}）`);
    return 1;
  }
  let manifest: unknown;
  try {
    manifest = parseUntrustedJson(new TextDecoder().decode(manifestFile.data));
  } catch (e) {
    io.err(`${file}: ${m.notJson(e instanceof Error ? e.message : String(e))}`);
    return 1;
  }
  io.out(JSON.stringify(manifest, null, 2));
  const checked = manifestSchema.safeParse(manifest);
  if (!checked.success) io.err(m.notFormat);
  io.err(m.inspectNote);
  return checked.success ? 0 : 1;
}

async function fixture(args: readonly string[], io: Output, m: Messages): Promise<number> {
  const { options } = parseArgs(args, ['seal'], ['units', 'entries', 'out', 'suite', 'per-bundle'], m);
  const units = count(options.get('units'), 'units', 1, 10_000, m);
  const entries = count(options.get('entries'), 'entries', 1, 1_000_000, m);
  const out = options.get('out');
  if (typeof out !== 'string') throw new UsageError(m.fixtureNeedsOut);
  const suite = (options.get('suite') ?? DEFAULT_SUITE) as CryptoSuite;
  if (!CRYPTO_SUITES.includes(suite)) throw new UsageError(m.suiteChoice(CRYPTO_SUITES));
  const perBundle = options.has('per-bundle') ? count(options.get('per-bundle'), 'per-bundle', 1, 1_000_000, m) : entries;
  let sealTo: SealKeyPair | null = null;
  if (options.has('seal')) {
    const password = process.env.ZW_OFFICE_PASSWORD;
    if (!password) throw new UsageError(m.needsOfficePassword);
    sealTo = generateSealKey(suite);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'office-key.json'), await writeOfficeKeyFile([sealTo], password), { mode: 0o600 });
  }
  await mkdir(join(out, 'keys'), { recursive: true });
  await mkdir(join(out, 'bundles'), { recursive: true });
  let files = 0;
  // One unit at a time, so memory holds one unit's history, not all of them.
  for (let u = 0; u < units; u++) {
    const [unit] = fixtureUnits({ units: 1, entries, perBundle, suite, firstUnit: u });
    const { enrolment, bundles } = unit!;
    await writeFile(join(out, 'keys', `${enrolment.unitCode}.json`), JSON.stringify(enrolment, null, 2));
    for (const b of bundles) {
      await writeFile(join(out, 'bundles', `${enrolment.unitCode}-${b.manifest.fromSeq}-${b.manifest.toSeq}.zwb`), sealTo ? sealBundle(b.bytes, sealTo) : b.bytes);
      files += 1;
    }
    if (units <= 5) io.out(m.fingerprint(enrolment.unitCode, enrolment.unitName, fingerprint(suite, enrolment.publicKey)));
  }
  io.out(m.fixtureDone(units, join(out, 'keys'), files, join(out, 'bundles'), entries, suite));
  if (sealTo) io.out(m.fixtureSealed(join(out, 'office-key.json'), sealFingerprint(sealTo.suite, sealTo.publicKey)));
  return 0;
}

/** Runs one command; `--lang en` anywhere switches every message to English. */
export async function runCli(argv: readonly string[], io: Output): Promise<number> {
  const { lang, args, bad } = takeLang(argv);
  const m = MESSAGES[lang];
  const [command, ...rest] = args;
  try {
    if (bad) throw new UsageError(m.badLang);
    if (command === 'verify') return await verify(rest, io, m, lang);
    if (command === 'inspect') return await inspect(rest, io, m);
    if (command === 'fixture') return await fixture(rest, io, m);
    if ((PG_COMMANDS as readonly (string | undefined)[]).includes(command)) {
      const pg = await import('./pg');
      return await pg[command as (typeof PG_COMMANDS)[number]](rest, { io, m, lang, ...(io.ask ? { ask: io.ask } : {}) });
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(m.usage);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(m.unknownCommand(command));
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(m.error(e.message));
      io.err(m.usage);
      return 2;
    }
    throw e;
  }
}
