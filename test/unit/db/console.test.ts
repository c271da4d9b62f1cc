import { describe, expect, it, onTestFinished } from 'vitest';
import { freshDb, unitWithAdmin } from './helpers';
import { enrolKey, importBundle, keyLookup, MERGED_TABLES, reviewEnrolment, revokeKey, unitCoverage, type ImportOutcome } from '../../../renderer/db/console';
import type { Actor } from '../../../renderer/db/repository';
import type { CalendarRecord, ZwDb } from '../../../renderer/db/schema';
import { writeBundle } from '../../../shared/bundle/codec';
import { makeEnrolment } from '../../../shared/bundle/enrolment';
import { fixtureHistory, fixtureUnits, type FixtureUnit } from '../../../shared/bundle/fixture';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import { FAILING } from '../../../shared/bundle/verdicts';
import { GENESIS_HASH, sealEntry, type SealedEntry, type UnhashedEntry } from '../../../shared/changelog/chain';
import { mutateBundle, sameFiles } from '../shared/mutations';
import { mergedOf, mergedStore } from '../../../renderer/db/merged';
import { craftedUnit } from '../../support/craftedBundle';
import type { Device } from '../../../shared/domain/device';


async function office(): Promise<{ db: ZwDb; auditor: Actor; admin: Actor }> {
  const db = freshDb();
  const admin = await unitWithAdmin(db);
  return { db, admin, auditor: { unitId: admin.unitId, accountId: 'auditor-1', role: 'auditor' } };
}

async function enrolAll(db: ZwDb, auditor: Actor, units: FixtureUnit[]) {
  for (const u of units) await enrolKey(db, auditor, await reviewEnrolment(db, u.enrolment));
}

async function importAll(db: ZwDb, auditor: Actor, files: { name: string; bytes: Uint8Array }[]): Promise<ImportOutcome[]> {
  const keys = await keyLookup(db);
  const out: ImportOutcome[] = [];
  for (const f of files) out.push(await importBundle(db, auditor, f, keys));
  return out;
}

/** The merged records, as the aggregated view reads them. */
async function records(db: ZwDb, officeUnit: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of MERGED_TABLES) out[t] = (await mergedStore(db, t).toArray()).filter((r) => r.unitId !== officeUnit);
  return out;
}

