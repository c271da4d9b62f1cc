import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type FileVerdict } from '../../../cli/commands';

let dir: string;

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zw-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zwledger fixture, verify and inspect', () => {
  it('writes enrolment files and signed bundles for each unit, in either suite', async () => {
    const r = await run('fixture', '--units', '2', '--entries', '120', '--per-bundle', '50', '--out', join(dir, 'sm'));
    expect(r.code).toBe(0);
    expect((await readdir(join(dir, 'sm', 'keys'))).sort()).toEqual(['PL-0001.json', 'PL-0002.json']);
    expect((await readdir(join(dir, 'sm', 'bundles'))).sort()).toEqual(['PL-0001-1-50.zwb', 'PL-0001-101-120.zwb', 'PL-0001-51-100.zwb', 'PL-0002-1-50.zwb', 'PL-0002-101-120.zwb', 'PL-0002-51-100.zwb']);
    expect(r.out).toMatch(/PL-0001 .*密钥指纹 \d{5}( \d{5}){7}/);
    expect((await run('fixture', '--units', '1', '--entries', '30', '--suite', 'ed25519-sha256', '--out', join(dir, 'ed'))).code).toBe(0);
  });

  it('verifies a set in any order, naming duplicates and gaps, and exits 0 when nothing failed', async () => {
    const b = (name: string) => join(dir, 'sm', 'bundles', name);
    const r = await run('verify', '--keys', join(dir, 'sm', 'keys'), '--json', b('PL-0001-101-120.zwb'), b('PL-0001-1-50.zwb'), b('PL-0001-51-100.zwb'), b('PL-0001-1-50.zwb'), b('PL-0002-51-100.zwb'));
    expect(r.code).toBe(0);
    const verdicts = JSON.parse(r.out) as FileVerdict[];
    expect(verdicts.map((v) => v.verdict)).toEqual(['valid', 'valid', 'valid', 'duplicate', 'gapBefore']);
    expect(verdicts[4]).toMatchObject({ missing: { from: 1, to: 50 }, words: '前有缺口' });
    expect(verdicts[0]).toMatchObject({ fromSeq: 101, toSeq: 120, entries: 20, unitName: expect.stringContaining('崆峒区') });
  });

  it('exits non-zero with one line per file when any file fails, and says why in Chinese', async () => {
    const good = join(dir, 'sm', 'bundles', 'PL-0002-1-50.zwb');
    const tampered = join(dir, 'tampered.zwb');
    const bytes = await readFile(good);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
    await writeFile(tampered, bytes);
    await writeFile(join(dir, 'notes.txt'), '会议纪要');
    const r = await run('verify', '--keys', join(dir, 'sm', 'keys'), good, tampered, join(dir, 'notes.txt'), join(dir, 'ed', 'bundles', 'PL-0001-1-30.zwb'), join(dir, 'missing.zwb'));
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^PL-0002-1-50\.zwb: 有效/);
    expect(lines[1]).toMatch(/^tampered\.zwb: (无法读取|内容被改动|签名无效)/);
    expect(lines[2]).toMatch(/^notes\.txt: 不是数据包/);
    expect(lines[3]).toMatch(/^PL-0001-1-30\.zwb: 未登记的密钥/);
    expect(lines[4]).toMatch(/^missing\.zwb: 无法读取/);
    expect(lines[5]).toBe('共 5 个文件，1 个通过，4 个未通过');
  });

  it('inspects a manifest without a key, and refuses what is not a bundle', async () => {
    const r = await run('inspect', join(dir, 'ed', 'bundles', 'PL-0001-1-30.zwb'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'zwledger-bundle/1', suite: 'ed25519-sha256', fromSeq: 1, toSeq: 30 });
    const bad = await run('inspect', join(dir, 'notes.txt'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('不是数据包');
  });

  it('refuses bad usage with exit 2 and the usage text', async () => {
    for (const args of [[], ['verify', 'x.zwb'], ['verify', '--keys'], ['fixture', '--units', '0', '--entries', '5', '--out', dir], ['fixture', '--units', '1', '--entries', '5', '--out', dir, '--suite', 'rsa'], ['frobnicate']]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.out + r.err).toContain('zwledger verify --keys DIR');
    }
  });
});

