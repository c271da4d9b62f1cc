import type { RecordMeta } from '../domain/record';
import { checkRecord, isMergedTable, type MergedTable } from './records';

/**
 * The office's merge rules over plain data, for any store (the console's
 * IndexedDB today, PostgreSQL later): a store reads what the rules ask for
 * and writes what they decide.
 *
 * Records are keyed by (unitId, id). A bundle may only bring records of the
 * unit whose key signed it, each valid under its table's schema; an id that
 * some other unit already holds is refused rather than shared, so that no
 * bundle can make another unit's record ambiguous.
 */

export interface IncomingEntry {
  seq: number;
  table: string;
  recordId: string;
  rev: number;
  record: unknown;
}

export interface MergeRecord {
  seq: number;
  record: RecordMeta;
}

/** Why a bundle's records are refused: the table, the entry and the field. */
export interface RecordProblem {
  kind: 'invalid' | 'otherUnit';
  table: MergedTable;
  seq: number;
  recordId: string;
  field: string;
}

export type Latest = [MergedTable, MergeRecord[]][];

/**
 * The newest snapshot of each record a bundle brings, by table, each checked
 * against its schema and against the unit that signed the bundle; or the
 * first entry that is refused.
 */
export function latestRecords(unitId: string, entries: Iterable<IncomingEntry>): { latest: Latest } | { problem: RecordProblem } {
  const byTable = new Map<MergedTable, Map<string, IncomingEntry>>();
  for (const e of entries) {
    if (!isMergedTable(e.table)) continue;
    const r = e.record as Partial<RecordMeta> | null;
    const problem = (kind: RecordProblem['kind'], field: string): { problem: RecordProblem } => ({ problem: { kind, table: e.table as MergedTable, seq: e.seq, recordId: e.recordId, field } });
    if (typeof r !== 'object' || r === null) return problem('invalid', '');
    if (r.unitId !== unitId) return problem('otherUnit', 'unitId');
    if (r.id !== e.recordId) return problem('invalid', 'id');
    if (r.rev !== e.rev) return problem('invalid', 'rev');
    let byId = byTable.get(e.table);
    if (!byId) byTable.set(e.table, (byId = new Map()));
    const known = byId.get(e.recordId);
    if (!known || known.rev < e.rev) byId.set(e.recordId, e);
  }
  const latest: Latest = [];
  for (const [table, byId] of byTable) {
    const records: MergeRecord[] = [];
    for (const e of byId.values()) {
      const checked = checkRecord(table, e.record);
      if (!checked.ok) return { problem: { kind: 'invalid', table, seq: e.seq, recordId: e.recordId, field: checked.field } };
      records.push({ seq: e.seq, record: checked.record });
    }
    latest.push([table, records]);
  }
  return { latest };
}

/** What the store holds under a record's id, for any unit. */
/** What the office already holds under one incoming record's id. */
export interface Held {
  /** The rev of this unit's own copy, if it has one. */
  ownRev?: number;
  /** Another unit (or the office itself) holds the id. */
  elsewhere: boolean;
}

/**
 * Given what the store holds under each incoming id (`held[i]` for
 * `records[i]`), the records to write: new ones and newer revisions of this
 * unit's own. An id held by another unit refuses the whole bundle.
 */
export function decideWrites<R extends Pick<RecordMeta, 'id' | 'rev'>>(table: MergedTable, records: readonly { seq: number; record: R }[], held: readonly Held[]): { writes: R[] } | { problem: RecordProblem } {
  const writes: R[] = [];
  for (let i = 0; i < records.length; i++) {
    const { seq, record } = records[i]!;
    const h = held[i] ?? { elsewhere: false };
    if (h.elsewhere) return { problem: { kind: 'otherUnit', table, seq, recordId: record.id, field: 'id' } };
    if (h.ownRev === undefined || h.ownRev < record.rev) writes.push(record);
  }
  return { writes };
}

export type SeqRange = readonly [from: number, to: number];

/** Seq ranges not received between 1 and the highest seq received. */
export function gapsOf(ranges: readonly SeqRange[]): { from: number; to: number }[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const gaps: { from: number; to: number }[] = [];
  let next = 1;
  for (const [from, to] of sorted) {
    if (from > next) gaps.push({ from: next, to: from - 1 });
    next = Math.max(next, to + 1);
  }
  return gaps;
}

/** The highest seq up to which every entry from 1 on has been received. */
export function completeThrough(ranges: readonly SeqRange[]): number {
  const gaps = gapsOf(ranges);
  if (gaps.length > 0) return gaps[0]!.from - 1;
  return ranges.reduce((max, r) => Math.max(max, r[1]), 0);
}

/** A received bundle's standing: complete once everything before it has arrived. */
export function standingOf(fromSeq: number, ranges: readonly SeqRange[]): 'valid' | 'gapBefore' {
  return completeThrough(ranges) >= fromSeq - 1 ? 'valid' : 'gapBefore';
}

/** The entries missing right before a segment that arrived with a gap: from after the latest earlier segment (by first seq) up to it. */
export function missingBefore(fromSeq: number, before: { toSeq: number } | undefined): { from: number; to: number } {
  return { from: before ? before.toSeq + 1 : 1, to: fromSeq - 1 };
}

/** Of a unit's received segments, those flagged with a gap before them that are complete now. */
export function nowComplete<B extends { fromSeq: number; toSeq: number; verdict: 'valid' | 'gapBefore' }>(ofUnit: readonly B[]): B[] {
  if (!ofUnit.some((b) => b.verdict === 'gapBefore')) return [];
  const ranges = ofUnit.map((b) => [b.fromSeq, b.toSeq] as const);
  return ofUnit.filter((b) => b.verdict === 'gapBefore' && standingOf(b.fromSeq, ranges) === 'valid');
}

export interface Identity {
  unitName: string;
  unitCode: string;
}

/**
 * A unit is who the office enrolled, whatever its bundles print. Returns what
 * a bundle claims when it differs from the enrolled identity, else null.
 */
export function claimedIdentity(enrolled: Identity, manifest: Identity): Identity | null {
  return enrolled.unitName === manifest.unitName && enrolled.unitCode === manifest.unitCode ? null : { unitName: manifest.unitName, unitCode: manifest.unitCode };
}

export const DAY_MS = 86_400_000;
export const DEFAULT_SILENT_DAYS = 31;

/** A unit the office has had no bundle from for longer than `days` (a unit with none at all is not reporting either). */
export function notReporting(lastReceivedAt: number | null, now: number, days: number = DEFAULT_SILENT_DAYS): boolean {
  return lastReceivedAt === null || now - lastReceivedAt > days * DAY_MS;
}
