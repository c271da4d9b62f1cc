import { readdir, readFile, mkdir, writeFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readBundle, type KnownKey } from '../shared/bundle/codec';
import { parseEnrolment } from '../shared/bundle/enrolment';
import { fixtureUnits } from '../shared/bundle/fixture';
import { BUNDLE_LIMITS, manifestSchema, parseUntrustedJson } from '../shared/bundle/format';
import { ChainKnowledge, type Segment } from '../shared/bundle/segments';
import { CRYPTO_SUITES, DEFAULT_SUITE, fingerprint, type CryptoSuite } from '../shared/bundle/suites';
import { FAILING, VERDICT_WORDS, type Verdict } from '../shared/bundle/verdicts';
import { unpackBundle } from '../shared/bundle/zip';

/**
 * The office's command line (`npx zwledger …`), on the same shared/ codec as
 * the app: verify bundles against a folder of enrolled unit keys, print a
 * bundle's manifest, and write signed synthetic fixtures.
 */

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const USAGE = `用法 / usage:
  zwledger verify --keys DIR [--json] FILE...   逐个验证数据包（DIR 为已登记单位密钥的登记文件夹）
  zwledger inspect FILE                           显示数据包的清单（manifest）
  zwledger fixture --units N --entries M --out DIR [--suite sm2-sm3|ed25519-sha256] [--per-bundle K]
                                                  生成签名的模拟数据包和对应的登记文件`;

class UsageError extends Error {}

function parseArgs(args: readonly string[], flags: readonly string[], valued: readonly string[]) {
  const options = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const name = a.slice(2);
    if (flags.includes(name)) options.set(name, true);
    else if (valued.includes(name)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`--${name} 需要一个值`);
      options.set(name, value);
    } else throw new UsageError(`未知选项 ${a}`);
  }
  return { options, rest };
}

