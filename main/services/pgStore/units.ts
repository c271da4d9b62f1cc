import type { Pool } from 'pg';
import { coverageOf, enrolledIdentities, type ReceivedRange } from '../../../shared/console/coverage';
import { DEFAULT_SILENT_DAYS } from '../../../shared/console/merge';
import { figuresStale, summaryRows, type UnitSummary } from '../../../shared/console/summary';
import { keptFigures, refreshFigures } from './figures';
import { keyIdentities } from './keys';

interface ReceivedRow {
  unit_id: string;
  unit_name: string;
  unit_code: string;
  claimed_name: string | null;
  claimed_code: string | null;
  from_seq: number;
  to_seq: number;
  received_at: string;
  last_entry_at: string;
}

/**
 * The console's units view from PostgreSQL, by the same rules
 * (shared/console/coverage.ts, summary.ts): one row per enrolled unit and
 * per unit received under a key no longer enrolled. Figures the ingest kept
 * are read as they are; a unit's missing or stale figures (a database
 * written before they were kept) are computed and kept here.
 */
export async function unitSummaries(pool: Pool, now: number = Date.now(), silentDays: number = DEFAULT_SILENT_DAYS): Promise<UnitSummary[]> {
  const [keys, received, figures] = await Promise.all([
    keyIdentities(pool),
    pool.query<ReceivedRow>('select unit_id, unit_name, unit_code, claimed_name, claimed_code, from_seq, to_seq, received_at, last_entry_at from received_bundles'),
    keptFigures(pool),
  ]);
  const ranges = received.rows.map(
    (r): ReceivedRange => ({
      unitId: r.unit_id,
      unitName: r.unit_name,
      unitCode: r.unit_code,
      claimed: r.claimed_name === null || r.claimed_code === null ? null : { unitName: r.claimed_name, unitCode: r.claimed_code },
      fromSeq: r.from_seq,
      toSeq: r.to_seq,
      receivedAt: Number(r.received_at),
      lastEntryAt: Number(r.last_entry_at),
    }),
  );
  const coverage = coverageOf(enrolledIdentities(keys), ranges);
  for (const c of coverage) {
    if (!figuresStale(c, figures.get(c.unitId))) continue;
    const client = await pool.connect();
    try {
      // The same lock as an ingest of the unit, so the figures kept match its records.
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [c.unitId]);
      figures.set(c.unitId, await refreshFigures(client, c.unitId, c.lastEntryAt!));
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }
  return summaryRows(coverage, figures, now, silentDays);
}
