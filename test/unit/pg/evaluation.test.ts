import { describe, expect, it, onTestFinished } from 'vitest';
import { deviceInput, freshDb, unitWithAdmin } from '../db/helpers';
import { exportAll, unit } from '../db/receivedUnits';
import { enrolKey, importBundle, keyLookup, reviewEnrolment } from '../../../renderer/db/console';
import { createDevice } from '../../../renderer/db/devices';
import { submitSelfAssessment, type SelfDraft } from '../../../renderer/db/evaluation';
import { localUnitYears, officeEvaluation, saveEvaluationEntries, type UnitYears } from '../../../renderer/db/evaluationOffice';
import { draftNotice, issueNotice } from '../../../renderer/db/networkNotices';
import type { Actor } from '../../../renderer/db/repository';
import { fixtureUnits } from '../../../shared/bundle/fixture';
import { exampleRubric } from '../../../shared/evaluation/examples';
import { DEFAULT_NOTICE_THRESHOLDS } from '../../../shared/evaluation/networkNotice';
import { rubricItems, type Rubric } from '../../../shared/evaluation/rubric';
import { pgContract } from '../../../shared/ipc/contract.pg';
import { ingestBundle } from '../../../main/services/pgStore/ingest';
import { enrolKeys, keyLookupFromDb, reviewEnrolments } from '../../../main/services/pgStore/keys';
import { migrate } from '../../../main/services/pgStore/migrate';
import { evaluationUnits, noticeUnits } from '../../../main/services/pgStore/unitYears';
import { freshDatabase, PG_MISSING } from '../../support/pgServer';
import type pg from 'pg';

const suite = PG_MISSING ? describe.skip : describe;
const YEAR = 2026;

const draft = (rubric: Rubric, pointsOf: (max: number) => number): SelfDraft => ({
  items: rubricItems(rubric)
    .filter((x) => x.item.scoring.kind === 'declared')
    .map(({ item }) => ({ itemId: item.id, points: pointsOf(item.maxPoints), notApplicable: false, note: '', documents: '' })),
  summary: '',
});

/**
 * The server's side as the console's pgSource reaches it: main's reduction,
 * a batch of `perBatch` units at a time, and the answer as it crosses to the
 * renderer (JSON, as in browser mode) checked by the contract's schema.
 */
function serverYears(pool: pg.Pool, perBatch: number): UnitYears {
  const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    evaluationUnits: async (officeUnitId, year, now) => {
      const answer = pgContract['pgConsole:evaluationUnits'].response.parse(wire({ ok: true, units: await evaluationUnits(pool, officeUnitId, year, now, perBatch) }));
      if (!answer.ok) throw new Error(answer.code);
      return answer.units;
    },
    noticeUnits: async (officeUnitId, period, now) => {
      const answer = pgContract['pgConsole:noticeUnits'].response.parse(wire({ ok: true, units: await noticeUnits(pool, officeUnitId, period, now, perBatch) }));
      if (!answer.ok) throw new Error(answer.code);
      return answer.units;
    },
  };
}