async function everything(db: ZwDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

const files = (units: FixtureUnit[]) => units.flatMap((u) => u.bundles.map((b) => ({ name: `${u.unit.code}-${b.manifest.fromSeq}.zwb`, bytes: b.bytes })));

describe('the office console takes in bundles', () => {
  const units = fixtureUnits({ units: 2, entries: 300, perBundle: 100, suite: 'sm2-sm3' });

  it('enrols keys after review, imports every bundle, merges records but never accounts', async () => {
    const { db, auditor } = await office();
    const review = await reviewEnrolment(db, units[0]!.enrolment);
    expect(review).toMatchObject({ rotationOf: null, otherKeys: [], already: null });
    expect(review.fingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    await enrolAll(db, auditor, units);
    await expect(enrolKey(db, auditor, review)).rejects.toThrow();
    const outcomes = await importAll(db, auditor, files(units));
    expect(outcomes.map((o) => o.verdict)).toEqual(Array(6).fill('valid'));
    expect(outcomes[0]!.merged?.units).toBe(1);
    expect(await db.accounts.count()).toBe(1);
    const devices = (await mergedOf(db, 'devices', units[1]!.unit.id)).length;
    expect(devices).toBeGreaterThan(20);
    expect(await db.receivedBundles.count()).toBe(6);
    const coverage = await unitCoverage(db);
    expect(coverage.map((c) => ({ toSeq: c.toSeq, gaps: c.gaps, bundles: c.bundles }))).toEqual([
      { toSeq: 300, gaps: [], bundles: 3 },
      { toSeq: 300, gaps: [], bundles: 3 },
    ]);
  });

  it('gives the same records whatever the order, and twice is the same as once', async () => {
    const a = await office();
    const b = await office();
    await enrolAll(a.db, a.auditor, units);
    await enrolAll(b.db, b.auditor, units);
    const all = files(units);
    await importAll(a.db, a.auditor, all);
    const shuffled = [all[5]!, all[2]!, all[3]!, all[0]!, all[4]!, all[1]!];
    const outcomes = await importAll(b.db, b.auditor, [...shuffled, ...shuffled]);
    expect(outcomes.slice(6).every((o) => o.verdict === 'duplicate')).toBe(true);
    expect(await records(b.db, b.admin.unitId)).toEqual(await records(a.db, a.admin.unitId));
    expect((await unitCoverage(b.db)).every((c) => c.gaps.length === 0)).toBe(true);
  });

  it('1, 3, 2 and 1, 2, 3 leave identical databases, every table the import writes compared', async () => {
    const runs = await Promise.all([[0, 1, 2], [0, 2, 1]].map(async (order) => {
      const o = await office();
      await enrolAll(o.db, o.auditor, units.slice(0, 1));
      const [one, two, three] = files(units.slice(0, 1));
      const byOrder = [one!, two!, three!];
      const outcomes = await importAll(o.db, o.auditor, order.map((i) => byOrder[i]!));
      return { o, outcomes };
    }));
    expect(runs[1]!.outcomes.map((x) => x.verdict)).toEqual(['valid', 'gapBefore', 'valid']);
    expect(runs[1]!.outcomes[2]!.completed).toHaveLength(1);
    // What differs between two PCs by nature: when and by whom a file was received or a key enrolled.
    const perPc = new Set(['receivedAt', 'receivedBy', 'enrolledAt', 'enrolledBy']);
    const written = async (db: ZwDb) => {
      const out: Record<string, unknown[]> = {};
      for (const t of db.tables) {
        if (!/^(merged|received|unitFigures|enrolledKeys)/.test(t.name)) continue;
        out[t.name] = (await t.toArray()).map((r) => Object.fromEntries(Object.entries(r as Record<string, unknown>).filter(([k]) => !perPc.has(k))));
      }
      return out;
    };
    const [a, b] = await Promise.all(runs.map((r) => written(r.o.db)));
    expect(Object.keys(a!).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    expect(a!.receivedBundles!.map((r) => (r as { verdict: string }).verdict)).toEqual(['valid', 'valid', 'valid']);
  });

  it('flags a gap until the missing segment arrives, and a duplicate changes nothing', async () => {
    const { db, auditor } = await office();
    await enrolAll(db, auditor, units);
    const [, , third] = files(units);
    const [gap] = await importAll(db, auditor, [third!]);
    expect(gap).toMatchObject({ verdict: 'gapBefore', missing: { from: 1, to: 200 } });
    // Keys enrolled within the same millisecond come in no set order: the row is found by its unit.
    const coverage = async () => (await unitCoverage(db)).find((c) => c.unitId === units[0]!.unit.id)!;
    expect((await coverage()).gaps).toEqual([{ from: 1, to: 200 }]);
    const before = await everything(db);
    const [again] = await importAll(db, auditor, [third!]);
    expect(again!.verdict).toBe('duplicate');
    expect(await everything(db)).toEqual(before);
    const [first, second] = files(units);
    expect((await importAll(db, auditor, [first!, second!])).map((o) => o.verdict)).toEqual(['valid', 'valid']);
    expect((await coverage()).gaps).toEqual([]);
  });

  it('refuses a forked history loudly and writes nothing of it', async () => {
    const { db, auditor } = await office();
    const { unit, entries } = fixtureHistory(5, 200);
    const pair = generateKeyPair('sm2-sm3');
    const key = { suite: 'sm2-sm3' as const, keyId: keyIdOf('sm2-sm3', pair.publicKey), privateKey: pair.privateKey };
    await enrolKey(db, auditor, await reviewEnrolment(db, makeEnrolment(unit, pair, 1)));
    const bundle = (part: SealedEntry[], prev: string) => writeBundle({ unit, createdBy: { accountId: 'a', name: 'a' }, createdAt: 1, prevHash: prev, entries: part }, key).bytes;
    // Another history from seq 150 on: the unit's PC restored from an old backup and written again.
    const forked: SealedEntry[] = entries.slice(100, 149);
    let prev = entries[148]!.hash;
    for (const e of entries.slice(149)) {
      const body = JSON.parse(e.body) as UnhashedEntry;
      const sealed = sealEntry({ ...body, at: body.at + 1, prevHash: prev });
      forked.push(sealed);
      prev = sealed.hash;
    }
    const outcomes = await importAll(db, auditor, [
      { name: 'a.zwb', bytes: bundle(entries.slice(0, 100), GENESIS_HASH) },
      { name: 'b.zwb', bytes: bundle(entries.slice(100), entries[99]!.hash) },
    ]);
    expect(outcomes.map((o) => o.verdict)).toEqual(['valid', 'valid']);
    const before = await everything(db);
    const [fork] = await importAll(db, auditor, [{ name: 'fork.zwb', bytes: bundle(forked, entries[99]!.hash) }]);
    expect(fork).toMatchObject({ verdict: 'forked', forkAt: 150 });
    expect(await everything(db)).toEqual(before);
  });

  it('refuses unknown and revoked keys, and only an auditor may import', async () => {
    const { db, auditor, admin } = await office();
    const [file] = files(units);
    expect((await importAll(db, auditor, [file!]))[0]!.verdict).toBe('unknownKey');
    await enrolAll(db, auditor, units);
    await revokeKey(db, auditor, units[0]!.enrolment.keyId, '单位电脑报废');
    expect((await importAll(db, auditor, [file!]))[0]!.verdict).toBe('revokedKey');
    await expect(importBundle(db, admin, file!, await keyLookup(db))).rejects.toThrow();
  });

  it('accepts a rotated key signed by the enrolled one as a rotation', async () => {
    const { db, auditor } = await office();
    const unit = { id: 'u-rot', name: '静宁县', code: 'JN-01' };
    const old = generateKeyPair('sm2-sm3');
    await enrolKey(db, auditor, await reviewEnrolment(db, makeEnrolment(unit, old, 1)));
    const rotated = makeEnrolment(unit, generateKeyPair('sm2-sm3'), 2, { keyId: keyIdOf('sm2-sm3', old.publicKey), suite: 'sm2-sm3', privateKey: old.privateKey });
    const review = await reviewEnrolment(db, rotated);
    expect(review.rotationOf?.keyId).toBe(keyIdOf('sm2-sm3', old.publicKey));
    expect((await enrolKey(db, auditor, review)).rotatedFrom).toBe(review.rotationOf!.keyId);
    const stranger = await reviewEnrolment(db, makeEnrolment(unit, generateKeyPair('sm2-sm3'), 3));
    expect(stranger.rotationOf).toBeNull();
    expect(stranger.otherKeys).toHaveLength(2);
  });
});

describe('200+ mutated bundles leave the database as it was', () => {
  it('refuses each with its verdict, changing nothing', async () => {
    const [unit] = fixtureUnits({ units: 1, entries: 40, suite: 'sm2-sm3' });
    const original = unit!.bundles[0]!.bytes;
    const cases = mutateBundle(original);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const { db, auditor } = await office();
    await enrolAll(db, auditor, [unit!]);
    const keys = await keyLookup(db);
    const before = await everything(db);
    for (const c of cases) {
      const outcome = await importBundle(db, auditor, { name: c.name, bytes: c.bytes }, keys);
      if (c.expected !== 'failOrIdentical') expect(outcome.verdict, c.name).toBe(c.expected);
      else if (!FAILING.has(outcome.verdict)) {
        // Accepted only if it is the original's content; undo it to keep comparing against the start.
        expect(sameFiles(c.bytes, original), c.name).toBe(true);
        await db.transaction('rw', db.tables, async () => {
          for (const t of db.tables) {
            await t.clear();
            await t.bulkAdd(before[t.name] as object[]);
          }
        });
        continue;
      }
      if (FAILING.has(outcome.verdict)) expect(await everything(db), c.name).toEqual(before);
    }
  }, 120_000);
});

describe('importing many files in a row', () => {
  it('verifies the next file while writing this one, and says something of every file, in order', async () => {
    const { importMany } = await import('../../../renderer/features/console/importQueue');
    const units = fixtureUnits({ units: 1, entries: 120, perBundle: 40, suite: 'ed25519-sha256' });
    const { db, auditor } = await office();
    await enrolAll(db, auditor, units);
    const [a, b, c] = units[0]!.bundles.map((x) => x.bytes);
    const seen: number[] = [];
    const file = (name: string, bytes: Uint8Array, size = bytes.length) => ({ name, size, bytes: async () => bytes });
    const outcomes = await importMany(db, auditor, [file('c.zwb', c!), file('huge.zwb', a!, 300 * 1024 * 1024), file('a.zwb', a!), file('b.zwb', b!), file('a-again.zwb', a!)], (_, i) => seen.push(i));
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(outcomes.map((o) => o.verdict)).toEqual(['gapBefore', 'unreadable', 'valid', 'valid', 'duplicate']);
    expect((await unitCoverage(db))[0]!.gaps).toEqual([]);
    const files = await db.receivedFiles.toArray();
    expect(files.map((f) => f.fileName).sort()).toEqual(['a.zwb', 'b.zwb', 'c.zwb']);
    // The evidence is the file as received, byte for byte.
    expect(files.find((f) => f.fileName === 'a.zwb')!.base64).toBe(Buffer.from(a!).toString('base64'));
  });
});

describe('the units view', () => {
  it('has a row per unit with its register, violations and check-in compliance', async () => {
    // The fixtures keep China time, as the units and the office do.
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const { unitSummaries } = await import('../../../renderer/db/consoleSummary');
    const units = fixtureUnits({ units: 2, entries: 600, suite: 'sm2-sm3' });
    const { db, auditor } = await office();
    await enrolAll(db, auditor, units);
    await importAll(db, auditor, files(units));
    const rows = await unitSummaries(db);
    expect(rows.map((r) => r.unitCode)).toEqual(['PL-0001', 'PL-0002']);
    for (const r of rows) {
      const devices = (await mergedOf<Device>(db, 'devices', r.unitId)).filter((d) => d.retiredAt === null);
      expect(r.activeDevices).toBe(devices.length);
      expect(r.violations).toBe(devices.filter((d) => d.internetCapable && !d.isolationCard).length);
      // The fixtures check in at nearly every slot, a few late or missed.
      expect(r.compliance).toBeGreaterThan(0.8);
      expect(r.compliance).toBeLessThan(1);
      expect(r.gaps).toEqual([]);
    }
  });
});

const meta = (unitId: string, id: string) => ({ unitId, id, rev: 1, createdAt: 1, createdBy: 'x', updatedAt: 1, updatedBy: 'x', retiredAt: null, retiredReason: null });

describe('a unit cannot reach other units’ records, nor the office’s own (issue 11)', () => {
  it('refuses a bundle that renames the office and replaces its schedule, and changes nothing', async () => {
    const { localUnit } = await import('../../../renderer/db/accounts');
    const { loadSchedule, saveSchedule } = await import('../../../renderer/db/checkins');
    const { DEFAULT_SCHEDULE } = await import('../../../shared/calendar/schedule');
    const { db, auditor, admin } = await office();
    await saveSchedule(db, admin, DEFAULT_SCHEDULE);
    const officeId = admin.unitId;
    const own = (await localUnit(db))!;
    const long = { ...DEFAULT_SCHEDULE, summer: { morning: { start: '06:00', end: '12:00' }, afternoon: { start: '12:30', end: '22:00' } }, winter: { morning: { start: '06:00', end: '12:00' }, afternoon: { start: '12:30', end: '22:00' } } };
    const attack = craftedUnit(3, 30, (unitId) => [
      { table: 'units', record: { ...own, ...meta(unitId, officeId), rev: 9, name: '冒名单位' } },
      { table: 'schedules', record: { ...long, ...meta(unitId, officeId), rev: 9 } },
    ]);
    await enrolKey(db, auditor, await reviewEnrolment(db, attack.enrolment));
    const before = await everything(db);
    const [outcome] = await importAll(db, auditor, [attack.file]);
    expect(FAILING.has(outcome!.verdict)).toBe(true);
    expect(outcome!.detail).toContain('单位资料');
    expect(outcome!.detail).toContain('第 31 条');
    expect(await everything(db)).toEqual(before);
    expect((await localUnit(db))!.name).toBe('庄浪县信息办');
    expect((await loadSchedule(db, officeId)).schedule).toEqual(DEFAULT_SCHEDULE);
  });

  it('refuses a record whose id another unit holds, naming the table and the entry', async () => {
    const { db, auditor } = await office();
    const a = craftedUnit(1, 60, () => []);
    const victim = JSON.parse(a.entries.find((e) => e.table === 'devices')!.body) as UnhashedEntry;
    const b = craftedUnit(2, 60, (unitId) => [{ table: 'devices', record: { ...(victim.record as Record<string, unknown>), unitId, owner: '冒名', rev: 5 } }]);
    for (const u of [a, b]) await enrolKey(db, auditor, await reviewEnrolment(db, u.enrolment));
    expect((await importAll(db, auditor, [a.file]))[0]!.verdict).toBe('valid');
    const before = await everything(db);
    const [outcome] = await importAll(db, auditor, [b.file]);
    expect(outcome).toMatchObject({ verdict: 'foreignRecord', refused: { table: 'devices', seq: 61, field: 'id' } });
    expect(outcome!.detail).toBe('入网计算机：第 61 条记录的编号已属于其他单位，整个数据包不予接收');
    expect(await everything(db)).toEqual(before);
  });

  it('never lets one unit pre-claim the ids another unit derives from its own id', async () => {
    const { db, auditor } = await office();
    const year = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '市信息办' };
    const b = craftedUnit(2, 40, (unitId) => [{ table: 'calendars', record: { ...year, ...meta(unitId, `${unitId}/2027`) } }]);
    const a = craftedUnit(1, 40, () => [{ table: 'calendars', record: { ...year, ...meta('', `${b.unit.id}/2027`), unitId: '' } }]);
    // Unit A's record must carry A's unitId to get past the first check; it then claims B's calendar id.
    const a2 = craftedUnit(1, 40, (unitId) => [{ table: 'calendars', record: { ...year, ...meta(unitId, `${b.unit.id}/2027`) } }]);
    for (const u of [a, b]) await enrolKey(db, auditor, await reviewEnrolment(db, u.enrolment));
    const [first, second] = await importAll(db, auditor, [a.file, { ...a2.file, name: 'a2.zwb' }]);
    expect(first).toMatchObject({ verdict: 'foreignRecord', refused: { table: 'calendars', field: 'unitId' } });
    // a2 is signed by another key of "unit 1": unknown, so refused before any record is read.
    expect(second!.verdict).toBe('unknownKey');
    const { enrolment } = a2;
    await enrolKey(db, auditor, await reviewEnrolment(db, enrolment));
    expect((await importAll(db, auditor, [{ ...a2.file, name: 'a2.zwb' }]))[0]).toMatchObject({ verdict: 'invalidRecord', refused: { table: 'calendars', seq: 41, field: 'id' } });
    expect((await importAll(db, auditor, [b.file]))[0]!.verdict).toBe('valid');
    expect((await mergedStore<CalendarRecord>(db, 'calendars').get([b.unit.id, `${b.unit.id}/2027`]))?.holidays).toEqual(['2027-01-01']);
  });

  it('validates every merged record with its table’s schema: a device with ip {} is refused, naming the entry and field', async () => {
    const { db, auditor } = await office();
    const a = craftedUnit(1, 60, () => []);
    const device = JSON.parse(a.entries.find((e) => e.table === 'devices')!.body) as UnhashedEntry;
    const bad = craftedUnit(1, 60, (unitId) => [{ table: 'devices', record: { ...(device.record as Record<string, unknown>), unitId, id: `${String(device.recordId)}-x`, ip: {} } }]);
    await enrolKey(db, auditor, await reviewEnrolment(db, bad.enrolment));
    const before = await everything(db);
    const [outcome] = await importAll(db, auditor, [bad.file]);
    expect(outcome).toMatchObject({ verdict: 'invalidRecord', refused: { table: 'devices', seq: 61, field: 'ip' } });
    expect(outcome!.detail).toBe('入网计算机：第 61 条记录的“ip”不符合要求，整个数据包不予接收');
    expect(await everything(db)).toEqual(before);
  });

  it('shows a unit under its enrolled name, flagging a bundle that names another unit', async () => {
    const { db, auditor } = await office();
    const [b] = fixtureUnits({ units: 1, entries: 20, suite: 'ed25519-sha256', firstUnit: 1 });
    const a = craftedUnit(0, 30, () => [], { name: b!.unit.name, code: b!.unit.code });
    await enrolKey(db, auditor, await reviewEnrolment(db, a.enrolment));
    const [outcome] = await importAll(db, auditor, [a.file]);
    expect(outcome).toMatchObject({ verdict: 'valid', identity: { unitName: a.unit.name, unitCode: a.unit.code }, claimed: { unitName: b!.unit.name, unitCode: b!.unit.code } });
    const [row] = await unitCoverage(db);
    expect(row).toMatchObject({ unitName: a.unit.name, unitCode: a.unit.code, claimed: { unitCode: b!.unit.code } });
    expect((await db.receivedBundles.toArray())[0]).toMatchObject({ unitName: a.unit.name, unitCode: a.unit.code });
  });
});

describe('a gap closes when the missing bundle arrives', () => {
  it('marks the later bundle complete, and 1, 3, 2 gives the same database as 1, 2, 3, every table', async () => {
    const { vi } = await import('vitest');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 30, 2) });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const [unit] = fixtureUnits({ units: 1, entries: 300, perBundle: 100, suite: 'ed25519-sha256' });
    const [one, two, three] = files([unit!]);
    const dbs: ZwDb[] = [];
    for (const order of [[one!, two!, three!], [one!, three!, two!]]) {
      const { db, auditor } = await office();
      await enrolAll(db, auditor, [unit!]);
      const outcomes = await importAll(db, auditor, order);
      if (order[1] === three) {
        expect(outcomes.map((o) => o.verdict)).toEqual(['valid', 'gapBefore', 'valid']);
        expect(outcomes[2]!.completed).toEqual([three!.name]);
      }
      expect((await db.receivedBundles.toArray()).map((b) => b.verdict)).toEqual(['valid', 'valid', 'valid']);
      dbs.push(db);
    }
    const [a, b] = await Promise.all(dbs.map(async (db) => {
      const all = await everything(db);
      // Each office has its own unit and accounts, made at setup with fresh ids; everything received must agree.
      for (const t of ['meta', 'units', 'accounts', 'changelog']) delete all[t];
      return all;
    }));
    expect(Object.keys(a!).length).toBeGreaterThan(25);
    expect(b).toEqual(a);
  });
});
