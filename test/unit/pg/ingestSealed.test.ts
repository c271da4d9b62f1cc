import { describe, expect, it, onTestFinished } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../cli/commands';
import { dumpStore, freshDatabase, PG_MISSING } from '../../support/pgServer';

const suite = PG_MISSING ? describe.skip : describe;

suite('zwledger ingest --office-key', () => {
  it('opens sealed bundles with the office key file and takes them in; without it, or damaged, they change nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zw-pg-sealed-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const db = await freshDatabase();
    onTestFinished(db.drop);
    const prior = process.env.ZW_OFFICE_PASSWORD;
    onTestFinished(() => {
      if (prior === undefined) delete process.env.ZW_OFFICE_PASSWORD;
      else process.env.ZW_OFFICE_PASSWORD = prior;
    });
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runCli(args, { out: (l) => out.push(l), err: (l) => out.push(l) });
      return { code, out: out.join('\n') };
    };
    process.env.ZW_OFFICE_PASSWORD = '信息办-2026';
    expect((await run('fixture', '--units', '2', '--entries', '60', '--per-bundle', '30', '--suite', 'ed25519-sha256', '--seal', '--out', dir)).code).toBe(0);
    const bundles = (await readdir(join(dir, 'bundles'))).sort().map((n) => join(dir, 'bundles', n));
    const keyFiles = (await readdir(join(dir, 'keys'))).map((n) => join(dir, 'keys', n));
    expect((await run('db', 'migrate', '--db', db.url)).code).toBe(0);
    expect((await run('enrol', '--db', db.url, '--yes', ...keyFiles)).code).toBe(0);
    const officeKey = join(dir, 'office-key.json');
    const before = await dumpStore(db.pool);

    // Without the key file a sealed bundle cannot be read: refused, the database unchanged.
    const locked = await run('ingest', '--keys-from-db', '--db', db.url, '--json', ...bundles);
    expect(locked.code).toBe(1);
    expect(JSON.parse(locked.out).map((r: { verdict: string }) => r.verdict)).toEqual(bundles.map(() => 'sealedLocked'));
    // A damaged seal and a wrong password change nothing either.
    const first = await readFile(bundles[0]!);
    const damaged = Buffer.from(first);
    damaged[damaged.length - 40]! ^= 1;
    await writeFile(join(dir, 'damaged.zwb'), damaged);
    const bad = await run('ingest', '--keys-from-db', '--db', db.url, '--office-key', officeKey, '--json', join(dir, 'damaged.zwb'));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)[0].verdict).toBe('corruptChunk');
    process.env.ZW_OFFICE_PASSWORD = '不是这个';
    const wrong = await run('ingest', '--keys-from-db', '--db', db.url, '--office-key', officeKey, ...bundles);
    expect(wrong.code).toBe(2);
    expect(await dumpStore(db.pool)).toEqual(before);

    process.env.ZW_OFFICE_PASSWORD = '信息办-2026';
    const ok = await run('ingest', '--keys-from-db', '--db', db.url, '--office-key', officeKey, '--json', ...bundles);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).map((r: { verdict: string }) => r.verdict)).toEqual(bundles.map(() => 'valid'));
    const kept = await db.pool.query<{ n: string }>('select count(*) as n from received_bundles');
    expect(Number(kept.rows[0]!.n)).toBe(bundles.length);
    // Again: nothing new.
    const again = await run('ingest', '--keys-from-db', '--db', db.url, '--office-key', officeKey, '--json', ...bundles);
    expect(JSON.parse(again.out).map((r: { verdict: string }) => r.verdict)).toEqual(bundles.map(() => 'duplicate'));
  }, 120_000);
});
