import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { readBundle, type KeyLookup } from '../../../shared/bundle/codec';
import { BUNDLE_LIMITS } from '../../../shared/bundle/format';
import { ChainKnowledge, type Segment } from '../../../shared/bundle/segments';
import { digest } from '../../../shared/bundle/suites';
import { claimedIdentity, decideWrites, missingBefore, nowComplete, type Held, type Identity, type RecordProblem } from '../../../shared/console/merge';
import { mergePlan, refusal, type ImportOutcome } from '../../../shared/console/plan';
import type { Manifest } from '../../../shared/bundle/format';
import type { MergedTable } from '../../../shared/console/records';
import { refreshFigures } from './figures';

/**
 * Takes bundles into PostgreSQL by the console's rules (shared/): verified
 * by the shared codec, judged against the segments already received, merged
 * by (unit, id) at the highest rev, and kept as evidence, each bundle in one
 * transaction. Bundles of one unit are taken one at a time under an advisory
 * lock, so two ingests given overlapping files end as one would; the same
 * files in any order give the same database.
 */

export interface IngestFile {
  name: string;
  bytes: Uint8Array;
}

/** Reads, verifies and takes in one file. A file refused for any reason changes nothing. */
export async function ingestBundle(pool: Pool, file: IngestFile, keys: KeyLookup, by: string, now: () => number = Date.now): Promise<ImportOutcome> {
  const prepared = prepareBundle(file, keys);
  return prepared.ok ? takeInPrepared(pool, prepared.bundle, by, now) : prepared.outcome;
}

/** The part of a record the merge rule reads: the rest travels as COPY text. */
export interface PlannedRecord {
  seq: number;
  record: { id: string; rev: number };
}

/**
 * A bundle read, verified and planned: all of an ingest that needs no
 * database, so the command line does it in worker threads while the
 * database takes in the file before. Plain data, cheap to pass between
 * threads: the records as the staging table's COPY text, and of each only
 * what the merge rule reads.
 */
export interface PreparedBundle {
  name: string;
  bytes: Uint8Array;
  fileHash: string;
  manifest: Manifest;
  hashes: string[];
  lastEntryAt: number;
  latest: [MergedTable, PlannedRecord[]][];
  copy: string;
}

export type Prepared = { ok: true; bundle: PreparedBundle } | { ok: false; outcome: ImportOutcome };

export function prepareBundle(file: IngestFile, keys: KeyLookup): Prepared {
  if (file.bytes.length > BUNDLE_LIMITS.fileBytes) return { ok: false, outcome: { fileName: file.name, verdict: 'unreadable', detail: `${file.bytes.length} bytes` } };
  const read = readBundle(file.bytes, keys);
  if (read.verdict !== 'valid') return { ok: false, outcome: { fileName: file.name, verdict: read.verdict, detail: read.detail, ...(read.manifest ? { manifest: read.manifest } : {}) } };
  const plan = mergePlan(read);
  if (plan.problem) return { ok: false, outcome: refusal(file.name, plan.manifest, plan.problem) };
  const lines: string[] = [];
  const unitField = copyField(read.manifest.unitId);
  const latest = plan.latest.map(([table, records]): [MergedTable, PlannedRecord[]] => [
    table,
    records.map(({ seq, record }) => {
      lines.push(`${unitField}\t${copyField(table)}\t${copyField(record.id)}\t${record.rev}\t${seq}\t${copyField(JSON.stringify(record))}\n`);
      return { seq, record: { id: record.id, rev: record.rev } };
    }),
  ]);
  const { manifest, hashes, lastEntryAt } = plan;
  return { ok: true, bundle: { name: file.name, bytes: file.bytes, fileHash: digest(manifest.suite, file.bytes), manifest, hashes, lastEntryAt, latest, copy: lines.join('') } };
}

/** Takes in a prepared bundle, in one transaction. */
export async function takeInPrepared(pool: Pool, bundle: PreparedBundle, by: string, now: () => number = Date.now): Promise<ImportOutcome> {
  // Two units' bundles bringing one id at once: the loser's insert breaks the unique id and is judged again, now seeing the winner's record.
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(pool, (client) => takeIn(client, bundle, by, now()));
    } catch (error) {
      if (attempt === 0 && isUniqueIdViolation(error)) continue;
      if (error instanceof Refused) return refusal(bundle.name, bundle.manifest, error.problem);
      throw error;
    }
  }
}

