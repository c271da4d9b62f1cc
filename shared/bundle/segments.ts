import { GENESIS_HASH } from '../changelog/chain';
import type { Verdict } from './verdicts';

/** A verified segment of a unit's chain: its range and the hash at every seq, and before the first. */
export interface Segment {
  unitId: string;
  fromSeq: number;
  prevHash: string;
  hashes: readonly string[];
}

export type SegmentVerdict = Extract<Verdict, 'valid' | 'duplicate' | 'gapBefore' | 'forked'>;

export interface SegmentAssessment {
  verdict: SegmentVerdict;
  /** For a gap: the seqs missing right before the segment. */
  missing?: { from: number; to: number };
  /** For a fork: the first seq whose hash differs from the one already known. */
  forkAt?: number;
}

/**
 * What is known of each unit's chain from the segments taken in so far: the
 * hash at each seq. A new segment is a duplicate when every seq of it is
 * known with the same hash, forked when any seq (or the one before it) is
 * known with another hash, and leaves a gap when the seq right before it is
 * not known yet. Assessing never changes what is known; `add` does.
 */
export class ChainKnowledge {
  private readonly units = new Map<string, Map<number, string>>();

  assess(segment: Segment): SegmentAssessment {
    const known = this.units.get(segment.unitId) ?? new Map<number, string>();
    const before = segment.fromSeq - 1;
    const prevKnown = before === 0 ? GENESIS_HASH : known.get(before);
    if (prevKnown !== undefined && prevKnown !== segment.prevHash) return { verdict: 'forked', forkAt: segment.fromSeq };
    let all = true;
    for (let i = 0; i < segment.hashes.length; i++) {
      const have = known.get(segment.fromSeq + i);
      if (have === undefined) all = false;
      else if (have !== segment.hashes[i]) return { verdict: 'forked', forkAt: segment.fromSeq + i };
    }
    if (all) return { verdict: 'duplicate' };
    if (prevKnown === undefined) {
      let from = before;
      while (from > 1 && !known.has(from - 1)) from -= 1;
      return { verdict: 'gapBefore', missing: { from, to: before } };
    }
    return { verdict: 'valid' };
  }

  add(segment: Segment): void {
    let known = this.units.get(segment.unitId);
    if (!known) this.units.set(segment.unitId, (known = new Map()));
    if (segment.fromSeq > 1) known.set(segment.fromSeq - 1, segment.prevHash);
    segment.hashes.forEach((h, i) => known.set(segment.fromSeq + i, h));
  }
}