describe('zwledger verify judges its files as a set', () => {
  /** Seq 1–40, 41–80, a fork of 41–80 (another history from seq 60) and 81–120, in one unit's key. */
  async function forkedSet(): Promise<{ keys: string; files: string[] }> {
    const { fixtureHistory } = await import('../../../shared/bundle/fixture');
    const { writeBundle } = await import('../../../shared/bundle/codec');
    const { makeEnrolment } = await import('../../../shared/bundle/enrolment');
    const { generateKeyPair, keyIdOf } = await import('../../../shared/bundle/suites');
    const { GENESIS_HASH, openEntry, sealEntry } = await import('../../../shared/changelog/chain');
    const base = join(dir, 'fork');
    await mkdir(join(base, 'keys'), { recursive: true });
    const { unit, entries } = fixtureHistory(3, 120);
    const key = generateKeyPair('ed25519-sha256');
    const signing = { suite: key.suite, keyId: keyIdOf(key.suite, key.publicKey), privateKey: key.privateKey };
    await writeFile(join(base, 'keys', 'unit.json'), JSON.stringify(makeEnrolment(unit, key, Date.UTC(2026, 10, 1))));
    // The other history: seq 60 says something else, and every entry after it is re-chained on it.
    const other = entries.slice(40, 80).map(openEntry);
    let prev = entries[58]!.hash;
    const forked = other.map(({ hash: _hash, ...e }) => {
      const sealed = sealEntry({ ...e, prevHash: e.seq < 60 ? e.prevHash : prev, record: e.seq === 60 ? { ...e.record, note: '另一份历史' } : e.record });
      if (e.seq >= 60) prev = sealed.hash;
      return e.seq < 60 ? entries[e.seq - 1]! : sealed;
    });
    const write = async (name: string, part: typeof entries) => {
      const first = part[0]!.seq;
      const bundle = writeBundle({ unit, createdBy: { accountId: 'admin', name: '管理员' }, createdAt: Date.UTC(2026, 10, 2), prevHash: first === 1 ? GENESIS_HASH : entries[first - 2]!.hash, entries: part }, signing);
      await writeFile(join(base, name), bundle.bytes);
      return join(base, name);
    };
    const files = [await write('a-1-40.zwb', entries.slice(0, 40)), await write('b-41-80.zwb', entries.slice(40, 80)), await write('c-41-80-fork.zwb', forked), await write('d-81-120.zwb', entries.slice(80, 120))];
    return { keys: join(base, 'keys'), files };
  }

  function permutations<T>(items: readonly T[]): T[][] {
    if (items.length <= 1) return [[...items]];
    return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
  }

  it('reports both sides of a fork, and the same verdict for every file in all 24 orders', async () => {
    const { keys, files } = await forkedSet();
    const orders = permutations(files);
    expect(orders).toHaveLength(24);
    let reference: Record<string, Omit<FileVerdict, 'file'>> | undefined;
    for (const order of orders) {
      // The judgement of the set is what the orders test; one thread keeps 24 runs from starting 48 workers.
      const r = await run('verify', '--keys', keys, '--threads', '1', '--json', ...order);
      const byFile = Object.fromEntries((JSON.parse(r.out) as FileVerdict[]).map(({ file, ...v }) => [file.slice(file.lastIndexOf('/') + 1), v]));
      expect(byFile['b-41-80.zwb']).toMatchObject({ verdict: 'forked', forkAt: 60, forkedWith: ['c-41-80-fork.zwb'] });
      expect(byFile['c-41-80-fork.zwb']).toMatchObject({ verdict: 'forked', forkAt: 60, forkedWith: expect.arrayContaining(['b-41-80.zwb']) });
      expect(byFile['a-1-40.zwb']).toMatchObject({ verdict: 'valid' });
      // It chains on from seq 80, which the set holds with two hashes: which side it continues cannot be told.
      expect(byFile['d-81-120.zwb']).toMatchObject({ verdict: 'forked' });
      reference ??= byFile;
      expect(byFile).toEqual(reference);
      expect(r.code).toBe(1);
    }
  });
});

