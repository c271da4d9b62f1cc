import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin } from './helpers';
import { enrolKey, enrolKeys, reviewEnrolment } from '../../../renderer/db/console';
import { enrollable, reviewBatch } from '../../../renderer/features/console/enrolmentBatch';
import { fixtureUnits } from '../../../shared/bundle/fixture';
import type { Actor } from '../../../renderer/db/repository';

const units = fixtureUnits({ units: 3, entries: 2, suite: 'sm2-sm3' });
const fileOf = (name: string, text: string) => new File([text], name, { type: 'application/json' });

async function office() {
  const db = freshDb();
  const admin = await unitWithAdmin(db);
  const auditor: Actor = { unitId: admin.unitId, accountId: 'auditor-1', role: 'auditor' };
  return { db, auditor };
}

describe('many enrolment files reviewed in one list', () => {
  it('says of each file what enrolling it would mean, and writes nothing', async () => {
    const { db, auditor } = await office();
    await enrolKey(db, auditor, await reviewEnrolment(db, units[0]!.enrolment));
    const text = (i: number) => JSON.stringify(units[i]!.enrolment);
    const rows = await reviewBatch(await db.enrolledKeys.toArray(), [fileOf('a.json', text(1)), fileOf('b.json', text(0)), fileOf('c.json', text(2)), fileOf('c2.json', text(2)), fileOf('x.json', '{"not":"enrolment"}')], (r) => r.reason);
    expect(rows.map((r) => r.state)).toEqual(['new', 'already', 'new', 'duplicate', 'bad']);
    expect(rows.map(enrollable)).toEqual([true, false, true, false, false]);
    expect(rows[4]!.detail).toBe('field');
    expect(await db.enrolledKeys.count()).toBe(1);
  });

  it('a file that is not JSON at all is told apart from a damaged one', async () => {
    const { db } = await office();
    const rows = await reviewBatch(await db.enrolledKeys.toArray(), [fileOf('bundle.zwb', 'PK\u0003\u0004...'), fileOf('cut.json', JSON.stringify({ ...units[0]!.enrolment, publicKey: undefined }))], (r) => `${r.reason}:${r.field}`);
    expect(rows.map((r) => r.detail)).toEqual(['notJson:', 'field:publicKey']);
  });

  it('a file far larger than an enrolment file is not read', async () => {
    const { db } = await office();
    const [row] = await reviewBatch(await db.enrolledKeys.toArray(), [fileOf('big.json', 'x'.repeat(70 * 1024))], (r) => r.reason);
    expect(row).toMatchObject({ state: 'bad', detail: 'tooLarge' });
  });

  it('enrols the chosen keys all together, or none when one is already there', async () => {
    const { db, auditor } = await office();
    const reviews = await Promise.all(units.map((u) => reviewEnrolment(db, u.enrolment)));
    await enrolKey(db, auditor, reviews[2]!);
    await expect(enrolKeys(db, auditor, reviews)).rejects.toThrow();
    expect((await db.enrolledKeys.toArray()).map((k) => k.keyId)).toEqual([units[2]!.enrolment.keyId]);
    await expect(enrolKeys(db, auditor, [reviews[0]!, reviews[0]!])).rejects.toThrow();
    expect(await enrolKeys(db, auditor, reviews.slice(0, 2))).toHaveLength(2);
    expect(await db.enrolledKeys.count()).toBe(3);
  });

  it('only the console may enrol', async () => {
    const { db } = await office();
    const clerk: Actor = { unitId: 'u', accountId: 'x', role: 'docOfficer' };
    await expect(enrolKeys(db, clerk, [await reviewEnrolment(db, units[0]!.enrolment)])).rejects.toThrow();
  });
});
