import { networkNoticeId, networkNoticeInput, type NetworkNotice, type NetworkNoticeBody, type NoticeThresholds } from '../../shared/evaluation/networkNotice';
import { noticeOrder, noticeYear } from '../../shared/evaluation/unitYear';
import { issuesFromZod, ValidationError } from './errors';
import type { UnitYears } from './evaluationOffice';
import { commit, newRecord, type Actor } from './repository';
import type { ZwDb } from './schema';

/**
 * 专网应用通报 at the office: which units its monitoring finds short over a
 * period, computed from their bundles with the same figures as the year's
 * evaluation, and the notice issued as a record of the office's own.
 */

export type NoticeDraft = Omit<NetworkNoticeBody, 'number'>;

/** The units a notice over `from`–`to` (one year's days) would name, and why, from the units' years in `years`. */
export async function draftNotice(years: UnitYears, officeUnitId: string, from: string, to: string, thresholds: NoticeThresholds, now = Date.now()): Promise<NoticeDraft> {
  const period = { from, to, thresholds };
  const units = noticeOrder(await years.noticeUnits(officeUnitId, period, now));
  return { year: noticeYear(period), from, to, thresholds, units };
}

export async function listNotices(db: ZwDb, officeUnitId: string): Promise<NetworkNotice[]> {
  const all = (await db.networkNotices.where('unitId').equals(officeUnitId).toArray()) as NetworkNotice[];
  return all.filter((n) => n.retiredAt === null).sort((a, b) => b.year - a.year || b.number - a.number);
}

/** Issues the notice as the year's next number, in the office's change log. */
export async function issueNotice(db: ZwDb, actor: Actor, draft: NoticeDraft): Promise<NetworkNotice> {
  let saved: NetworkNotice | undefined;
  await commit(db, actor, async () => {
    const previous = (await db.networkNotices.where('unitId').equals(actor.unitId).toArray()).filter((n) => n.year === draft.year);
    const number = previous.reduce((m, n) => Math.max(m, n.number), 0) + 1;
    const parsed = networkNoticeInput.safeParse({ ...draft, number });
    if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
    saved = { ...newRecord(actor, parsed.data), id: networkNoticeId(actor.unitId, draft.year, number) };
    return [{ table: 'networkNotices', op: 'create', record: saved }];
  });
  return saved!;
}
