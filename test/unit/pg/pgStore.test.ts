import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { execPath as nodePath } from 'node:process';
import { join } from 'node:path';
import type pg from 'pg';
import { writeBundle } from '../../../shared/bundle/codec';
import { makeEnrolment } from '../../../shared/bundle/enrolment';
import { fixtureHistory, fixtureUnits, type FixtureUnit } from '../../../shared/bundle/fixture';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import { GENESIS_HASH, sealEntry, type SealedEntry, type UnhashedEntry } from '../../../shared/changelog/chain';
import { FAILING } from '../../../shared/bundle/verdicts';
import { ingestBundle } from '../../../main/services/pgStore/ingest';
import { enrolKeys, keyLookupFromDb, reviewEnrolments, revokeKey } from '../../../main/services/pgStore/keys';
import { migrate, schemaVersion } from '../../../main/services/pgStore/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../../main/services/pgStore/migrations';
import { unitSummaries } from '../../../main/services/pgStore/units';
import { checkDatabaseUrl } from '../../../main/services/pgStore/connection';
import { mutateBundle, sameFiles } from '../shared/mutations';
import { craftedUnit } from '../../support/craftedBundle';
import { dumpStore, freshDatabase, PG_MISSING } from '../../support/pgServer';

const suite = PG_MISSING ? describe.skip : describe;

async function store(upTo = LATEST_VERSION): Promise<pg.Pool> {
  const db = await freshDatabase();
  onTestFinished(db.drop);
  await migrate(db.pool, upTo);
  return db.pool;
}

async function enrolAll(pool: pg.Pool, units: readonly { enrolment: FixtureUnit['enrolment'] }[]): Promise<void> {
  await enrolKeys(pool, await reviewEnrolments(pool, units.map((u) => u.enrolment)), 'test');
}

async function ingestAll(pool: pg.Pool, files: readonly { name: string; bytes: Uint8Array }[]) {
  const keys = await keyLookupFromDb(pool);
  const out = [];
  for (const f of files) out.push(await ingestBundle(pool, f, keys, 'test'));
  return out;
}

/** A unit whose history from entry 51 on exists twice, both signed by its one key. */
function forkedUnit() {
  const { unit, entries } = fixtureHistory(9, 100);
  const pair = generateKeyPair('ed25519-sha256');
  const key = { suite: 'ed25519-sha256' as const, keyId: keyIdOf('ed25519-sha256', pair.publicKey), privateKey: pair.privateKey };
  const other: SealedEntry[] = entries.slice(0, 50);
  for (const e of entries.slice(50)) {
    const body = JSON.parse(e.body) as UnhashedEntry;
    other.push(sealEntry({ ...body, at: body.at + 1000, prevHash: other[other.length - 1]!.hash }));
  }
  const file = (name: string, part: SealedEntry[], prevHash: string) => ({ name, bytes: writeBundle({ unit, createdBy: { accountId: 'a', name: 'a' }, createdAt: 1, prevHash, entries: part }, key).bytes });
  return {
    enrolment: makeEnrolment(unit, pair, 1),
    first: file('f-1-50.zwb', entries.slice(0, 50), GENESIS_HASH),
    second: file('f-51-100.zwb', entries.slice(50), entries[49]!.hash),
    rewritten: file('f-51-100-other.zwb', other.slice(50), other[49]!.hash),
  };
}

const filesOf = (u: FixtureUnit) => u.bundles.map((b) => ({ name: `${u.unit.code}-${b.manifest.fromSeq}-${b.manifest.toSeq}.zwb`, bytes: b.bytes }));

