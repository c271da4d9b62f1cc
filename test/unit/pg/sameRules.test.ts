import { describe, expect, it, onTestFinished } from 'vitest';
import { freshDb, unitWithAdmin } from '../db/helpers';
import { enrolKey, importBundle, keyLookup, MERGED_TABLES, reviewEnrolment } from '../../../renderer/db/console';
import { mergedStore } from '../../../renderer/db/merged';
import { fixtureUnits } from '../../../shared/bundle/fixture';
import type { UnitSummary } from '../../../shared/console/summary';
import { ingestBundle } from '../../../main/services/pgStore/ingest';
import { enrolKeys, keyLookupFromDb, reviewEnrolments } from '../../../main/services/pgStore/keys';
import { migrate } from '../../../main/services/pgStore/migrate';
import { unitSummaries as pgSummaries } from '../../../main/services/pgStore/units';
import { freshDatabase, PG_MISSING } from '../../support/pgServer';

const suite = PG_MISSING ? describe.skip : describe;

/** What a units row says apart from when this run received the bundles. */
const shown = ({ lastReceivedAt: _r, silent: _s, ...row }: UnitSummary) => row;

suite('one set of rules, two stores', () => {
  it('the console’s IndexedDB and PostgreSQL take in the same bundles to the same verdicts, records and units view', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const { unitSummaries } = await import('../../../renderer/db/consoleSummary');
    const units = fixtureUnits({ units: 3, entries: 400, perBundle: 100, suite: 'sm2-sm3' });
    const files = units.flatMap((u) => u.bundles.map((b) => ({ name: `${u.unit.code}-${b.manifest.fromSeq}.zwb`, bytes: b.bytes })));
    // Out of order, with a repeat: gaps opened and closed, a duplicate.
    const order = [files[3]!, files[0]!, files[1]!, files[0]!, ...files.slice(4), files[2]!];

    const idb = freshDb();
    const admin = await unitWithAdmin(idb);
    const auditor = { unitId: admin.unitId, accountId: 'auditor-1', role: 'auditor' as const };
    for (const u of units) await enrolKey(idb, auditor, await reviewEnrolment(idb, u.enrolment));
    const idbKeys = await keyLookup(idb);
    const idbOutcomes = [];
    for (const f of order) idbOutcomes.push(await importBundle(idb, auditor, f, idbKeys));

    const pgDb = await freshDatabase();
    onTestFinished(pgDb.drop);
    await migrate(pgDb.pool);
    await enrolKeys(pgDb.pool, await reviewEnrolments(pgDb.pool, units.map((u) => u.enrolment)), 'test');
    const pgKeys = await keyLookupFromDb(pgDb.pool);
    const pgOutcomes = [];
    for (const f of order) pgOutcomes.push(await ingestBundle(pgDb.pool, f, pgKeys, 'test'));

    const said = (o: { verdict: string; missing?: unknown; completed?: string[] }) => [o.verdict, o.missing ?? null, o.completed ?? []];
    expect(pgOutcomes.map(said)).toEqual(idbOutcomes.map(said));
    expect(pgOutcomes.map((o) => o.verdict)).toContain('gapBefore');

    for (const table of MERGED_TABLES) {
      const byKey = (a: { unitId: string; id: string }, b: { unitId: string; id: string }) => (a.unitId + a.id < b.unitId + b.id ? -1 : 1);
      const inIdb = (await mergedStore(idb, table).toArray()).filter((r) => r.unitId !== admin.unitId).sort(byKey);
      const inPg = (await pgDb.pool.query<{ record: { unitId: string; id: string } }>('select record from merged_records where tbl = $1', [table])).rows.map((r) => r.record).sort(byKey);
      expect(inPg, table).toEqual(inIdb);
      if (table === 'devices' || table === 'checkins') expect(inPg.length, table).toBeGreaterThan(10);
    }
    const fromIdb = (await unitSummaries(idb)).map(shown);
    const fromPg = (await pgSummaries(pgDb.pool)).map(shown);
    expect(fromPg).toEqual(fromIdb);
    expect(fromPg[0]!.compliance).toBeGreaterThan(0.5);
  }, 120_000);
});
