import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
