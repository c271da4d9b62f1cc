import type { Pool } from 'pg';
import { arrivalWindow, officeReceivedOf, type OfficeReceived, type SelfStanding } from '../../../shared/home/officeHome';
import { unitSummaries } from './units';

interface ArrivalRow {
  unit_id: string;
  received_at: string;
}

interface SelfRow {
  unit_id: string;
  year: number;
  status: SelfStanding['status'];
  retired_at: string | null;
}

/**
 * The office home page's half about data received from units, from
 * PostgreSQL in one call and by the rules of shared/home/officeHome.ts: the
 * units view's rows, the last twelve months' bundles (only who and when),
 * and of the self-assessments only the four fields the count reads.
 */
export async function officeReceived(pool: Pool, now: number, silentDays: number): Promise<OfficeReceived> {
  const { from } = arrivalWindow(now);
  const [units, arrivals, selfs] = await Promise.all([
    unitSummaries(pool, now, silentDays),
    pool.query<ArrivalRow>('select unit_id, received_at from received_bundles where received_at >= $1', [from]),
    pool.query<SelfRow>("select unit_id, (record ->> 'year')::int as year, record ->> 'status' as status, record ->> 'retiredAt' as retired_at from merged_records where tbl = 'selfAssessments'"),
  ]);
  const received = arrivals.rows.map((r) => ({ unitId: r.unit_id, receivedAt: Number(r.received_at) }));
  const standings = selfs.rows.map((r): SelfStanding => ({ unitId: r.unit_id, year: r.year, status: r.status, retiredAt: r.retired_at === null ? null : Number(r.retired_at) }));
  return officeReceivedOf(units, received, standings, now);
}
