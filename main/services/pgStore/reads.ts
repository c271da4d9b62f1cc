import type { Pool } from 'pg';
import type { ReceivedRow } from '../../../shared/ipc/contract.pg';
import type { RecordMeta } from '../../../shared/domain/record';
import type { MergedTable } from '../../../shared/console/records';

/** What the console's import page and a unit's records drawer read, from PostgreSQL. */

interface BundleRow {
  file_hash: string;
  file_name: string;
  unit_name: string;
  claimed_name: string | null;
  claimed_code: string | null;
  from_seq: number;
  to_seq: number;
  received_at: string;
  verdict: 'valid' | 'gapBefore';
}

/** The latest received bundles, newest first, as the import page's history lists them. */
export async function receivedBundles(pool: Pool, limit: number): Promise<ReceivedRow[]> {
  const rows = (
    await pool.query<BundleRow>(
      'select file_hash, file_name, unit_name, claimed_name, claimed_code, from_seq, to_seq, received_at, verdict from received_bundles order by received_at desc, file_hash limit $1',
      [limit],
    )
  ).rows;
  return rows.map((r) => ({
    fileHash: r.file_hash,
    fileName: r.file_name,
    unitName: r.unit_name,
    claimed: r.claimed_name === null || r.claimed_code === null ? null : { unitName: r.claimed_name, unitCode: r.claimed_code },
    fromSeq: r.from_seq,
    toSeq: r.to_seq,
    receivedAt: Number(r.received_at),
    verdict: r.verdict,
  }));
}

export async function enrolledKeyCount(pool: Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('select count(*) as n from enrolled_keys')).rows[0]?.n ?? 0);
}

/** Every received record of one unit by table; check-ins newest first, as the drawer lists them. */
export async function unitRecords(pool: Pool, unitId: string): Promise<Partial<Record<MergedTable, RecordMeta[]>>> {
  const rows = (await pool.query<{ tbl: MergedTable; record: RecordMeta }>("select tbl, record from merged_records where unit_id = $1 order by tbl, case when tbl = 'checkins' then -(record ->> 'at')::bigint end, id", [unitId])).rows;
  const out: Partial<Record<MergedTable, RecordMeta[]>> = {};
  for (const r of rows) (out[r.tbl] ??= []).push(r.record);
  return out;
}