function count(value: string | true | undefined, name: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} 应为 ${min} 到 ${max} 之间的整数`);
  return n;
}

/** The enrolled keys in DIR: every enrolment file there is one the office has approved. */
async function loadKeys(dir: string, io: Output): Promise<Map<string, KnownKey>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new UsageError(`无法读取密钥文件夹 ${dir}`);
  }
  const keys = new Map<string, KnownKey>();
  for (const name of names) {
    const parsed = parseEnrolment(await readFile(join(dir, name), 'utf8'));
    if (!parsed.ok) {
      io.err(`跳过 ${name}：不是有效的登记文件（${parsed.detail}）`);
      continue;
    }
    const e = parsed.enrolment;
    keys.set(e.keyId, { unitId: e.unitId, suite: e.suite, publicKey: e.publicKey, revoked: false });
  }
  return keys;
}

export interface FileVerdict {
  file: string;
  verdict: Verdict;
  words: string;
  detail: string;
  unitId?: string;
  unitName?: string;
  fromSeq?: number;
  toSeq?: number;
  entries?: number;
  counts?: Record<string, number>;
  missing?: { from: number; to: number };
}

async function verify(args: readonly string[], io: Output): Promise<number> {
  const { options, rest } = parseArgs(args, ['json'], ['keys']);
  const dir = options.get('keys');
  if (typeof dir !== 'string') throw new UsageError('verify 需要 --keys DIR');
  if (rest.length === 0) throw new UsageError('verify 需要至少一个数据包文件');
  const keys = await loadKeys(dir, io);
  const results: FileVerdict[] = [];
  const segments: { index: number; segment: Segment }[] = [];
  const words = VERDICT_WORDS.zh;
  for (const file of rest) {
    let bytes: Uint8Array;
    try {
      const size = (await stat(file)).size;
      if (size > BUNDLE_LIMITS.fileBytes) {
        results.push({ file, verdict: 'unreadable', words: words.unreadable, detail: `文件过大（${size} 字节）` });
        continue;
      }
      bytes = await readFile(file);
    } catch {
      results.push({ file, verdict: 'unreadable', words: words.unreadable, detail: '无法打开文件' });
      continue;
    }
    const r = readBundle(bytes, (id) => keys.get(id));
    const m = r.manifest;
    const facts = m ? { unitId: m.unitId, unitName: m.unitName, fromSeq: m.fromSeq, toSeq: m.toSeq } : {};
    if (r.verdict !== 'valid') {
      results.push({ file, verdict: r.verdict, words: words[r.verdict], detail: r.detail, ...facts });
      continue;
    }
    segments.push({ index: results.length, segment: { unitId: r.manifest.unitId, fromSeq: r.manifest.fromSeq, prevHash: r.manifest.prevHash, hashes: r.entries.map((e) => e.hash) } });
    const counts = Object.fromEntries(Object.entries(r.manifest.counts).filter((e): e is [string, number] => typeof e[1] === 'number'));
    results.push({ file, verdict: 'valid', words: words.valid, detail: '', ...facts, entries: r.entries.length, counts });
  }
  // Judged as a set, in chain order, so the order of the files on the command line does not matter.
  segments.sort((a, b) => a.segment.unitId.localeCompare(b.segment.unitId) || a.segment.fromSeq - b.segment.fromSeq || b.segment.hashes.length - a.segment.hashes.length);
  const knowledge = new ChainKnowledge();
  for (const { index, segment } of segments) {
    const a = knowledge.assess(segment);
    const result = results[index]!;
    result.verdict = a.verdict;
    result.words = words[a.verdict];
    if (a.missing) {
      result.missing = a.missing;
      result.detail = `缺第 ${a.missing.from}–${a.missing.to} 条`;
    }
    if (a.forkAt !== undefined) result.detail = `第 ${a.forkAt} 条与已有记录不同`;
    if (a.verdict !== 'forked') knowledge.add(segment);
  }
  if (options.has('json')) io.out(JSON.stringify(results, null, 2));
  else
    for (const r of results) {
      const range = r.fromSeq !== undefined ? `${r.unitName ?? ''} 第 ${r.fromSeq}–${r.toSeq} 条` : '';
      io.out([`${basename(r.file)}: ${r.words}`, range, r.detail].filter(Boolean).join(' · '));
    }
  const failed = results.filter((r) => FAILING.has(r.verdict)).length;
  if (!options.has('json')) io.out(`共 ${results.length} 个文件，${results.length - failed} 个通过，${failed} 个未通过`);
  return failed > 0 ? 1 : 0;
}

async function inspect(args: readonly string[], io: Output): Promise<number> {
  const { rest } = parseArgs(args, [], []);
  if (rest.length !== 1) throw new UsageError('inspect 需要一个数据包文件');
  const file = rest[0]!;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    io.err(`${file}: ${VERDICT_WORDS.zh.unreadable}（无法打开文件）`);
    return 1;
  }
  const files = unpackBundle(bytes);
  if (!files.ok) {
    io.err(`${file}: ${files.failure === 'notZip' || files.failure === 'missing' ? VERDICT_WORDS.zh.notBundle : VERDICT_WORDS.zh.unreadable}（${files.detail}）`);
    return 1;
  }
  let manifest: unknown;
  try {
    manifest = parseUntrustedJson(new TextDecoder().decode(files.manifest));
  } catch (e) {
    io.err(`${file}: manifest.json 不是 JSON（${e instanceof Error ? e.message : String(e)}）`);
    return 1;
  }
  io.out(JSON.stringify(manifest, null, 2));
  const checked = manifestSchema.safeParse(manifest);
  if (!checked.success) io.err('注意：清单格式不符合 zwledger-bundle/1');
  io.err('（仅显示清单，未验证签名；验证请用 zwledger verify --keys DIR）');
  return checked.success ? 0 : 1;
}

async function fixture(args: readonly string[], io: Output): Promise<number> {
  const { options } = parseArgs(args, [], ['units', 'entries', 'out', 'suite', 'per-bundle']);
  const units = count(options.get('units'), 'units', 1, 10_000);
  const entries = count(options.get('entries'), 'entries', 1, 1_000_000);
  const out = options.get('out');
  if (typeof out !== 'string') throw new UsageError('fixture 需要 --out DIR');
  const suite = (options.get('suite') ?? DEFAULT_SUITE) as CryptoSuite;
  if (!CRYPTO_SUITES.includes(suite)) throw new UsageError(`--suite 应为 ${CRYPTO_SUITES.join(' 或 ')}`);
  const perBundle = options.has('per-bundle') ? count(options.get('per-bundle'), 'per-bundle', 1, 1_000_000) : entries;
  await mkdir(join(out, 'keys'), { recursive: true });
  await mkdir(join(out, 'bundles'), { recursive: true });
  let files = 0;
  // One unit at a time, so memory holds one unit's history, not all of them.
  for (let u = 0; u < units; u++) {
    const [unit] = fixtureUnits({ units: 1, entries, perBundle, suite, firstUnit: u });
    const { enrolment, bundles } = unit!;
    await writeFile(join(out, 'keys', `${enrolment.unitCode}.json`), JSON.stringify(enrolment, null, 2));
    for (const b of bundles) {
      await writeFile(join(out, 'bundles', `${enrolment.unitCode}-${b.manifest.fromSeq}-${b.manifest.toSeq}.zwb`), b.bytes);
      files += 1;
    }
    if (units <= 5) io.out(`${enrolment.unitCode} ${enrolment.unitName}：密钥指纹 ${fingerprint(suite, enrolment.publicKey)}`);
  }
  io.out(`已写出 ${units} 个单位的登记文件（${join(out, 'keys')}）和 ${files} 个数据包（${join(out, 'bundles')}），每单位 ${entries} 条，${suite}`);
  return 0;
}

export async function runCli(args: readonly string[], io: Output): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === 'verify') return await verify(rest, io);
    if (command === 'inspect') return await inspect(rest, io);
    if (command === 'fixture') return await fixture(rest, io);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`未知命令 ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`错误：${e.message}`);
      io.err(USAGE);
      return 2;
    }
    throw e;
  }
}
