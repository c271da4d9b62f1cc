import type { Policy } from '../../shared/bundle/policy';
import type { UnitProfile } from '../../shared/domain/unit';
import { mergedStore } from './merged';
import type { ZwDb } from './schema';

/**
 * The office's side of policy bundles: which units it knows (from enrolled
 * keys and received data), and the address ranges it is drafting for them,
 * kept between visits.
 */

export interface KnownUnit {
  unitId: string;
  unitCode: string;
  unitName: string;
  level: UnitProfile['level'] | null;
  area: UnitProfile['area'] | null;
}

const DRAFT_KEY = 'policyDraft';
const ATTACHMENTS_KEY = 'policyAttachments';

export async function knownUnits(db: ZwDb, officeUnitId: string): Promise<KnownUnit[]> {
  const byId = new Map<string, KnownUnit>();
  for (const k of await db.enrolledKeys.toArray()) {
    if (k.revokedAt === null || !byId.has(k.unitId)) byId.set(k.unitId, { unitId: k.unitId, unitCode: k.unitCode, unitName: k.unitName, level: null, area: null });
  }
  // Level and area as the unit's own profile says; name and code as the office enrolled them.
  for (const u of await mergedStore<UnitProfile>(db, 'units').toArray()) {
    if (u.unitId === officeUnitId || u.id !== u.unitId) continue;
    const known = byId.get(u.unitId);
    byId.set(u.unitId, { unitId: u.unitId, unitCode: known?.unitCode ?? u.code, unitName: known?.unitName ?? u.name, level: u.level, area: u.area });
  }
  return [...byId.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}

/** Ranges as typed, by unit code. */
export async function loadRangeDraft(db: ZwDb): Promise<Record<string, string>> {
  const v = (await db.meta.get(DRAFT_KEY))?.value;
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}

export async function saveRangeDraft(db: ZwDb, draft: Record<string, string>): Promise<void> {
  await db.meta.put({ key: DRAFT_KEY, value: draft });
}

/** Whether the office asked for attachments in the last policy it signed: the next one starts from the same choice. */
export async function loadAttachmentsChoice(db: ZwDb): Promise<boolean> {
  return (await db.meta.get(ATTACHMENTS_KEY))?.value === true;
}

export async function saveAttachmentsChoice(db: ZwDb, asked: boolean): Promise<void> {
  await db.meta.put({ key: ATTACHMENTS_KEY, value: asked });
}

export function splitRanges(text: string): string[] {
  return text.split(/[\s,，;；、]+/).filter((r) => r !== '');
}

/** The unit directory of a policy: units whose level and area the office has received. */
export function directoryOf(units: readonly KnownUnit[]): Policy['directory'] {
  return units.flatMap((u) => (u.level && u.area ? [{ unitCode: u.unitCode, unitName: u.unitName, level: u.level, area: u.area }] : []));
}
