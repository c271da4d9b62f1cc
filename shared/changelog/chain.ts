import { sm3 } from 'sm-crypto-v2';
import { canonical } from './canonical';

/**
 * The append-only, hash-chained change log (DESIGN.md, Storage; 第三十五条).
 * Each entry's hash covers the previous hash and the canonical form of the
 * entry, so editing, deleting or reordering any entry breaks every link after
 * it. SM3 because the default crypto suite is sm2-sm3 (DESIGN.md, Export
 * bundles): one hash function for chain and signatures.
 */

export const CHANGE_OPS = ['create', 'update', 'retire', 'migrate'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

export interface ChangeEntry {
  unitId: string;
  seq: number;
  table: string;
  recordId: string;
  rev: number;
  op: ChangeOp;
  at: number;
  by: string;
  record: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type UnhashedEntry = Omit<ChangeEntry, 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

export function hashEntry(entry: UnhashedEntry): string {
  return sm3(entry.prevHash + canonical(entry));
}

export type ChainBreak = 'hash' | 'link' | 'sequence' | 'unit';

export type ChainVerdict =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | { ok: false; count: number; seq: number; problem: ChainBreak };

/**
 * Checks entries one at a time, in ascending seq, so a caller can stream a
 * long log from storage without holding it in memory. `start` lets a caller
 * verify a segment that does not begin at seq 1.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  private count = 0;
  private unitId: string | undefined;
  private broken: ChainVerdict | undefined;

  constructor(start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = start.seq + 1;
    this.prevHash = start.hash;
  }

  /** Returns false once the chain is broken; later entries are ignored. */
  push(entry: ChangeEntry): boolean {
    if (this.broken) return false;
    this.unitId ??= entry.unitId;
    const fail = (seq: number, problem: ChainBreak) => {
      this.broken = { ok: false, count: this.count, seq, problem };
      return false;
    };
    if (entry.unitId !== this.unitId) return fail(entry.seq, 'unit');
    if (entry.seq !== this.expectedSeq) return fail(this.expectedSeq, 'sequence');
    if (entry.prevHash !== this.prevHash) return fail(entry.seq, 'link');
    const { hash, ...unhashed } = entry;
    if (hashEntry(unhashed) !== hash) return fail(entry.seq, 'hash');
    this.prevHash = hash;
    this.expectedSeq += 1;
    this.count += 1;
    return true;
  }

  result(): ChainVerdict {
    return this.broken ?? { ok: true, count: this.count, lastSeq: this.expectedSeq - 1, lastHash: this.prevHash };
  }
}

export function verifyChain(entries: Iterable<ChangeEntry>, start?: { seq: number; hash: string }): ChainVerdict {
  const verifier = new ChainVerifier(start);
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.result();
}
