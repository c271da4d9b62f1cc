import { gapsOf, type Identity } from './merge';

/**
 * What the office has received of each unit, over plain data: the same rule
 * for the console's IndexedDB and for a province's PostgreSQL.
 */

/** An enrolled key, as far as the identity rule needs it. */
export interface KeyIdentity extends Identity {
  unitId: string;
  enrolledAt: number;
  revokedAt: number | null;
}

/** A received bundle, as far as coverage needs it. */
export interface ReceivedRange extends Identity {
  unitId: string;
  fromSeq: number;
  toSeq: number;
  receivedAt: number;
  lastEntryAt: number;
  claimed?: Identity | null;
}

export interface UnitCoverage {
  unitId: string;
  /** The enrolled name and code (DESIGN.md: a unit is who the office enrolled). */
  unitName: string;
  unitCode: string;
  /** What the unit's latest bundle printed instead, when it differs. */
  claimed: Identity | null;
  bundles: number;
  /** null: enrolled, but nothing received yet. */
  lastReceivedAt: number | null;
  lastEntryAt: number | null;
  toSeq: number;
  /** Seq ranges not yet received between 1 and the highest seq received. */
  gaps: { from: number; to: number }[];
}

/** The identity the office enrolled for each unit: its active key's (the latest enrolled), else its latest key's. */
export function enrolledIdentities(keys: readonly KeyIdentity[]): Map<string, Identity> {
  const ordered = [...keys].sort((a, b) => Number(a.revokedAt === null) - Number(b.revokedAt === null) || a.enrolledAt - b.enrolledAt);
  return new Map(ordered.map((k) => [k.unitId, { unitName: k.unitName, unitCode: k.unitCode }]));
}

/**
 * One row per enrolled unit, and per unit whose bundles arrived under a key
 * no longer enrolled: how many bundles, the latest, the highest seq and the
 * holes. A unit is named as enrolled; only without any enrolment as its
 * bundles named it.
 */
export function coverageOf(identities: ReadonlyMap<string, Identity>, received: Iterable<ReceivedRange>): UnitCoverage[] {
  const byUnit = new Map<string, UnitCoverage & { ranges: [number, number][] }>();
  const row = (unitId: string, fallback: Identity) => {
    let u = byUnit.get(unitId);
    const who = identities.get(unitId) ?? fallback;
    if (!u) byUnit.set(unitId, (u = { unitId, unitName: who.unitName, unitCode: who.unitCode, claimed: null, bundles: 0, lastReceivedAt: null, lastEntryAt: null, toSeq: 0, gaps: [], ranges: [] }));
    return u;
  };
  for (const [unitId, who] of identities) row(unitId, who);
  for (const b of received) {
    const u = row(b.unitId, { unitName: b.unitName, unitCode: b.unitCode });
    u.bundles += 1;
    if (u.lastReceivedAt === null || b.receivedAt >= u.lastReceivedAt) {
      u.lastReceivedAt = b.receivedAt;
      u.claimed = b.claimed ?? null;
    }
    u.lastEntryAt = Math.max(u.lastEntryAt ?? 0, b.lastEntryAt);
    u.toSeq = Math.max(u.toSeq, b.toSeq);
    u.ranges.push([b.fromSeq, b.toSeq]);
  }
  return [...byUnit.values()].map(({ ranges, ...u }) => ({ ...u, gaps: gapsOf(ranges) }));
}