describe('zwledger as a command', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/zwledger.ts', ...args], { encoding: 'utf8' });
  const keys = () => join(dir, 'cmd', 'keys');
  const bundle = (name: string) => join(dir, 'cmd', 'bundles', name);
  beforeAll(async () => {
    expect((await run('fixture', '--units', '1', '--entries', '30', '--per-bundle', '10', '--suite', 'ed25519-sha256', '--out', join(dir, 'cmd'))).code).toBe(0);
  });

  it('speaks Chinese by default and English with --lang en, before or after the command', () => {
    const file = bundle('PL-0001-21-30.zwb');
    const zh = cli(['verify', '--keys', keys(), file]);
    expect(zh.stdout).toContain('PL-0001-21-30.zwb: 前有缺口');
    expect(zh.stdout).toContain('缺少第 1–20 条');
    expect(zh.stdout).toContain('共 1 个文件，1 个通过，0 个未通过');
    for (const args of [['--lang', 'en', 'verify', '--keys', keys(), file], ['verify', '--keys', keys(), file, '--lang=en']]) {
      const en = cli(args);
      expect(en.status).toBe(0);
      expect(en.stdout).toContain('entries 1–20 are missing');
      expect(en.stdout).toContain('1 file, 1 passed, 0 failed');
      // The unit's name is its own; every word around it is English.
      expect(en.stdout.replaceAll(/崆峒区第\d+单位/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const usage = cli(['frobnicate', '--lang', 'en']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('error: unknown command frobnicate');
  });

  it('exits quietly, with the code its work earned, when the reader of its output goes away', () => {
    // Enough output to fill the pipe, so writes go on after `head` has closed it.
    const args = ['verify', '--keys', keys(), '--json', ...Array.from({ length: 400 }, () => bundle('PL-0001-1-10.zwb'))];
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const r = spawnSync('bash', ['-c', `set -o pipefail; '${process.execPath}' --import tsx cli/zwledger.ts ${quoted} | head -c 1 >/dev/null`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('zwledger with sealed bundles', () => {
  it('fixture --seal writes sealed bundles and the office key file; verify and inspect open them with --office-key, and refuse damage', async () => {
    const prior = process.env.ZW_OFFICE_PASSWORD;
    process.env.ZW_OFFICE_PASSWORD = '信息办-2026';
    try {
      const out = join(dir, 'sealed');
      const made = await run('fixture', '--units', '1', '--entries', '40', '--per-bundle', '20', '--suite', 'ed25519-sha256', '--seal', '--out', out);
      expect(made.code).toBe(0);
      expect(made.out).toContain('office-key.json');
      const bundles = (await readdir(join(out, 'bundles'))).sort().map((n) => join(out, 'bundles', n));
      const first = await readFile(bundles[0]!);
      expect(first.subarray(0, 17).toString()).toBe('zwledger-sealed/1');
      // Nothing of the unit shows outside the seal.
      expect(first.includes(Buffer.from('manifest.json'))).toBe(false);

      const locked = await run('verify', '--keys', join(out, 'keys'), '--json', ...bundles);
      expect(locked.code).toBe(1);
      expect(JSON.parse(locked.out).map((r: { verdict: string }) => r.verdict)).toEqual(['sealedLocked', 'sealedLocked']);

      const ok = await run('verify', '--keys', join(out, 'keys'), '--office-key', join(out, 'office-key.json'), '--json', ...bundles);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out).map((r: { verdict: string }) => r.verdict)).toEqual(['valid', 'valid']);

      const damaged = Buffer.from(first);
      damaged[damaged.length - 40]! ^= 1;
      await writeFile(join(out, 'damaged.zwb'), damaged);
      await writeFile(join(out, 'cut.zwb'), first.subarray(0, first.length - 100));
      const bad = await run('verify', '--keys', join(out, 'keys'), '--office-key', join(out, 'office-key.json'), '--json', join(out, 'damaged.zwb'), join(out, 'cut.zwb'));
      expect(JSON.parse(bad.out).map((r: { verdict: string }) => r.verdict)).toEqual(['corruptChunk', 'truncated']);

      const header = await run('inspect', bundles[0]!);
      expect(JSON.parse(header.out)).toMatchObject({ format: 'zwledger-sealed/1', suite: 'ed25519-sha256' });
      const manifest = await run('inspect', '--office-key', join(out, 'office-key.json'), bundles[0]!);
      expect(JSON.parse(manifest.out)).toMatchObject({ format: 'zwledger-bundle/1', fromSeq: 1, toSeq: 20 });

      process.env.ZW_OFFICE_PASSWORD = 'wrong';
      const wrong = await run('verify', '--keys', join(out, 'keys'), '--office-key', join(out, 'office-key.json'), ...bundles);
      expect(wrong.code).toBe(2);
    } finally {
      if (prior === undefined) delete process.env.ZW_OFFICE_PASSWORD;
      else process.env.ZW_OFFICE_PASSWORD = prior;
    }
  }, 60_000);
});
