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

/** A segment among a set judged together, with what tells identical copies apart. */
export interface SetMember {
  segment: Segment;
  /** A stable name of the copy, independent of the order it came in (the file's hash, then its name). */
  key: string;
}

export interface SetAssessment extends SegmentAssessment {
  /** For a fork: the other members holding another hash at a seq this one holds. */
  forkedWith?: number[];
  /** For a duplicate of identical content: the member reported in its place. */
  sameAs?: number;
}

/**
 * Judges a set of segments as a set, so that the order they arrive in cannot
 * change any verdict. A seq the set holds with two hashes is contested, and
 * every segment that holds it (or chains on from it) is forked, all sides
 * alike. The rest are judged by ChainKnowledge in chain order: by unit, first
 * seq, longest first, then key; of identical copies the one whose key sorts
 * first is the one reported, the others are its duplicates. Returns one
 * assessment per member, in the members' order.
 */
export function judgeSegmentSet(members: readonly SetMember[]): SetAssessment[] {
  // A segment holds its seqs and the one before it. First pass: the first hash seen at each seq, and the seqs seen with another.
  const span = (s: Segment) => ({ from: s.fromSeq > 1 ? s.fromSeq - 1 : s.fromSeq, to: s.fromSeq + s.hashes.length - 1 });
  const hashAt = (s: Segment, seq: number) => (seq === s.fromSeq - 1 ? s.prevHash : s.hashes[seq - s.fromSeq]!);
  const first = new Map<string, Map<number, string>>();
  const contested = new Map<string, Map<number, Map<string, number[]>>>();
  for (const { segment: s } of members) {
    let unit = first.get(s.unitId);
    if (!unit) first.set(s.unitId, (unit = new Map()));
    const { from, to } = span(s);
    for (let seq = from; seq <= to; seq++) {
      const hash = hashAt(s, seq);
      const seen = unit.get(seq);
      if (seen === undefined) unit.set(seq, hash);
      else if (seen !== hash) {
        let c = contested.get(s.unitId);
        if (!c) contested.set(s.unitId, (c = new Map()));
        c.set(seq, new Map());
      }
    }
  }
  // Second pass, over contested seqs only: who holds which hash there.
  members.forEach(({ segment: s }, i) => {
    const c = contested.get(s.unitId);
    if (!c) return;
    const { from, to } = span(s);
    for (let seq = from; seq <= to; seq++) {
      const holders = c.get(seq);
      if (!holders) continue;
      const hash = hashAt(s, seq);
      const list = holders.get(hash);
      if (list) list.push(i);
      else holders.set(hash, [i]);
    }
  });
  const result: SetAssessment[] = members.map(() => ({ verdict: 'valid' }));
  const forked = new Set<number>();
  members.forEach(({ segment: s }, i) => {
    const c = contested.get(s.unitId);
    if (!c) return;
    const { from, to } = span(s);
    const others = new Set<number>();
    let forkAt: number | undefined;
    for (let seq = from; seq <= to; seq++) {
      const holders = c.get(seq);
      if (!holders) continue;
      forkAt ??= Math.max(seq, s.fromSeq);
      const mine = hashAt(s, seq);
      for (const [hash, list] of holders) if (hash !== mine) list.forEach((h) => others.add(h));
    }
    if (forkAt === undefined) return;
    forked.add(i);
    result[i] = { verdict: 'forked', forkAt, forkedWith: [...others].sort((x, y) => x - y) };
  });

  const order = members
    .map((m, i) => ({ ...m, i }))
    .sort((a, b) => (a.segment.unitId < b.segment.unitId ? -1 : a.segment.unitId > b.segment.unitId ? 1 : 0) || a.segment.fromSeq - b.segment.fromSeq || b.segment.hashes.length - a.segment.hashes.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.i - b.i);
  // Where the set agrees on a seq, a forked segment's knowledge of it counts; where it does not, no unforked segment reaches.
  const knowledge = new ChainKnowledge();
  const firstOfContent = new Map<string, number>();
  for (const { segment, i } of order) {
    if (!forked.has(i)) {
      // The last hash covers the whole chain up to it: same unit, start, length and last hash is the same content.
      const content = `${segment.unitId}\n${segment.fromSeq}\n${segment.hashes.length}\n${segment.hashes[segment.hashes.length - 1] ?? ''}`;
      const first = firstOfContent.get(content);
      if (first === undefined) {
        firstOfContent.set(content, i);
        result[i] = knowledge.assess(segment);
      } else result[i] = { verdict: 'duplicate', sameAs: first };
    }
    knowledge.add(segment);
  }
  return result;
}
