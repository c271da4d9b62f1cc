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
  /**
   * The attachment files the bundle carried, by SM3, each already judged
   * against its signed entry (shared/bundle/attachedFiles.ts). A store keeps
   * them under the attachment records that name them, never under the name.
   */
  files: [sm3: string, bytes: Uint8Array][];
  /** Set when an entry is refused: nothing of the bundle is taken in. */
  problem?: RecordProblem;
}

export function mergePlan(read: Extract<ReadResult, { verdict: 'valid' }>): MergePlan {
  const { manifest, entries } = read;
  const plan = { manifest, hashes: entries.map((e) => e.hash), lastEntryAt: entries[entries.length - 1]!.entry.at, files: [...read.files] };
  const result = latestRecords(manifest.unitId, entries.map((e) => e.entry));
  return 'problem' in result ? { ...plan, latest: [], problem: result.problem } : { ...plan, latest: result.latest };
}

/**
 * The carried files as a store keeps them: under the unit and the id of each
 * attachment record that names one (the record the signed entry holds), so a
 * file is only ever found through its record, never by what it says of itself.
 */
export function attachedFileRows(plan: Pick<MergePlan, 'manifest' | 'latest' | 'files'>): { unitId: string; id: string; sm3: string; bytes: Uint8Array }[] {
  if (plan.files.length === 0) return [];
  const bytesOf = new Map(plan.files);
  const records = plan.latest.find(([table]) => table === 'attachments')?.[1] ?? [];
  return records.flatMap(({ record }) => {
    const sm3 = (record as unknown as { sm3: string }).sm3;
    const bytes = bytesOf.get(sm3);
    return bytes ? [{ unitId: plan.manifest.unitId, id: record.id, sm3, bytes }] : [];
  });
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
