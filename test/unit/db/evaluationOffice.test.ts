import { exampleRubric } from '../../../shared/evaluation/examples';
import { describe, expect, it } from 'vitest';
import { deviceInput, freshDb, unitWithAdmin } from './helpers';
import { exportAll, unit } from './receivedUnits';
import { enrolKey, importBundle, keyLookup, reviewEnrolment } from '../../../renderer/db/console';
import { createDevice } from '../../../renderer/db/devices';
import { submitSelfAssessment, type SelfDraft } from '../../../renderer/db/evaluation';
import { localUnitYears, officeEvaluation, saveEvaluationEntries } from '../../../renderer/db/evaluationOffice';
import { ValidationError } from '../../../renderer/db/errors';
import { draftNotice, issueNotice, listNotices } from '../../../renderer/db/networkNotices';
import { DEFAULT_NOTICE_THRESHOLDS } from '../../../shared/evaluation/networkNotice';
import { isoDay } from '../../../shared/calendar/calendar';
import type { Actor } from '../../../renderer/db/repository';
import { rubricItems } from '../../../shared/evaluation/rubric';

const YEAR = new Date().getFullYear();
const rubric = exampleRubric('county', YEAR);
const declared = rubricItems(rubric).filter((x) => x.item.scoring.kind === 'declared').map((x) => x.item);
const draft = (pointsOf: (max: number) => number): SelfDraft => ({ items: declared.map((i) => ({ itemId: i.id, points: pointsOf(i.maxPoints), notApplicable: false, note: '', documents: '' })), summary: '' });