suite('the PostgreSQL store: schema', () => {
  it('creates the schema from nothing, and a second migrate changes nothing', async () => {
    const pool = await store(0);
    expect(await schemaVersion(pool)).toBe(0);
    const first = await migrate(pool);
    expect(first).toMatchObject({ from: 0, to: LATEST_VERSION });
    expect(first.applied.map((a) => a.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await migrate(pool)).applied).toEqual([]);
  });

  it('upgrades a database written by the previous migration set, and its units view is computed by the new one', async () => {
    const pool = await store(LATEST_VERSION - 1);
    const [unit] = fixtureUnits({ units: 1, entries: 200, suite: 'sm2-sm3' });
    // What the previous version wrote: its key, a received bundle with its segment and file, and the merged records.
    await enrolAll(pool, [unit!]);
    const b = unit!.bundles[0]!;
    await pool.query(
      "insert into received_bundles (file_hash, file_name, unit_id, unit_name, unit_code, key_id, from_seq, to_seq, counts, created_at, last_entry_at, received_at, received_by, verdict) values ('h1', 'old.zwb', $1, $2, $3, $4, 1, 200, '{}', 0, $5, $6, 'old', 'valid')",
      [unit!.unit.id, unit!.unit.name, unit!.unit.code, unit!.enrolment.keyId, Date.UTC(2026, 1, 1), Date.now()],
    );
    await pool.query("insert into received_segments values ('h1', $1, 1, 200, $2, $3)", [unit!.unit.id, b.manifest.prevHash, Array.from({ length: 200 }, (_, i) => String(i))]);
    await pool.query("insert into merged_records values ($1, 'devices', 'd1', 1, 5, $2), ($1, 'devices', 'd2', 1, 6, $3)", [
      unit!.unit.id,
      JSON.stringify({ unitId: unit!.unit.id, id: 'd1', retiredAt: null, internetCapable: true, isolationCard: false }),
      JSON.stringify({ unitId: unit!.unit.id, id: 'd2', retiredAt: null, internetCapable: false, isolationCard: false }),
    ]);
    const up = await migrate(pool);
    expect(up).toMatchObject({ from: LATEST_VERSION - 1, to: LATEST_VERSION });
    const [row] = await unitSummaries(pool);
    expect(row).toMatchObject({ unitCode: unit!.unit.code, bundles: 1, toSeq: 200, activeDevices: 2, violations: 1, gaps: [] });
    // The figures the view computed are kept, as an ingest would have kept them.
    expect((await pool.query('select active_devices from unit_figures')).rows).toEqual([{ active_devices: 2 }]);
    // Received files, zips already, are kept without the server compressing them again.
    expect((await pool.query("select attstorage from pg_attribute where attrelid = 'received_files'::regclass and attname = 'bytes'")).rows).toEqual([{ attstorage: 'e' }]);
  });

  it('refuses a database URL that carries a password', () => {
    expect(checkDatabaseUrl('postgres://office:secret@127.0.0.1/zw')).toBe('password');
    expect(checkDatabaseUrl('postgres://office@127.0.0.1/zw?password=secret')).toBe('password');
    expect(checkDatabaseUrl('postgres://office@127.0.0.1:5432/zw')).toBeNull();
    expect(checkDatabaseUrl('mysql://office@127.0.0.1/zw')).toBe('notPostgres');
  });
});

