import type { ReadResult } from '../bundle/codec';
import type { Manifest } from '../bundle/format';
import { latestRecords, type Latest, type RecordProblem } from './merge';

/**
 * What a verified bundle brings: its place in the chain and the newest
 * snapshot of each record in it, by table, each already checked against its
 * schema and its unit (merge.ts) — or the entry that refuses
 * it. Small enough to hand from the verifying worker to the page without the
 * entries themselves; the PostgreSQL store takes in the same plan.
 */
export interface MergePlan {
  manifest: Manifest;
  hashes: string[];
  latest: Latest;
  lastEntryAt: number;
  /** Set when an entry is refused: nothing of the bundle is taken in. */
  problem?: RecordProblem;
}

export function mergePlan(read: Extract<ReadResult, { verdict: 'valid' }>): MergePlan {
  const { manifest, entries } = read;
  const plan = { manifest, hashes: entries.map((e) => e.hash), lastEntryAt: entries[entries.length - 1]!.entry.at };
  const result = latestRecords(manifest.unitId, entries.map((e) => e.entry));
  return 'problem' in result ? { ...plan, latest: [], problem: result.problem } : { ...plan, latest: result.latest };
}
