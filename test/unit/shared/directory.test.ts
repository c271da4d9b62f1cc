import { describe, expect, it } from 'vitest';
import { enrolledIdentities } from '../../../shared/console/coverage';
import { directoryOf, knownUnitsOf, type ReceivedProfile } from '../../../shared/console/directory';
import { arrivalWindow, officeReceivedOf } from '../../../shared/home/officeHome';
import type { UnitSummary } from '../../../shared/console/summary';

const profile = (unitId: string, code: string, name: string, level: ReceivedProfile['level'], id = unitId): ReceivedProfile => ({ id, unitId, code, name, level, area: 'urban' });

describe('the units a policy is signed for', () => {
  it('names each unit as enrolled (its active key’s), takes level and area from its own profile, and leaves out the office', () => {
    const identities = enrolledIdentities([
      { unitId: 'u1', unitName: '旧名称', unitCode: 'PL-0001', enrolledAt: 1, revokedAt: null },
      { unitId: 'u1', unitName: '崆峒区政府办', unitCode: 'PL-0001', enrolledAt: 5, revokedAt: null },
      { unitId: 'u1', unitName: '吊销后的名称', unitCode: 'PL-0009', enrolledAt: 9, revokedAt: 10 },
      { unitId: 'u2', unitName: '泾川县政府办', unitCode: 'PL-0002', enrolledAt: 2, revokedAt: null },
    ]);
    const units = knownUnitsOf(
      identities,
      [
        profile('u1', 'SELF-1', '自称名称', 'county'),
        // Not a profile: a record of the units table whose id is not the unit's own.
        profile('u2', 'PL-0002', '泾川县政府办', 'municipal', 'other-record'),
        profile('u3', 'PL-0003', '未登记密钥的单位', 'municipal'),
        profile('office', 'PL-XXB', '市信息办', 'municipal'),
      ],
      'office',
    );
    expect(units).toEqual([
      { unitId: 'u1', unitCode: 'PL-0001', unitName: '崆峒区政府办', level: 'county', area: 'urban' },
      { unitId: 'u2', unitCode: 'PL-0002', unitName: '泾川县政府办', level: null, area: null },
      { unitId: 'u3', unitCode: 'PL-0003', unitName: '未登记密钥的单位', level: 'municipal', area: 'urban' },
    ]);
    expect(directoryOf(units).map((u) => u.unitCode)).toEqual(['PL-0001', 'PL-0003']);
  });
});

describe('the office home page’s received half', () => {
  it('counts this year’s submitted self-assessments of listed units, and arrivals over the twelve months from the first one’s start', () => {
    const now = new Date(2026, 11, 8, 10).getTime();
    const { months, from } = arrivalWindow(now);
    expect(months[0]).toBe('2026-01');
    expect(months.at(-1)).toBe('2026-12');
    expect(from).toBe(new Date(2026, 0, 1).getTime());
    const units = [{ unitId: 'u1' }, { unitId: 'u2' }] as UnitSummary[];
    const out = officeReceivedOf(
      units,
      [
        { unitId: 'u1', receivedAt: from },
        { unitId: 'u2', receivedAt: from + 1 },
        { unitId: 'u1', receivedAt: now },
        { unitId: 'u1', receivedAt: from - 1 },
      ],
      [
        { unitId: 'u1', year: 2026, status: 'submitted', retiredAt: null },
        { unitId: 'u2', year: 2026, status: 'draft', retiredAt: null },
        { unitId: 'u2', year: 2025, status: 'submitted', retiredAt: null },
        { unitId: 'u3', year: 2026, status: 'submitted', retiredAt: null },
      ],
      now,
    );
    expect(out.selfSubmitted).toBe(1);
    expect(out.arrivals[0]).toEqual({ month: '2026-01', bundles: 2, units: 2 });
    expect(out.arrivals.at(-1)).toEqual({ month: '2026-12', bundles: 1, units: 1 });
    expect(out.arrivals.reduce((n, m) => n + m.bundles, 0)).toBe(3);
  });
});
