import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { freshDb, unitWithAdmin } from '../db/helpers';
import { enrolKey, importBundle, keyLookup, reviewEnrolment } from '../../../renderer/db/console';
import { heldSegments as idbHeld } from '../../../renderer/db/checkpoint';
import { mergedStore } from '../../../renderer/db/merged';
import { knownUnits as idbKnownUnits } from '../../../renderer/db/policyIssue';
import { checkpointsOf } from '../../../shared/bundle/checkpoint';
import { fixtureUnits } from '../../../shared/bundle/fixture';
import { directoryOf } from '../../../shared/console/directory';
import type { SelfAssessment } from '../../../shared/evaluation/selfAssessment';
import { ingestBundle } from '../../../main/services/pgStore/ingest';
import { enrolKeys, keyLookupFromDb, reviewEnrolments } from '../../../main/services/pgStore/keys';
import { migrate } from '../../../main/services/pgStore/migrate';
import { officeReceived as pgReceived } from '../../../main/services/pgStore/officeHome';
import { checkpoints as pgCheckpoints, knownUnits as pgKnownUnits } from '../../../main/services/pgStore/policyReads';
import { freshDatabase, PG_MISSING } from '../../support/pgServer';

const suite = PG_MISSING ? describe.skip : describe;
const DAY = 86_400_000;

suite('the policy-issue page and the office home on PostgreSQL read what the console’s own database reads', () => {
  it('gives the same directory, checkpoints (holes, top hash, last received) and home figures for the same bundles', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const { officeReceived: idbReceived } = await import('../../../renderer/db/officeHome');
    // Four units: three send bundles, the fourth is enrolled and has sent nothing.
    const units = fixtureUnits({ units: 4, entries: 400, perBundle: 100, suite: 'sm2-sm3' });
    const files = units.slice(0, 3).flatMap((u) => u.bundles.map((b) => ({ name: `${u.unit.code}-${b.manifest.fromSeq}.zwb`, bytes: b.bytes })));
    // Unit 1 misses its second and third bundles (a hole below its top), unit 2 its last (a shorter chain), and one file comes twice.
    const order = [files[0]!, files[3]!, files[5]!, files[4]!, files[6]!, files[0]!, files[8]!, files[9]!, files[10]!, files[11]!];
    const now = Date.now();
    // Received over the past months, the same moment for a file in both stores, so "last received" and the arrivals compare too.
    const at = order.map((_, i) => now - (order.length - i) * 17 * DAY);

    const idb = freshDb();
    const admin = await unitWithAdmin(idb);
    const auditor = { unitId: admin.unitId, accountId: 'auditor-1', role: 'auditor' as const };
    for (const u of units) await enrolKey(idb, auditor, await reviewEnrolment(idb, u.enrolment));
    const idbKeys = await keyLookup(idb);
    const clock = vi.spyOn(Date, 'now');
    for (const [i, f] of order.entries()) {
      clock.mockReturnValue(at[i]!);
      await importBundle(idb, auditor, f, idbKeys);
    }
    clock.mockRestore();

    const pgDb = await freshDatabase();
    onTestFinished(pgDb.drop);
    await migrate(pgDb.pool);
    await enrolKeys(pgDb.pool, await reviewEnrolments(pgDb.pool, units.map((u) => u.enrolment)), 'test');
    const pgKeys = await keyLookupFromDb(pgDb.pool);
    for (const [i, f] of order.entries()) await ingestBundle(pgDb.pool, f, pgKeys, 'test', () => at[i]!);

    // The directory: every enrolled unit, level and area where its profile came.
    const fromPgUnits = await pgKnownUnits(pgDb.pool, admin.unitId);
    expect(fromPgUnits).toEqual(await idbKnownUnits(idb, admin.unitId));
    expect(fromPgUnits).toHaveLength(4);
    expect(directoryOf(fromPgUnits).map((u) => u.unitCode)).toEqual(units.slice(0, 3).map((u) => u.unit.code).sort());

    // The checkpoints: the same rule over each store's received segments.
    const fromPg = await pgCheckpoints(pgDb.pool);
    expect(fromPg).toEqual(checkpointsOf(await idbHeld(idb)));
    expect(fromPg.map((c) => [c.seq, c.missing])).toEqual([
      [400, [{ from: 101, to: 300 }]],
      [300, []],
      [400, []],
    ]);
    // The hash a checkpoint carries is the chain's at its seq, as the unit itself wrote it.
    expect(fromPg.map((c) => c.hash)).toEqual([units[0]!.bundles[3]!.manifest.lastHash, units[1]!.bundles[2]!.manifest.lastHash, units[2]!.bundles[3]!.manifest.lastHash]);
    expect(fromPg[0]!.receivedAt).toBe(Math.max(at[0]!, at[1]!));

    // Self-assessments received: submitted this year counts, a draft, a retired one, last year's and an unknown unit's do not.
    const year = new Date(now).getFullYear();
    const self = (unitId: string, y: number, status: 'draft' | 'submitted', retiredAt: number | null) =>
      ({ id: `${unitId}/${y}`, unitId, rev: 1, createdAt: now, updatedAt: now, retiredAt, year: y, status }) as unknown as SelfAssessment;
    const selfs = [
      self(units[0]!.unit.id, year, 'submitted', null),
      self(units[1]!.unit.id, year, 'draft', null),
      self(units[2]!.unit.id, year, 'submitted', now),
      self(units[2]!.unit.id, year - 1, 'submitted', null),
      self('unit-not-enrolled', year, 'submitted', null),
    ];
    await mergedStore<SelfAssessment>(idb, 'selfAssessments').bulkPut(selfs);
    for (const s of selfs) await pgDb.pool.query("insert into merged_records (unit_id, tbl, id, rev, seq, record) values ($1, 'selfAssessments', $2, 1, 1, $3)", [s.unitId, s.id, JSON.stringify(s)]);

    const home = await pgReceived(pgDb.pool, now, 31);
    const local = await idbReceived(idb, now, 31);
    expect(home).toEqual(local);
    expect(home.selfSubmitted).toBe(1);
    expect(home.units).toHaveLength(4);
    expect(home.arrivals).toHaveLength(12);
    // Every file taken in once, the repeat not; the months they fell in each count their units.
    expect(home.arrivals.reduce((n, m) => n + m.bundles, 0)).toBe(order.filter((f, i) => order.indexOf(f) === i && at[i]! >= new Date(new Date(now).getFullYear(), new Date(now).getMonth() - 11, 1).getTime()).length);
    expect(home.units.find((u) => u.unitId === units[0]!.unit.id)!.gaps).toEqual([{ from: 101, to: 300 }]);
  }, 120_000);
});
