import { describe, expect, it } from 'vitest';
import { deviceInput, freshDb, unitWithAdmin } from './helpers';
import { noteEnrolmentGiven, readUnitHome } from '../../../renderer/db/home';
import { readUnitTrend } from '../../../renderer/db/homeTrend';
import { lastImport, noteLastImport, readOfficeHome } from '../../../renderer/db/officeHome';
import { appliedPolicy, applyPolicy } from '../../../renderer/db/policy';
import { createDevice } from '../../../renderer/db/devices';
import { POLICY_FORMAT, type Policy } from '../../../shared/bundle/policy';
import { generateKeyPair, keyIdOf } from '../../../shared/bundle/suites';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';

const office = generateKeyPair('ed25519-sha256');
const policy: Policy = {
  format: POLICY_FORMAT,
  issuer: { unitId: 'office', name: '平凉市信息办', code: 'PL-XXB', suite: 'ed25519-sha256', publicKey: office.publicKey, keyId: keyIdOf('ed25519-sha256', office.publicKey) },
  issuedAt: 1_800_000_000_000,
  acceptedSuites: ['sm2-sm3'],
  calendar: [{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-14'], source: '平凉市信息办' }],
  schedule: DEFAULT_SCHEDULE,
  ipRanges: [{ unitCode: 'ZL-001', unitName: '庄浪县信息办', ranges: ['10.30.1.0/24'] }],
  directory: [],
};

describe('what the latest policy changed', () => {
  it('says everything is new the first time, nothing when a newer policy repeats it, and just what differs after that', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await applyPolicy(db, actor, 'ZL-001', policy);
    expect((await appliedPolicy(db, actor.unitId))!.changes).toEqual({ first: true, calendarYears: [2027], schedule: true, ranges: true, rubrics: [], results: [] });

    await applyPolicy(db, actor, 'ZL-001', { ...policy, issuedAt: policy.issuedAt + 1 });
    expect((await appliedPolicy(db, actor.unitId))!.changes).toEqual({ first: false, calendarYears: [], schedule: false, ranges: false, rubrics: [], results: [] });

    await applyPolicy(db, actor, 'ZL-001', {
      ...policy,
      issuedAt: policy.issuedAt + 2,
      calendar: [...policy.calendar, { year: 2028, holidays: ['2028-01-01'], workdays: [], source: '' }],
      schedule: { ...DEFAULT_SCHEDULE, toleranceMinutes: 5 },
      ipRanges: [],
    });
    expect((await appliedPolicy(db, actor.unitId))!.changes).toEqual({ first: false, calendarYears: [2028], schedule: true, ranges: true, rubrics: [], results: [] });
  });
});

describe('the unit home read', () => {
  it('reads the register, the enrolment handed out and the policy in one go', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await createDevice(db, actor, deviceInput(1, { internetCapable: true }));
    await createDevice(db, actor, deviceInput(2));
    let data = await readUnitHome(db, actor.unitId);
    expect(data).toMatchObject({ activeDevices: 2, policy: null, enrolmentGiven: null });
    expect(data.home.violations).toBe(1);
    expect(data.home.scan).toMatchObject({ total: 2, covered: 0 });
    expect(data.home.export).toEqual({ lastAt: null, overdue: true });
    expect(await readUnitTrend(db, actor.unitId)).toHaveLength(12);
    await noteEnrolmentGiven(db, actor.unitId, 'key-1');
    await applyPolicy(db, actor, 'ZL-001', policy);
    data = await readUnitHome(db, actor.unitId);
    expect(data.enrolmentGiven).toBe('key-1');
    expect(data.policy?.issuer).toBe('平凉市信息办');
    // 10.0.0.2 and 10.0.0.3 are outside 10.30.1.0/24.
    expect(data.home.outsideRanges).toBe(2);
  });
});

describe('the office home read', () => {
  it('keeps the last batch’s verdict counts, and ignores an empty batch', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    expect(await lastImport(db)).toBeNull();
    await noteLastImport(db, ['valid', 'gapBefore', 'valid', 'badSignature'], 1_800_000_000_000);
    await noteLastImport(db, []);
    expect(await lastImport(db)).toEqual({ at: 1_800_000_000_000, counts: { valid: 2, gapBefore: 1, badSignature: 1 } });
    const home = await readOfficeHome(db, actor.unitId);
    expect(home.units).toEqual([]);
    expect(home.arrivals).toHaveLength(12);
    expect(home.standing).toMatchObject({ units: 0, selfSubmitted: 0, entered: 0, notices: 0 });
  });
});