suite('the PostgreSQL store: keys', () => {
  it('enrols new keys and rotations, knows what is already there, and revokes with a reason', async () => {
    const pool = await store();
    const units = fixtureUnits({ units: 2, entries: 40, suite: 'ed25519-sha256' });
    const reviews = await reviewEnrolments(pool, units.map((u) => u.enrolment));
    expect(reviews.map((r) => r.standing)).toEqual(['new', 'new']);
    expect(reviews[0]!.fingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(await enrolKeys(pool, reviews, 'test')).toHaveLength(2);
    expect((await reviewEnrolments(pool, [units[0]!.enrolment]))[0]!.standing).toBe('already');
    expect(await revokeKey(pool, units[0]!.enrolment.keyId, ' ', 'test')).toBe('reason');
    expect(await revokeKey(pool, units[0]!.enrolment.keyId, '电脑被盗', 'test')).toBe('revoked');
    expect(await revokeKey(pool, units[0]!.enrolment.keyId, '电脑被盗', 'test')).toBe('alreadyRevoked');
    expect(await revokeKey(pool, 'nope', '电脑被盗', 'test')).toBe('unknown');
    expect((await reviewEnrolments(pool, [units[0]!.enrolment]))[0]!.standing).toBe('revoked');
    const [out] = await ingestAll(pool, filesOf(units[0]!));
    expect(out!.verdict).toBe('revokedKey');
  });
});

suite('the PostgreSQL store: ingest', () => {
  it('judges gaps, fills, duplicates and forks against the database, in the console’s words', async () => {
    const pool = await store();
    const [unit] = fixtureUnits({ units: 1, entries: 150, perBundle: 50, suite: 'sm2-sm3' });
    await enrolAll(pool, [unit!]);
    const [a, b, c] = filesOf(unit!);
    const out = await ingestAll(pool, [c!, a!, a!, b!]);
    expect(out.map((o) => o.verdict)).toEqual(['gapBefore', 'valid', 'duplicate', 'valid']);
    expect(out[0]!.missing).toEqual({ from: 1, to: 100 });
    expect(out[3]!.completed).toEqual([c!.name]);
    expect((await pool.query("select count(*)::int as n from received_bundles where verdict = 'valid'")).rows[0].n).toBe(3);
    // Another history of the same unit under the same key from entry 51 on: forked, nothing written.
    const forked = forkedUnit();
    await enrolAll(pool, [forked]);
    expect((await ingestAll(pool, [forked.first, forked.second])).map((o) => o.verdict)).toEqual(['valid', 'valid']);
    const before = await dumpStore(pool);
    const [fork] = await ingestAll(pool, [forked.rewritten]);
    expect(fork).toMatchObject({ verdict: 'forked', forkAt: 51 });
    expect(await dumpStore(pool)).toEqual(before);
    const [row] = await unitSummaries(pool);
    expect(row).toMatchObject({ unitCode: unit!.unit.code, bundles: 3, toSeq: 150, gaps: [] });
    expect(row!.activeDevices).toBeGreaterThan(0);
  });

  it('refuses a bundle carrying a record whose id another unit holds, and a record its table refuses, writing nothing', async () => {
    const pool = await store();
    const a = craftedUnit(1, 60, () => []);
    await enrolAll(pool, [a]);
    expect((await ingestAll(pool, [a.file]))[0]!.verdict).toBe('valid');
    const victim = a.entries.find((e) => e.table === 'devices')!;
    const victimRecord = (JSON.parse(victim.body) as { record: Record<string, unknown> }).record;
    const b = craftedUnit(2, 60, (unitId) => [{ table: 'devices', record: { ...victimRecord, unitId, owner: '冒名', rev: 5 } }]);
    const c = craftedUnit(3, 60, (unitId) => [{ table: 'devices', record: { ...victimRecord, id: 'fresh-id', unitId, ip: {} } }]);
    await enrolAll(pool, [b, c]);
    const before = await dumpStore(pool);
    const [ob, oc] = await ingestAll(pool, [b.file, c.file]);
    expect(ob).toMatchObject({ verdict: 'foreignRecord', refused: { kind: 'otherUnit', table: 'devices', field: 'id' } });
    expect(oc).toMatchObject({ verdict: 'invalidRecord', refused: { table: 'devices', field: 'ip' } });
    expect(await dumpStore(pool)).toEqual(before);
  });

  it('judges a bundle again when another unit takes in one of its ids while it is being taken in', async () => {
    const pool = await store();
    const a = craftedUnit(1, 60, () => []);
    const victim = a.entries.find((e) => e.table === 'devices')!;
    const victimRecord = (JSON.parse(victim.body) as { record: Record<string, unknown> }).record;
    const b = craftedUnit(2, 60, (unitId) => [{ table: 'devices', record: { ...victimRecord, unitId, rev: 1 } }]);
    await enrolAll(pool, [b]);
    // Unit 1's ingest, half-way: its record is written but not yet committed, so b's lookup cannot see it.
    const other = await pool.connect();
    await other.query('begin');
    await other.query("insert into merged_records (unit_id, tbl, id, rev, seq, record) values ($1, 'devices', $2, 1, 1, '{}')", [a.unit.id, victim.recordId]);
    const taking = ingestAll(pool, [b.file]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await other.query('commit');
    other.release();
    expect((await taking)[0]).toMatchObject({ verdict: 'foreignRecord', refused: { kind: 'otherUnit', table: 'devices', field: 'id' } });
    expect((await pool.query("select count(*)::int n from merged_records where unit_id <> $1", [a.unit.id])).rows).toEqual([{ n: 0 }]);
  });

  it('gives the same database in any order, any number of times', async () => {
    const units = fixtureUnits({ units: 2, entries: 120, perBundle: 40, suite: 'ed25519-sha256' });
    const files = units.flatMap(filesOf);
    const dumps = [];
    for (const order of [files, [...files].reverse(), [files[2]!, files[0]!, files[4]!, files[1]!, files[5]!, files[3]!, ...files]]) {
      const pool = await store();
      await enrolAll(pool, units);
      await ingestAll(pool, order);
      dumps.push(await dumpStore(pool));
    }
    expect(dumps[0]!.merged_records!.length).toBeGreaterThan(50);
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
  });

  it('refuses every bundle of the console’s mutated corpus with the database unchanged', async () => {
    const pool = await store();
    const [unit] = fixtureUnits({ units: 1, entries: 40, suite: 'sm2-sm3' });
    const original = unit!.bundles[0]!.bytes;
    const cases = mutateBundle(original);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    await enrolAll(pool, [unit!]);
    const keys = await keyLookupFromDb(pool);
    const before = await dumpStore(pool);
    for (const c of cases) {
      const outcome = await ingestBundle(pool, { name: c.name, bytes: c.bytes }, keys, 'test');
      if (c.expected !== 'failOrIdentical') expect(outcome.verdict, c.name).toBe(c.expected);
      else if (!FAILING.has(outcome.verdict)) {
        // Accepted only if it is the original's content; take it out again to keep comparing against the start.
        expect(sameFiles(c.bytes, original), c.name).toBe(true);
        await pool.query('truncate unit_figures, merged_records, received_files, received_segments, received_bundles');
        continue;
      }
      expect(await dumpStore(pool), c.name).toEqual(before);
    }
  }, 300_000);
});

suite('the PostgreSQL store: two ingests at once', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zw-pg-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('two ingest processes given overlapping files end with the same database as one', async () => {
    const { runCli } = await import('../../../cli/commands');
    const units = fixtureUnits({ units: 3, entries: 120, perBundle: 30, suite: 'ed25519-sha256' });
    const paths: string[] = [];
    for (const u of units) {
      await writeFile(join(dir, `${u.unit.code}.json`), JSON.stringify(u.enrolment));
      for (const f of filesOf(u)) {
        paths.push(join(dir, f.name));
        await writeFile(join(dir, f.name), f.bytes);
      }
    }
    const keyFiles = units.map((u) => join(dir, `${u.unit.code}.json`));
    const run = async (url: string, args: string[]) => {
      const out: string[] = [];
      const code = await runCli([...args, '--db', url], { out: (l) => out.push(l), err: (l) => out.push(l) });
      return { code, out: out.join('\n') };
    };
    const ingestProcess = (url: string, files: string[]) =>
      new Promise<number | null>((resolve) => spawn(nodePath, ['--import', 'tsx', 'cli/zwledger.ts', 'ingest', '--keys-from-db', '--db', url, ...files], { stdio: 'ignore' }).on('exit', resolve));
    const single = await freshDatabase();
    onTestFinished(single.drop);
    const twice = await freshDatabase();
    onTestFinished(twice.drop);
    for (const db of [single, twice]) {
      expect((await run(db.url, ['db', 'migrate'])).code).toBe(0);
      const enrolled = await run(db.url, ['enrol', '--yes', ...keyFiles]);
      expect(enrolled.out).toMatch(/密钥指纹 \d{5}/);
      expect(enrolled.code).toBe(0);
    }
    const one = await run(single.url, ['ingest', '--keys-from-db', ...paths]);
    expect(one.code).toBe(0);
    // Two processes at once, each with two thirds of the files, overlapping in the middle third, in opposite orders.
    const third = Math.floor(paths.length / 3);
    const [x, y] = await Promise.all([ingestProcess(twice.url, paths.slice(0, 2 * third)), ingestProcess(twice.url, paths.slice(third).reverse())]);
    expect([x, y]).toEqual([0, 0]);
    expect(await dumpStore(twice.pool)).toEqual(await dumpStore(single.pool));
    const units1 = await run(single.url, ['units', '--json']);
    expect((JSON.parse(units1.out) as unknown[]).length).toBe(3);
    const refused = await run(single.url.replace('postgres://', 'postgres://postgres:secret@').replace('postgres@', ''), ['units']);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('数据库地址中不能带密码');
  }, 120_000);
});
