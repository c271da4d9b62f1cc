import type { ReadResult } from '../bundle/codec';
import type { Manifest } from '../bundle/format';
import { refusedEntryText, type Verdict } from '../bundle/verdicts';
import type { LoggedTable } from '../changelog/tables';
import { latestRecords, type Identity, type Latest, type RecordProblem } from './merge';

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

/** What taking in one bundle came to, in either store. */
export interface ImportOutcome {
  fileName: string;
  verdict: Verdict;
  detail: string;
  manifest?: Manifest;
  /** Records written or updated, per table. */
  merged?: Partial<Record<LoggedTable, number>>;
  missing?: { from: number; to: number };
  forkAt?: number;
  /** The entry that refused the bundle ('foreignRecord', 'invalidRecord'). */
  refused?: RecordProblem;
  /** Who the bundle's key was enrolled for: the name it is shown under. */
  identity?: Identity;
  /** What the manifest printed instead of the enrolled name or code. */
  claimed?: Identity | null;
  /** Files received earlier with a gap before them that this one closed. */
  completed?: string[];
}

/** A bundle refused for one of its records: nothing of it is taken in. */
export function refusal(fileName: string, manifest: Manifest, problem: RecordProblem): ImportOutcome {
  return { fileName, manifest, verdict: problem.kind === 'otherUnit' ? 'foreignRecord' : 'invalidRecord', detail: refusedEntryText(problem, 'zh'), refused: problem };
}
