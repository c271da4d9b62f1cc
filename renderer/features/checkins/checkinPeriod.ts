import type { Checkin } from '../../../shared/domain/checkin';
import { listAccounts } from '../../db/accounts';
import { listCheckins } from '../../db/checkins';
import { db } from '../../state/db';

export interface CheckinPeriod {
  checkins: Checkin[];
  names: Map<string, string>;
  /** The document officers in post, and anyone who checked in during the period. */
  officers: string[];
}

/** A period's check-ins and the people to report them by, for the page and the paper form alike. */
export async function loadCheckinPeriod(unitId: string, from: Date, days: number): Promise<CheckinPeriod> {
  const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days).getTime();
  const [checkins, accounts] = await Promise.all([listCheckins(db, unitId, from.getTime(), to), listAccounts(db, unitId)]);
  const ids = new Set(accounts.filter((a) => a.retiredAt === null && a.role === 'docOfficer').map((a) => a.id));
  for (const c of checkins) ids.add(c.officerId);
  return { checkins, names: new Map(accounts.map((a) => [a.id, a.displayName])), officers: [...ids] };
}
