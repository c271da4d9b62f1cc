import type { Policy } from '../bundle/policy';
import type { UnitProfile } from '../domain/unit';
import type { Identity } from './merge';

/**
 * The units a policy is signed for, over plain data: the same rule for the
 * console's IndexedDB and for the office's PostgreSQL server.
 */

export interface KnownUnit {
  unitId: string;
  unitCode: string;
  unitName: string;
  level: UnitProfile['level'] | null;
  area: UnitProfile['area'] | null;
}

/** A received unit profile, as far as the directory needs it. */
export type ReceivedProfile = Pick<UnitProfile, 'id' | 'unitId' | 'name' | 'code' | 'level' | 'area'>;

/**
 * Every enrolled unit, and every unit whose profile was received, by code.
 * Name and code as the office enrolled them (the units view's identity);
 * level and area as the unit's own profile says.
 */
export function knownUnitsOf(identities: ReadonlyMap<string, Identity>, profiles: Iterable<ReceivedProfile>, officeUnitId: string): KnownUnit[] {
  const byId = new Map<string, KnownUnit>();
  for (const [unitId, who] of identities) byId.set(unitId, { unitId, unitCode: who.unitCode, unitName: who.unitName, level: null, area: null });
  for (const u of profiles) {
    // A unit's profile is the record whose id is the unit's own; the office's own profile is no unit of the directory.
    if (u.unitId === officeUnitId || u.id !== u.unitId) continue;
    const who = identities.get(u.unitId);
    byId.set(u.unitId, { unitId: u.unitId, unitCode: who?.unitCode ?? u.code, unitName: who?.unitName ?? u.name, level: u.level, area: u.area });
  }
  return [...byId.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.unitId.localeCompare(b.unitId));
}

/** The unit directory of a policy: units whose level and area the office has received. */
export function directoryOf(units: readonly KnownUnit[]): Policy['directory'] {
  return units.flatMap((u) => (u.level && u.area ? [{ unitCode: u.unitCode, unitName: u.unitName, level: u.level, area: u.area }] : []));
}
