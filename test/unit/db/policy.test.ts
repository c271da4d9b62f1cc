import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin } from './helpers';
import { appliedPolicy, applyPolicy, assignedRanges, trustedOffice } from '../../../renderer/db/policy';
import { loadCalendar, loadSchedule } from '../../../renderer/db/checkins';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { POLICY_FORMAT, type Policy } from '../../../shared/bundle/policy';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';

const office = generateKeyPair('sm2-sm3');
const policy: Policy = {
  format: POLICY_FORMAT,
  issuer: { unitId: 'office', name: '平凉市信息办', code: 'PL-XXB', suite: 'sm2-sm3', publicKey: office.publicKey, keyId: keyIdOf('sm2-sm3', office.publicKey) },
  issuedAt: 1_800_000_000_000,
  acceptedSuites: ['ed25519-sha256', 'sm2-sm3'],
  calendar: [{ year: 2027, holidays: ['2027-01-01', '2027-02-06'], workdays: ['2027-02-14'], source: '平凉市信息办' }],
  schedule: { ...DEFAULT_SCHEDULE, toleranceMinutes: 5 },
  ipRanges: [
    { unitCode: 'ZL-001', unitName: '庄浪县信息办', ranges: ['10.30.1.0/24', '10.30.2.7'] },
    { unitCode: 'JN-001', unitName: '静宁县', ranges: ['10.40.0.0/16'] },
  ],
  directory: [{ unitCode: 'ZL-001', unitName: '庄浪县信息办', level: 'county', area: 'township' }],
};

describe('applying a policy on a unit PC', () => {
  it('writes calendar and schedule through the change log, and keeps the office key and this unit’s ranges', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const applied = await applyPolicy(db, actor, 'ZL-001', policy);
    expect(applied).toMatchObject({ issuer: '平凉市信息办', years: [2027], schedule: true, acceptedSuites: ['ed25519-sha256', 'sm2-sm3'], ranges: ['10.30.1.0/24', '10.30.2.7'] });
    expect(await appliedPolicy(db, actor.unitId)).toEqual(applied);
    expect(await trustedOffice(db)).toMatchObject({ keyId: policy.issuer.keyId, name: '平凉市信息办' });
    expect(assignedRanges(applied).map((r) => r.text)).toEqual(['10.30.1.0/24', '10.30.2.7']);
    const { calendar } = await loadCalendar(db, actor.unitId);
    expect(calendar.dayKind(new Date(2027, 1, 14)).kind).toBe('work');
    expect(calendar.dayKind(new Date(2027, 0, 1)).kind).toBe('rest');
    expect((await loadSchedule(db, actor.unitId)).schedule.toleranceMinutes).toBe(5);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true });

    // A later policy revises the same records rather than adding new ones.
    await applyPolicy(db, actor, 'ZL-001', { ...policy, issuedAt: policy.issuedAt + 1, ipRanges: [] });
    expect((await appliedPolicy(db, actor.unitId))!.ranges).toEqual([]);
    expect(await db.calendars.where('unitId').equals(actor.unitId).count()).toBe(1);
    expect((await db.calendars.get(`${actor.unitId}/2027`))!.rev).toBe(2);
  });
});
