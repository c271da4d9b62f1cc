import type { Pool } from 'pg';
import { checkpointsOf, type Checkpoint, type HeldSegment } from '../../../shared/bundle/checkpoint';
import { enrolledIdentities } from '../../../shared/console/coverage';
import { knownUnitsOf, type KnownUnit, type ReceivedProfile } from '../../../shared/console/directory';
import { keyIdentities } from './keys';

/**
 * What a policy the office signs says of the units, from PostgreSQL, by the
 * rules the console's own database uses: the directory's units
 * (shared/console/directory.ts) and each unit's checkpoint
 * (shared/bundle/checkpoint.ts).
 */

export async function knownUnits(pool: Pool, officeUnitId: string): Promise<KnownUnit[]> {
  const [keys, profiles] = await Promise.all([
    keyIdentities(pool),
    // A unit's profile is its record whose id is the unit's own; only the fields the directory reads.
    pool.query<ReceivedProfile>(
      "select record ->> 'id' as id, record ->> 'unitId' as \"unitId\", record ->> 'name' as name, record ->> 'code' as code, record ->> 'level' as level, record ->> 'area' as area from merged_records where tbl = 'units' and id = unit_id",
    ),
  ]);
  return knownUnitsOf(enrolledIdentities(keys), profiles.rows, officeUnitId);
}

interface SegmentRow {
  unit_id: string;
  from_seq: number;
  to_seq: number;
  received_at: string;
  last_hash: string | null;
}

/**
 * Every received segment's range and when it came; the chain hash only at
 * each unit's highest seq, the one a checkpoint carries (segments ending
 * there share it, or they would have been judged forked).
 */
export async function heldSegments(pool: Pool): Promise<HeldSegment[]> {
  const rows = (
    await pool.query<SegmentRow>(
      `select b.unit_id, b.from_seq, b.to_seq, b.received_at,
              case when b.to_seq = top.to_seq then (select s.hashes[cardinality(s.hashes)] from received_segments s where s.file_hash = b.file_hash) end as last_hash
         from received_bundles b
         join (select unit_id, max(to_seq) as to_seq from received_bundles group by unit_id) top on top.unit_id = b.unit_id`,
    )
  ).rows;
  return rows.map((r) => ({ unitId: r.unit_id, fromSeq: r.from_seq, toSeq: r.to_seq, lastHash: r.last_hash ?? '', receivedAt: Number(r.received_at) }));
}

export async function checkpoints(pool: Pool): Promise<Checkpoint[]> {
  return checkpointsOf(await heldSegments(pool));
}