/** A record the merge refuses, carried out of the transaction it rolls back. */
class Refused extends Error {
  constructor(readonly problem: RecordProblem) {
    super(problem.kind);
  }
}

/** A verdict that writes nothing, carried out of the transaction it rolls back. */
class NothingWritten extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super(outcome.verdict);
  }
}

function isUniqueIdViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'merged_records_id';
}

async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<ImportOutcome>): Promise<ImportOutcome> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      const outcome = await work(client);
      await client.query('commit');
      return outcome;
    } catch (error) {
      await client.query('rollback');
      if (error instanceof NothingWritten) return error.outcome;
      throw error;
    }
  } finally {
    client.release();
  }
}

/** One field of COPY's text format: the four characters it gives a meaning escaped. */
function copyField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

async function takeIn(client: PoolClient, plan: PreparedBundle, by: string, now: number): Promise<ImportOutcome> {
  const { manifest, fileHash } = plan;
  const unitId = manifest.unitId;
  await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [unitId]);
  const key = (await client.query<{ unit_name: string; unit_code: string; revoked_at: string | null }>('select unit_name, unit_code, revoked_at from enrolled_keys where key_id = $1 for share', [manifest.keyId])).rows[0];
  // The key was read before this transaction; a revocation since then wins.
  if (!key || key.revoked_at !== null) throw new NothingWritten({ fileName: plan.name, verdict: key ? 'revokedKey' : 'unknownKey', detail: manifest.keyId, manifest });
  const identity: Identity = { unitName: key.unit_name, unitCode: key.unit_code };
  const claimed = claimedIdentity(identity, manifest);
  const outcome: ImportOutcome = { fileName: plan.name, verdict: 'valid', detail: '', manifest, identity, claimed };
  if ((await client.query('select 1 from received_bundles where file_hash = $1', [fileHash])).rowCount === 1) throw new NothingWritten({ ...outcome, verdict: 'duplicate' });

  const segment: Segment = { unitId, fromSeq: manifest.fromSeq, prevHash: manifest.prevHash, hashes: plan.hashes };
  const around = await client.query<{ from_seq: number; prev_hash: string; hashes: string[] }>('select from_seq, prev_hash, hashes from received_segments where unit_id = $1 and from_seq <= $2 and to_seq >= $3', [unitId, manifest.toSeq, manifest.fromSeq - 1]);
  const knowledge = new ChainKnowledge();
  for (const s of around.rows) knowledge.add({ unitId, fromSeq: s.from_seq, prevHash: s.prev_hash, hashes: s.hashes });
  const assessment = knowledge.assess(segment);
  if (assessment.verdict === 'forked') throw new NothingWritten({ ...outcome, verdict: 'forked', forkAt: assessment.forkAt, detail: `seq ${assessment.forkAt}` });
  if (assessment.verdict === 'duplicate') throw new NothingWritten({ ...outcome, verdict: 'duplicate' });
  if (assessment.verdict === 'gapBefore') {
    const before = (await client.query<{ to_seq: number }>('select to_seq from received_bundles where unit_id = $1 and from_seq < $2 order by from_seq desc limit 1', [unitId, manifest.fromSeq])).rows[0];
    outcome.verdict = 'gapBefore';
    outcome.missing = missingBefore(manifest.fromSeq, before ? { toSeq: before.to_seq } : undefined);
  }

  outcome.merged = await mergeRecords(client, unitId, plan);
  await client.query(
    `insert into received_bundles (file_hash, file_name, unit_id, unit_name, unit_code, claimed_name, claimed_code, key_id, from_seq, to_seq, counts, created_at, last_entry_at, received_at, received_by, verdict)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [fileHash, plan.name, unitId, identity.unitName, identity.unitCode, claimed?.unitName ?? null, claimed?.unitCode ?? null, manifest.keyId, manifest.fromSeq, manifest.toSeq, JSON.stringify(manifest.counts), manifest.createdAt, plan.lastEntryAt, now, by, outcome.verdict === 'gapBefore' ? 'gapBefore' : 'valid'],
  );
  await client.query('insert into received_segments (file_hash, unit_id, from_seq, to_seq, prev_hash, hashes) values ($1, $2, $3, $4, $5, $6)', [fileHash, unitId, manifest.fromSeq, manifest.toSeq, manifest.prevHash, plan.hashes]);
  await client.query('insert into received_files (file_hash, file_name, bytes) values ($1, $2, $3)', [fileHash, plan.name, plan.bytes]);

  const ofUnit = (await client.query<{ file_hash: string; file_name: string; from_seq: number; to_seq: number; verdict: 'valid' | 'gapBefore'; last_entry_at: string }>('select file_hash, file_name, from_seq, to_seq, verdict, last_entry_at from received_bundles where unit_id = $1', [unitId])).rows;
  const completed = nowComplete(ofUnit.map((b) => ({ ...b, fromSeq: b.from_seq, toSeq: b.to_seq })));
  if (completed.length > 0) await client.query("update received_bundles set verdict = 'valid' where file_hash = any($1)", [completed.map((b) => b.file_hash)]);
  outcome.completed = completed.map((b) => b.file_name);
  await refreshFigures(client, unitId, Math.max(...ofUnit.map((b) => Number(b.last_entry_at))));
  return outcome;
}

/**
 * What the store holds under the bundle's ids is read in one query and judged
 * by the shared rule (decideWrites). Records nobody holds yet are copied
 * straight in; otherwise they go to a staging table by COPY and one
 * statement merges what the rule decided.
 */
async function mergeRecords(client: PoolClient, unitId: string, plan: PreparedBundle): Promise<Record<string, number>> {
  const merged: Record<string, number> = {};
  if (plan.latest.length === 0) return merged;
  // The ids looked up one by one in the unique index: a join with a staging table, which has no statistics,
  // was planned as a scan of every record held, so each bundle took longer than the one before.
  const tables = plan.latest.flatMap(([table, records]) => records.map(() => table));
  const ids = plan.latest.flatMap(([, records]) => records.map((r) => r.record.id));
  const held = await client.query<{ tbl: string; id: string; unit_id: string; rev: number }>('select m.tbl, m.id, m.unit_id, m.rev from unnest($1::text[], $2::text[]) k (tbl, id) join merged_records m on m.tbl = k.tbl and m.id = k.id', [tables, ids]);
  const heldBy = new Map(held.rows.map((h) => [`${h.tbl}\n${h.id}`, h]));
  const skipTables: string[] = [];
  const skipIds: string[] = [];
  for (const [table, records] of plan.latest) {
    const helds = records.map(({ record }): Held => {
      const h = heldBy.get(`${table}\n${record.id}`);
      if (!h) return { elsewhere: false };
      return h.unit_id === unitId ? { ownRev: h.rev, elsewhere: false } : { elsewhere: true };
    });
    const decision = decideWrites(table, records, helds);
    if ('problem' in decision) throw new Refused(decision.problem);
    merged[table] = decision.writes.length;
    if (decision.writes.length < records.length) {
      const writing = new Set(decision.writes.map((r) => r.id));
      for (const { record } of records) {
        if (writing.has(record.id)) continue;
        skipTables.push(table);
        skipIds.push(record.id);
      }
    }
  }
  const columns = '(unit_id, tbl, id, rev, seq, record)';
  // Nothing the bundle brings is held yet (a unit's new records, the usual case): they go straight into the
  // store. Another unit taking in one of these ids meanwhile breaks the unique id, and the bundle is judged again.
  if (held.rows.length === 0 && skipIds.length === 0) {
    await copyText(client, `copy merged_records ${columns} from stdin`, plan.copy);
    return merged;
  }
  await client.query('create temp table if not exists zw_staging_records (unit_id text not null, tbl text not null, id text not null, rev integer not null, seq integer not null, record text not null) on commit delete rows');
  await copyText(client, `copy zw_staging_records ${columns} from stdin`, plan.copy);
  const upsert = 'on conflict (unit_id, tbl, id) do update set rev = excluded.rev, seq = excluded.seq, record = excluded.record';
  if (skipIds.length === 0) await client.query(`insert into merged_records ${columns} select s.unit_id, s.tbl, s.id, s.rev, s.seq, s.record::json from zw_staging_records s ${upsert}`);
  else
    await client.query(
      `insert into merged_records ${columns}
       select s.unit_id, s.tbl, s.id, s.rev, s.seq, s.record::json from zw_staging_records s
       where not exists (select 1 from unnest($1::text[], $2::text[]) k (tbl, id) where k.tbl = s.tbl and k.id = s.id)
       ${upsert}`,
      [skipTables, skipIds],
    );
  return merged;
}

/** The whole text in one write: a line per write costs more than the server's work on it. */
async function copyText(client: PoolClient, sql: string, text: string): Promise<void> {
  await pipeline(Readable.from([text]), client.query(copyFrom(sql)));
}
