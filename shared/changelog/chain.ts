import { sm3 } from '../crypto/sm3';
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

/** The chain's one hash rule: H(prevHash ‖ canonical bytes of the entry). */
function linkHash(prevHash: string, body: string): string {
  return sm3(prevHash + body);
}

export function hashEntry(entry: UnhashedEntry): string {
  return linkHash(entry.prevHash, canonical(entry));
}

/**
 * An entry as stored: the exact canonical bytes that were hashed, beside the
 * hash. Storing the bytes (not a re-serialisable object) means verification
 * and export read what was hashed, never a re-encoding of it.
 */
export interface SealedEntry {
  seq: number;
  table: string;
  recordId: string;
  hash: string;
  /** canonical(UnhashedEntry) */
  body: string;
}

export function sealEntry(entry: UnhashedEntry): SealedEntry {
  const body = canonical(entry);
  return { seq: entry.seq, table: entry.table, recordId: entry.recordId, hash: linkHash(entry.prevHash, body), body };
}

/** The logical entry of a sealed one. For display and export; verification uses the bytes. */
export function openEntry(sealed: SealedEntry): ChangeEntry {
  return { ...(JSON.parse(sealed.body) as UnhashedEntry), hash: sealed.hash };
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

  get ok(): boolean {
    return this.broken === undefined;
  }

  /** A logical entry (from a bundle, say): its canonical form is what was hashed. */
  push(entry: ChangeEntry): boolean {
    const { hash, ...unhashed } = entry;
    return this.check(entry.unitId, entry.seq, entry.prevHash, canonical(unhashed), hash);
  }

  /**
   * A stored entry: the hash must cover the stored bytes, and they must say what the row says.
   * `opened` receives the parsed bytes, so a caller that also reads the entries parses each once.
   */
  pushSealed(sealed: SealedEntry, opened?: (entry: Partial<UnhashedEntry>) => void): boolean {
    if (this.broken) return false;
    let parsed: Partial<UnhashedEntry>;
    try {
      parsed = JSON.parse(sealed.body) as Partial<UnhashedEntry>;
    } catch {
      return this.fail(sealed.seq, 'hash');
    }
    opened?.(parsed);
    if (parsed.seq !== sealed.seq || parsed.recordId !== sealed.recordId || parsed.table !== sealed.table) return this.fail(sealed.seq, 'hash');
    return this.check(String(parsed.unitId), sealed.seq, String(parsed.prevHash), sealed.body, sealed.hash);
  }

  /** An entry already parsed from `body`, the exact bytes that were hashed (a bundle line, say). */
  pushBody(entry: UnhashedEntry, body: string, hash: string): boolean {
    return this.check(entry.unitId, entry.seq, entry.prevHash, body, hash);
  }

  result(): ChainVerdict {
    return this.broken ?? { ok: true, count: this.count, lastSeq: this.expectedSeq - 1, lastHash: this.prevHash };
  }

  /** Marks the chain broken at `seq` for a reason found outside the entries (a storage summary that disagrees). */
  fail(seq: number, problem: ChainBreak): false {
    this.broken ??= { ok: false, count: this.count, seq, problem };
    return false;
  }

  private check(unitId: string, seq: number, prevHash: string, body: string, hash: string): boolean {
    if (this.broken) return false;
    this.unitId ??= unitId;
    if (unitId !== this.unitId) return this.fail(seq, 'unit');
    if (seq !== this.expectedSeq) return this.fail(this.expectedSeq, 'sequence');
    if (prevHash !== this.prevHash) return this.fail(seq, 'link');
    if (linkHash(prevHash, body) !== hash) return this.fail(seq, 'hash');
    this.prevHash = hash;
    this.expectedSeq += 1;
    this.count += 1;
    return true;
  }
}

export function verifyChain(entries: Iterable<ChangeEntry>, start?: { seq: number; hash: string }): ChainVerdict {
  const verifier = new ChainVerifier(start);
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.result();
}
