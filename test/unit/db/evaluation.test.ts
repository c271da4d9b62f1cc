import { exampleRubric } from '../../../shared/evaluation/examples';
import { describe, expect, it } from 'vitest';
import { freshDb, issueCodes, unitWithAdmin, deviceInput } from './helpers';
import { createDevice } from '../../../renderer/db/devices';
import { createLedgerRecords } from '../../../renderer/db/ledgers';
import { loadSelfAssessment, noteBackupDay, saveSelfDraft, selfScore, submitSelfAssessment, unitYearEvidence, type SelfDraft } from '../../../renderer/db/evaluation';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { recordKey } from '../../../renderer/db/schema';
import { checkRecord } from '../../../shared/console/records';
import { rubricItems } from '../../../shared/evaluation/rubric';
import { isoDay } from '../../../shared/calendar/calendar';
import { openEntry } from '../../../shared/changelog/chain';
import { enrolKey, importBundle, keyLookup, reviewEnrolment } from '../../../renderer/db/console';
import { mergedOf } from '../../../renderer/db/merged';
import { craftedUnit } from '../../support/craftedBundle';

const YEAR = new Date().getFullYear();
const rubric = exampleRubric('county', YEAR);
const declared = rubricItems(rubric).filter((x) => x.item.scoring.kind === 'declared').map((x) => x.item);

/** Every declared item at full points, 不适用 where the rubric allows it and `na` says so. */
function fullDraft(na: readonly string[] = []): SelfDraft {
  return {
    items: declared.map((i) => ({ itemId: i.id, points: na.includes(i.id) ? null : i.maxPoints, notApplicable: na.includes(i.id), note: '', documents: '县委办发〔2026〕12号' })),
    summary: '全年专网运行平稳。',
  };
}

const codes = issueCodes;

