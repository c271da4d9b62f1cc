import { z } from 'zod';
import { gapsOf } from '../console/merge';

/**
 * Checkpoints back to units (DESIGN.md, Sealed bundles): in every policy the
 * office signs, what it holds of each unit's chain — the highest seq received,
 * the chain hash there, and the holes below it. Because each hash covers
 * everything before it, a unit that finds the same hash at the same seq in its
 * own log knows the office holds exactly its history up to there. The one rule
 * that compares a checkpoint to a chain is here, for the unit's screen and its
 * printed receipt alike.
 */

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const seqRange = z.object({ from: z.number().int().min(1), to: z.number().int().min(1) }).strict();

export const checkpointSchema = z
  .object({
    unitId: z.string().min(1).max(64),
    /** The highest seq the office holds; its hash covers the whole chain up to it. */
    seq: z.number().int().min(1),
    hash,
    /** Seqs below `seq` the office has not received, at most the first 20 holes. */
    missing: z.array(seqRange).max(20),
    /** When the office last took in a bundle of this unit. */
    receivedAt: z.number().int().positive(),
  })
  .strict()
  .refine((c) => c.missing.every((m) => m.from <= m.to && m.to < c.seq), { message: 'missing' });

export type Checkpoint = z.infer<typeof checkpointSchema>;

export const MAX_MISSING = 20;

/** A received segment as the office keeps it: its range, the hash at its last seq, and when it came. */
export interface HeldSegment {
  unitId: string;
  fromSeq: number;
  toSeq: number;
  lastHash: string;
  receivedAt: number;
}

/** The office's checkpoint of each unit it holds anything of, by unit id. */
export function checkpointsOf(held: Iterable<HeldSegment>): Checkpoint[] {
  const byUnit = new Map<string, HeldSegment[]>();
  for (const s of held) {
    const list = byUnit.get(s.unitId);
    if (list) list.push(s);
    else byUnit.set(s.unitId, [s]);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unitId, list]) => {
      const top = list.reduce((a, b) => (b.toSeq > a.toSeq ? b : a));
      return {
        unitId,
        seq: top.toSeq,
        hash: top.lastHash,
        missing: gapsOf(list.map((s) => [s.fromSeq, s.toSeq] as [number, number])).slice(0, MAX_MISSING),
        receivedAt: Math.max(...list.map((s) => s.receivedAt)),
      };
    });
}

/** What a unit knows of its own chain at the checkpoint's seq. */
export interface OwnChain {
  head: { seq: number; hash: string };
  /** The unit's hash at the checkpoint's seq; null when its log does not reach that far. */
  hashAtSeq: string | null;
  /** Entries after the checkpoint's seq that are news (not only the export's own copy filings). */
  newer: number;
}

export const CHECKPOINT_VERDICTS = ['agree', 'behind', 'nothing', 'mismatch', 'beyond'] as const;
export type CheckpointVerdict = (typeof CHECKPOINT_VERDICTS)[number];

/** The verdicts to show loudly: the office holds a history this unit did not write. */
export const ALARMING: ReadonlySet<CheckpointVerdict> = new Set(['mismatch', 'beyond']);

/**
 * Compares the office's checkpoint with the unit's own chain. `nothing`: the
 * policy carries no checkpoint for this unit (the office has received none of
 * its bundles). `beyond`: the office claims seqs past the unit's head.
 * `mismatch`: another hash at the same seq. `behind`: same hash, and the unit
 * has written more since (normal: not exported yet). `agree`: same hash, and
 * nothing new since but the exports' own filings.
 */
export function judgeCheckpoint(checkpoint: Checkpoint | null, own: OwnChain): CheckpointVerdict {
  if (!checkpoint) return 'nothing';
  if (checkpoint.seq > own.head.seq || own.hashAtSeq === null) return 'beyond';
  if (own.hashAtSeq !== checkpoint.hash) return 'mismatch';
  return own.newer > 0 ? 'behind' : 'agree';
}
