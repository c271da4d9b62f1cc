import { knownUnitsOf, type KnownUnit } from '../../shared/console/directory';
import type { UnitProfile } from '../../shared/domain/unit';
import { enrolledIdentities } from './console';
import { mergedStore } from './merged';
import type { ZwDb } from './schema';

/**
 * The office's side of policy bundles: which units it knows (from enrolled
 * keys and received data), and the address ranges it is drafting for them,
 * kept between visits.
 */

export { directoryOf, type KnownUnit } from '../../shared/console/directory';

const DRAFT_KEY = 'policyDraft';
const ATTACHMENTS_KEY = 'policyAttachments';

/** The known units from this PC's database (shared/console/directory.ts). */
export async function knownUnits(db: ZwDb, officeUnitId: string): Promise<KnownUnit[]> {
  const [identities, profiles] = await Promise.all([enrolledIdentities(db), mergedStore<UnitProfile>(db, 'units').toArray()]);
  return knownUnitsOf(identities, profiles, officeUnitId);
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