suite('the year-end evaluation and network notices from either store', () => {
  it('PostgreSQL gives the same groups, figures, ranking and notice draft as the console’s IndexedDB for the same bundles', async () => {
    const now = Date.now();
    // Units with a working year of check-ins and scans, as the bench's fixtures have them…
    const busy = fixtureUnits({ units: 3, entries: 900, perBundle: 300, suite: 'ed25519-sha256' });
    // …and units that set themselves up and submitted their self-assessment, one of each group.
    const county = exampleRubric('county', YEAR);
    const municipal = exampleRubric('municipal', YEAR);
    const a = await unit('ZL-001', '庄浪县');
    await createDevice(a.db, a.actor, deviceInput(1, { internetCapable: true }));
    await submitSelfAssessment(a.db, a.actor, YEAR, county, draft(county, (m) => m));
    const c = await unit('PL-SZF', '平凉市政府办', 'municipal');
    await submitSelfAssessment(c.db, c.actor, YEAR, municipal, draft(municipal, (m) => m / 2));
    const made = [await exportAll(a.db, a.actor), await exportAll(c.db, c.actor)];
    const enrolments = [...busy.map((u) => u.enrolment), ...made.map((m) => m.enrolment)];
    const files = [...busy.flatMap((u) => u.bundles.map((b, i) => ({ name: `${u.unit.code}-${i}.zwb`, bytes: b.bytes }))), ...made.map((m) => m.file)];

    const office = freshDb();
    const admin = await unitWithAdmin(office);
    const auditor: Actor = { ...admin, accountId: 'auditor', role: 'auditor' };
    for (const e of enrolments) await enrolKey(office, auditor, await reviewEnrolment(office, e));
    const keys = await keyLookup(office);
    for (const f of files) expect((await importBundle(office, auditor, f, keys)).verdict).toMatch(/^(valid|gapBefore)$/);

    const server = await freshDatabase();
    onTestFinished(server.drop);
    await migrate(server.pool);
    await enrolKeys(server.pool, await reviewEnrolments(server.pool, enrolments), 'auditor');
    const serverKeys = await keyLookupFromDb(server.pool);
    for (const f of files) expect((await ingestBundle(server.pool, f, serverKeys, 'auditor')).verdict).toMatch(/^(valid|gapBefore)$/);

    const local = localUnitYears(office);
    // Two units a batch: the server's reading goes round more than once.
    const onServer = serverYears(server.pool, 2);
    const both = async () => [await officeEvaluation(office, local, admin.unitId, YEAR, now), await officeEvaluation(office, onServer, admin.unitId, YEAR, now)] as const;

    let [fromIdb, fromPg] = await both();
    expect(fromPg).toEqual(fromIdb);
    const [countyGroup, municipalGroup] = fromPg;
    expect(countyGroup!.units).toHaveLength(4);
    expect(municipalGroup!.units.map((u) => u.identity.unitName)).toEqual(['平凉市政府办']);
    expect(municipalGroup!.units[0]!.self?.status).toBe('submitted');
    const busyOne = countyGroup!.units.find((u) => u.unitId === busy[0]!.unit.id)!;
    expect(busyOne.figures.checkinOnTimeRate?.value).toBeGreaterThan(0);
    expect(busyOne.figures.scanCoverage?.value).not.toBeNull();
    const zl = countyGroup!.units.find((u) => u.unitId === a.actor.unitId)!;
    expect(zl.figures.isolationViolations?.value).toBe(1);
    expect(new Set(countyGroup!.units.map((u) => u.placing.place)).size).toBeGreaterThan(1);

    // The office's own records stay local and count the same on either store: an entry, an adjustment and a notice.
    const period = { from: `${YEAR}-01-01`, to: `${YEAR}-03-31` };
    const thresholds = { ...DEFAULT_NOTICE_THRESHOLDS, checkinRate: 0.99 };
    const idbDraft = await draftNotice(local, admin.unitId, period.from, period.to, thresholds, now);
    const pgDraft = await draftNotice(onServer, admin.unitId, period.from, period.to, thresholds, now);
    expect(pgDraft).toEqual(idbDraft);
    expect(pgDraft.units.length).toBeGreaterThan(0);
    expect(pgDraft.units.flatMap((u) => u.findings.map((f) => f.reason))).toContain('isolation');
    const later = await draftNotice(onServer, admin.unitId, `${YEAR}-06-01`, `${YEAR}-06-30`, DEFAULT_NOTICE_THRESHOLDS, now);
    expect(later).toEqual(await draftNotice(local, admin.unitId, `${YEAR}-06-01`, `${YEAR}-06-30`, DEFAULT_NOTICE_THRESHOLDS, now));

    await issueNotice(office, auditor, pgDraft);
    await saveEvaluationEntries(office, auditor, county, { year: YEAR, assessedUnitId: zl.unitId, entries: [{ itemId: 'env.spotCheck', points: 2 }], adjustments: [{ itemId: 'sec.isolation', points: 4, reason: '实地抽查已整改' }] });
    [fromIdb, fromPg] = await both();
    expect(fromPg).toEqual(fromIdb);
    const after = fromPg[0]!.units.find((u) => u.unitId === zl.unitId)!;
    expect(after.notices).toBe(1);
    expect(after.entries?.adjustments[0]?.reason).toBe('实地抽查已整改');
  }, 120_000);
});