describe('the office’s combined evaluation', () => {
  it('scores received units from their bundles, flags a claim the office’s figure does not bear out, takes entries with reasons and ranks with 并列', async () => {
    const a = await unit('ZL-001', '庄浪县');
    const b = await unit('JC-002', '泾川县');
    await createDevice(a.db, a.actor, deviceInput(1, { internetCapable: true }));
    await submitSelfAssessment(a.db, a.actor, YEAR, rubric, draft((m) => m));
    await submitSelfAssessment(b.db, b.actor, YEAR, rubric, draft((m) => m));
    // After submitting, A registers a second computer on the internet without a card: its claim no longer holds.
    await createDevice(a.db, a.actor, deviceInput(2, { internetCapable: true }));

    const office = freshDb();
    const admin = await unitWithAdmin(office);
    const auditor: Actor = { ...admin, accountId: 'auditor', role: 'auditor' };
    const keysFor = [await exportAll(a.db, a.actor), await exportAll(b.db, b.actor)];
    for (const u of keysFor) await enrolKey(office, auditor, await reviewEnrolment(office, u.enrolment));
    const keys = await keyLookup(office);
    for (const u of keysFor) expect((await importBundle(office, auditor, u.file, keys)).verdict).toBe('valid');

    const [initial, municipal] = await officeEvaluation(office, localUnitYears(office), admin.unitId, YEAR);
    let county = initial;
    expect(municipal!.units).toHaveLength(0);
    expect(county!.units.map((u) => u.identity.unitName).sort()).toEqual(['庄浪县', '泾川县']);
    const ua = county!.units.find((u) => u.identity.unitName === '庄浪县')!;
    const ub = county!.units.find((u) => u.identity.unitName === '泾川县')!;
    const isolation = ua.comparisons.find((c) => c.itemId === 'sec.isolation')!;
    expect(isolation).toMatchObject({ claimedFigure: 1, mismatch: true });
    expect(isolation.officeFigure!.value).toBe(2);
    expect(ua.mismatches).toBe(1);
    expect(ub.mismatches).toBe(0);
    // Office items nobody entered count 0 and say so.
    expect(ua.score.items.find((i) => i.itemId === 'env.spotCheck')!.status).toBe('missing');
    expect(ub.placing.place).toBe(1);
    expect(ua.placing.place).toBe(2);

    // The evaluation group enters its items and adjusts one with a reason; both units end level: 并列.
    const officeItems = { entries: [{ itemId: 'env.spotCheck', points: 2 }, { itemId: 'app.notices', count: 0 }, { itemId: 'bonus.website', basis: 3 }, { itemId: 'bonus.bestSubsite', points: null }], adjustments: [] };
    await saveEvaluationEntries(office, auditor, rubric, { year: YEAR, assessedUnitId: ub.unitId, ...officeItems });
    await saveEvaluationEntries(office, auditor, rubric, { year: YEAR, assessedUnitId: ua.unitId, ...officeItems, adjustments: [{ itemId: 'sec.isolation', points: 4, reason: '实地抽查：第二台已装隔离卡，登记未更新' }] });
    [county] = await officeEvaluation(office, localUnitYears(office), admin.unitId, YEAR);
    const [first, second] = county!.units;
    expect(first!.score.total).toBe(second!.score.total);
    expect([first!.placing, second!.placing].map((p) => [p.place, p.tied])).toEqual([
      [1, true],
      [1, true],
    ]);
    const adjusted = county!.units.find((u) => u.unitId === ua.unitId)!.score.items.find((i) => i.itemId === 'sec.isolation')!;
    expect(adjusted).toMatchObject({ points: 4, computed: 0, adjustment: { reason: '实地抽查：第二台已装隔离卡，登记未更新' } });
  });

  it('refuses entries the rubric does not allow and an adjustment without a reason, saving nothing', async () => {
    const office = freshDb();
    const admin = await unitWithAdmin(office);
    const auditor: Actor = { ...admin, accountId: 'auditor', role: 'auditor' };
    const r = rubric;
    const codes = async (body: Parameters<typeof saveEvaluationEntries>[3]) => {
      try {
        await saveEvaluationEntries(office, auditor, r, body);
        return [];
      } catch (e) {
        if (e instanceof ValidationError) return e.issues.map((i) => i.code);
        throw e;
      }
    };
    const base = { year: YEAR, assessedUnitId: 'unit-b', entries: [], adjustments: [] };
    expect(await codes({ ...base, entries: [{ itemId: 'org.leader', points: 3 }] })).toEqual(['evaluation.unknownItem']);
    expect(await codes({ ...base, entries: [{ itemId: 'env.spotCheck', points: 3 }] })).toEqual(['evaluation.pointsRange']);
    expect(await codes({ ...base, entries: [{ itemId: 'env.spotCheck', points: null }] })).toEqual(['evaluation.mustApply']);
    expect(await codes({ ...base, adjustments: [{ itemId: 'org.leader', points: 1, reason: ' ' }] })).toEqual(['evaluation.adjustReason']);
    expect(await codes({ ...base, assessedUnitId: '../x' })).not.toEqual([]);
    expect(await codes({ ...base, adjustments: [{ itemId: 'org.leader', points: 1, reason: '佐证不足' }] }, )).toEqual([]);
    await expect(saveEvaluationEntries(office, admin, r, base)).rejects.toThrow();
    expect(await office.evaluationEntries.count()).toBe(1);
  });

  it('names in a 专网应用通报 the units short of the thresholds, numbers the year’s notices, and the evaluation counts them', async () => {
    const a = await unit('ZL-001', '庄浪县');
    const b = await unit('JC-002', '泾川县');
    await createDevice(a.db, a.actor, deviceInput(1, { internetCapable: true }));
    const office = freshDb();
    const admin = await unitWithAdmin(office);
    const auditor: Actor = { ...admin, accountId: 'auditor', role: 'auditor' };
    const sent = [await exportAll(a.db, a.actor), await exportAll(b.db, b.actor)];
    for (const u of sent) await enrolKey(office, auditor, await reviewEnrolment(office, u.enrolment));
    const keys = await keyLookup(office);
    for (const u of sent) await importBundle(office, auditor, u.file, keys);

    const today = isoDay(new Date());
    const from = `${today.slice(0, 8)}01`;
    const draft = await draftNotice(localUnitYears(office), admin.unitId, from, today, DEFAULT_NOTICE_THRESHOLDS);
    expect(draft.units.map((u) => [u.unitName, u.findings])).toEqual([['庄浪县', [{ reason: 'isolation', value: 1 }]]]);
    // Allowing one violation names nobody.
    expect((await draftNotice(localUnitYears(office), admin.unitId, from, today, { ...DEFAULT_NOTICE_THRESHOLDS, isolation: 1 })).units).toEqual([]);

    const first = await issueNotice(office, auditor, draft);
    const second = await issueNotice(office, auditor, draft);
    expect([first.number, second.number]).toEqual([1, 2]);
    expect((await listNotices(office, admin.unitId)).map((n) => n.number)).toEqual([2, 1]);
    await expect(issueNotice(office, admin, draft)).rejects.toThrow();
    await expect(issueNotice(office, auditor, { ...draft, to: `${Number(today.slice(0, 4)) + 1}-01-05` })).rejects.toThrow(ValidationError);

    const [county] = await officeEvaluation(office, localUnitYears(office), admin.unitId, YEAR);
    const notices = (name: string) => county!.units.find((u) => u.identity.unitName === name)!;
    expect(notices('庄浪县').notices).toBe(2);
    expect(notices('庄浪县').score.items.find((i) => i.itemId === 'app.notices')!.points).toBe(2.5);
    expect(notices('泾川县').score.items.find((i) => i.itemId === 'app.notices')!.points).toBe(5);
    // A count the evaluation group enters itself wins over the notices issued here.
    await saveEvaluationEntries(office, auditor, rubric, { year: YEAR, assessedUnitId: notices('庄浪县').unitId, entries: [{ itemId: 'app.notices', count: 3 }], adjustments: [] });
    const [again] = await officeEvaluation(office, localUnitYears(office), admin.unitId, YEAR);
    expect(again!.units.find((u) => u.identity.unitName === '庄浪县')!.score.items.find((i) => i.itemId === 'app.notices')!.points).toBe(0);
  });
});
