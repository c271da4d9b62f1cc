import { setupUnit } from '../../../renderer/db/accounts';
import { planExport } from '../../../renderer/db/bundleExport';
import type { Actor } from '../../../renderer/db/repository';
import type { ZwDb } from '../../../renderer/db/schema';
import { writeBundle } from '../../../shared/bundle/codec';
import { makeEnrolment } from '../../../shared/bundle/enrolment';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import type { UnitLevel } from '../../../shared/domain/unit';
import { freshDb } from './helpers';

/**
 * Units as the office receives them, for the office's tests: a unit set up
 * on a PC of its own, then everything it holds signed into one bundle with
 * a key of its own.
 */

export async function unit(code: string, name: string, level: UnitLevel = 'county'): Promise<{ db: ZwDb; actor: Actor }> {
  const db = freshDb();
  const { unit, account } = await setupUnit(
    db,
    { name, code, level, area: 'urban', leader: '张三', office: '综合科', adminName: '李四', adminPhone: '0933-8211234', docOfficerName: '王五', docOfficerPhone: '13800138000' },
    { username: 'admin', displayName: '李四', role: 'admin' },
    'scrypt$test',
  );
  return { db, actor: { unitId: unit.id, accountId: account.id, role: 'admin' } };
}

/** Everything the unit has, signed with a key of its own, and the enrolment the office reviews. */
export async function exportAll(db: ZwDb, actor: Actor) {
  const profile = (await db.units.get(actor.unitId))!;
  const pair = generateKeyPair('ed25519-sha256');
  const key = { suite: 'ed25519-sha256' as const, keyId: keyIdOf('ed25519-sha256', pair.publicKey), privateKey: pair.privateKey };
  const plan = (await planExport(db, actor.unitId, 'full'))!;
  const facts = { id: profile.id, name: profile.name, code: profile.code };
  const bytes = writeBundle({ unit: facts, createdBy: { accountId: actor.accountId, name: '李四' }, createdAt: Date.now(), prevHash: plan.prevHash, entries: plan.entries }, key).bytes;
  return { file: { name: `${profile.code}.zwb`, bytes }, enrolment: makeEnrolment(facts, pair, Date.now()) };
}