describe('the year’s self-assessment', () => {
  it('saves drafts, locks on submission, and is corrected only with a reason, every step in the chain', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const draft = await saveSelfDraft(db, actor, YEAR, rubric, { items: fullDraft().items.slice(0, 2), summary: '' });
    expect(draft).toMatchObject({ status: 'draft', submission: 0, id: `${actor.unitId}/${YEAR}` });

    const first = await submitSelfAssessment(db, actor, YEAR, rubric, fullDraft());
    expect(first).toMatchObject({ status: 'submitted', submission: 1, correctionReason: '' });
    expect(first.rubric).toEqual({ group: 'county', version: 1, title: rubric.title, example: true });
    expect(first.total).toBeGreaterThan(0);

    expect(await codes(saveSelfDraft(db, actor, YEAR, rubric, fullDraft()))).toEqual([':evaluation.locked']);
    expect(await codes(submitSelfAssessment(db, actor, YEAR, rubric, fullDraft(), ' '))).toEqual(['correctionReason:evaluation.reason']);
    expect((await loadSelfAssessment(db, actor.unitId, YEAR))!.submission).toBe(1);

    const lower = fullDraft();
    const corrected = await submitSelfAssessment(db, actor, YEAR, rubric, { ...lower, items: lower.items.map((i, n) => (n === 0 ? { ...i, points: 1 } : i)) }, '领导批示文件补充后重新评分');
    expect(corrected).toMatchObject({ submission: 2, correctionReason: '领导批示文件补充后重新评分', rev: 3 });
    expect(corrected.total!).toBeLessThan(first.total!);

    const commits = await db.changelog.where('recordKeys').equals(recordKey('selfAssessments', corrected.id)).toArray();
    expect(commits.flatMap((c) => c.entries.filter((e) => e.recordId === corrected.id)).map((e) => openEntry(e).rev)).toEqual([1, 2, 3]);
    expect((await verifyUnitChain(db, actor.unitId)).ok).toBe(true);
  });

  it('refuses to submit with a declared item unscored, naming it, and saves nothing', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const draft = fullDraft();
    const missing = draft.items[3]!;
    const found = await codes(submitSelfAssessment(db, actor, YEAR, rubric, { ...draft, items: draft.items.filter((i) => i !== missing) }));
    expect(found).toEqual([`items.${missing.itemId}:evaluation.unscored`]);
    expect(await loadSelfAssessment(db, actor.unitId, YEAR)).toBeUndefined();
  });

  it('refuses points above the item, 不适用 where the rubric does not allow it, and items it does not have', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const mustApply = declared.find((i) => !i.mayNotApply)!;
    const mayNot = declared.find((i) => i.mayNotApply)!;
    const items = fullDraft([mustApply.id]).items.map((i) => (i.itemId === mayNot.id ? { ...i, points: mayNot.maxPoints + 1 } : i));
    const found = await codes(saveSelfDraft(db, actor, YEAR, rubric, { summary: '', items: [...items, { itemId: 'constructor', points: 1, notApplicable: false, note: '', documents: '' }] }));
    expect(found.sort()).toEqual([`items.${mayNot.id}:evaluation.pointsRange`, `items.${mustApply.id}:evaluation.mustApply`, 'items.constructor:evaluation.unknownItem'].sort());
    expect(await loadSelfAssessment(db, actor.unitId, YEAR)).toBeUndefined();
  });

  it('drops an item marked 不适用 from the denominator', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const category = rubric.categories.find((c) => c.id !== 'bonus' && c.items.some((i) => i.scoring.kind === 'declared' && i.mayNotApply))!;
    const mayNot = category.items.find((i) => i.scoring.kind === 'declared' && i.mayNotApply)!;
    const { figures } = await unitYearEvidence(db, actor.unitId, YEAR);
    const all = selfScore(rubric, actor.unitId, figures, fullDraft().items);
    const na = selfScore(rubric, actor.unitId, figures, fullDraft([mayNot.id]).items);
    const before = all.categories.find((c) => c.id === category.id)!;
    const after = na.categories.find((c) => c.id === category.id)!;
    expect(after.applicableMax).toBe(before.applicableMax - mayNot.maxPoints);
    expect(after.points).toBe(before.points - mayNot.maxPoints);
    // Not a zero: the unit loses nothing beyond what scaling the rest to the total gives.
    const points = all.categories.filter((c) => c.id !== 'bonus').reduce((s, c) => s + c.points, 0);
    const max = all.categories.filter((c) => c.id !== 'bonus').reduce((s, c) => s + c.applicableMax, 0);
    expect(na.base).toBeCloseTo((rubric.total * (points - mayNot.maxPoints)) / (max - mayNot.maxPoints), 2);
    const saved = await submitSelfAssessment(db, actor, YEAR, rubric, fullDraft([mayNot.id]));
    expect(saved.items.find((i) => i.itemId === mayNot.id)).toMatchObject({ notApplicable: true, points: null });
    expect(saved.total).toBe(na.total);
  });

  it('is the administrator’s: other roles cannot write it', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    expect(await codes(saveSelfDraft(db, { ...actor, role: 'docOfficer' }, YEAR, rubric, fullDraft()))).toEqual([':forbidden']);
  });

  it('computes its figures from the unit’s own active records and keeps them with the submission', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await createDevice(db, actor, deviceInput(1, { internetCapable: true, isolationCard: false }));
    await createDevice(db, actor, deviceInput(2, { internetCapable: true, isolationCard: true }));
    const today = isoDay(new Date());
    await createLedgerRecords(db, actor, 'trainings', [{ heldOn: today, organiser: '县信息办', topic: '专网安全', attendees: ['李四', '王五'] }]);
    await noteBackupDay(db, Date.now());
    const { figures } = await unitYearEvidence(db, actor.unitId, YEAR);
    expect(figures.isolationViolations!.value).toBe(1);
    expect(figures.trainingsHeld!.value).toBe(1);
    expect(figures.trainingAttendance!.value).toBe(1);
    expect(figures.backupsKept!.value).toBe(1);
    expect(figures.bundlesOnTime).toBeUndefined();

    const submitted = await submitSelfAssessment(db, actor, YEAR, rubric, fullDraft());
    const isolation = submitted.items.find((i) => i.itemId === 'sec.isolation')!;
    expect(isolation).toMatchObject({ figure: 1, points: 2 });
    // Office items are not the unit's to score, and are not in its record.
    expect(submitted.items.some((i) => i.itemId === 'app.notices' || i.itemId === 'bonus.website')).toBe(false);
  });

  it('is a record the office takes in, under its derived id only', () => {
    const record = {
      unitId: 'u1', id: `u1/${YEAR}`, rev: 1, createdAt: 1, createdBy: 'a', updatedAt: 1, updatedBy: 'a', retiredAt: null, retiredReason: null,
      year: YEAR, rubric: { group: 'county', version: 1, title: 't', example: true }, items: [{ itemId: 'org.leader', points: 5, notApplicable: false, note: '', documents: '', figure: null }],
      summary: '', status: 'submitted', submission: 1, submittedAt: 5, correctionReason: '', total: 5, provisional: false,
    };
    expect(checkRecord('selfAssessments', record).ok).toBe(true);
    expect(checkRecord('selfAssessments', { ...record, id: `u2/${YEAR}` })).toEqual({ ok: false, field: 'id' });
    expect(checkRecord('selfAssessments', { ...record, status: 'draft' }).ok).toBe(false);
    expect(checkRecord('selfAssessments', { ...record, items: [record.items[0], record.items[0]] }).ok).toBe(false);
    expect(checkRecord('selfAssessments', { ...record, items: [{ ...record.items[0], itemId: '__proto__' }] }).ok).toBe(false);
  });

  it('arrives at the office in a bundle, and a malformed one is refused naming the table', async () => {
    const self = (unitId: string, points: unknown) => ({
      table: 'selfAssessments',
      record: {
        unitId, id: `${unitId}/${YEAR}`, rev: 1, createdAt: 1, createdBy: 'a', updatedAt: 1, updatedBy: 'a', retiredAt: null, retiredReason: null,
        year: YEAR, rubric: { group: 'county', version: 1, title: rubric.title, example: true }, items: [{ itemId: 'org.leader', points, notApplicable: false, note: '', documents: '', figure: null }],
        summary: '', status: 'submitted', submission: 1, submittedAt: 5, correctionReason: '', total: 5, provisional: false,
      },
    });
    const db = freshDb();
    const admin = await unitWithAdmin(db);
    const auditor = { ...admin, accountId: 'auditor', role: 'auditor' as const };
    const good = craftedUnit(0, 20, (unitId) => [self(unitId, 5)]);
    const bad = craftedUnit(1, 20, (unitId) => [self(unitId, {})]);
    for (const u of [good, bad]) await enrolKey(db, auditor, await reviewEnrolment(db, u.enrolment));
    const keys = await keyLookup(db);
    expect((await importBundle(db, auditor, good.file, keys)).verdict).toBe('valid');
    const merged = await mergedOf(db, 'selfAssessments', good.unit.id);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ status: 'submitted', total: 5 });
    const refused = await importBundle(db, auditor, bad.file, keys);
    expect(refused.verdict).not.toBe('valid');
    expect(JSON.stringify(refused)).toContain('selfAssessments');
    expect(await mergedOf(db, 'selfAssessments', bad.unit.id)).toHaveLength(0);
  });
});
