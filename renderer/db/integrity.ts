import Dexie from 'dexie';
import { ChainVerifier, type ChainVerdict, type SealedEntry, type UnhashedEntry } from '../../shared/changelog/chain';
import { canonical } from '../../shared/changelog/canonical';
import type { RecordMeta } from '../../shared/domain/record';
import { loggedForm } from './repository';
import { LOGGED_TABLES, type LoggedTable, type ZwDb } from './schema';

/**
 * Walks the unit's whole change log from seq 1, one commit row at a time, and
 * reports the first broken link. A commit row whose summary (first and last
 * seq, last hash) disagrees with its entries is a break too. `opened` sees
 * every entry, also after a break, so the records can still be compared.
 */
async function walkUnitLog(db: ZwDb, unitId: string, opened?: (sealed: SealedEntry, entry: Partial<UnhashedEntry> | undefined) => void): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  const rows = db.changelog.where('[unitId+seq]').between([unitId, Dexie.minKey], [unitId, Dexie.maxKey]);
  await (opened ? rows : rows.until(() => !verifier.ok)).each((commit) => {
    for (const entry of commit.entries) {
      let parsed: Partial<UnhashedEntry> | undefined;
      if (verifier.ok) verifier.pushSealed(entry, (p) => (parsed = p));
      if (!opened) continue;
      if (parsed === undefined) parsed = parseBody(entry.body);
      opened(entry, parsed);
    }
    const verdict = verifier.result();
    const first = commit.entries[0];
    if (verdict.ok && (first?.seq !== commit.seq || verdict.lastSeq !== commit.lastSeq || verdict.lastHash !== commit.lastHash)) {
      verifier.fail(commit.seq, 'sequence');
    }
  });
  return verifier.result();
}

function parseBody(body: string): Partial<UnhashedEntry> | undefined {
  try {
    return JSON.parse(body) as Partial<UnhashedEntry>;
  } catch {
    return undefined;
  }
}

export async function verifyUnitChain(db: ZwDb, unitId: string): Promise<ChainVerdict> {
  return walkUnitLog(db, unitId);
}

/**
 * What a live row says against its change log:
 * - `unlogged`: the row has no entry at all (written straight into IndexedDB);
 * - `edited`: the row differs from its latest logged revision;
 * - `missing`: the log has the record, the table no longer does (records are never deleted).
 */
export type RecordProblem = 'unlogged' | 'edited' | 'missing';

export interface RecordFinding {
  table: LoggedTable;
  problem: RecordProblem;
  recordId: string;
  /** The row as stored now (unlogged, edited). */
  live?: Record<string, unknown>;
  /** The latest logged revision (edited, missing): the record as its users last saved it. */
  logged?: Record<string, unknown>;
  /** For an edited record: the fields whose stored value is not the logged one. */
  fields?: string[];
}

export interface IntegrityReport {
  chain: ChainVerdict;
  /** Live rows compared with the log. */
  records: number;
  /** How many of each problem, all of them, even past the listed ones. */
  counts: Record<RecordProblem, number>;
  /** The first FINDINGS_LISTED findings, by ledger in LOGGED_TABLES order. */
  findings: RecordFinding[];
}

/** Beyond this many, a report lists no more: the counts still say how many there are. */
export const FINDINGS_LISTED = 500;

/** Rows read per request: IndexedDB's cost is per request, memory's per row held. */
const PAGE = 2000;

/**
 * "校验数据完整性": the chain, and every live record of the logged tables
 * against its latest logged revision. The chain alone proves the log was not
 * rewritten; it says nothing of a row edited or added straight in IndexedDB
 * (by a page script, or in the LevelDB files on disk), which this finds.
 *
 * One pass over the log keeps, per record, its latest logged revision (the
 * record the chain check parsed anyway, not the entry); then each table is
 * read in pages by primary key and each row, in the form the log holds it
 * (secrets redacted), compared with it. Nothing is loaded or parsed twice.
 */
export async function checkIntegrity(db: ZwDb, unitId: string): Promise<IntegrityReport> {
  const latest = new Map<LoggedTable, Map<string, Record<string, unknown>>>(LOGGED_TABLES.map((t) => [t, new Map()]));
  const chain = await walkUnitLog(db, unitId, (sealed, entry) => {
    const byId = latest.get(sealed.table as LoggedTable);
    if (!byId || typeof entry?.record !== 'object' || entry.record === null) return;
    // The log is in seq order: a later entry of the same record is its later revision.
    byId.set(sealed.recordId, entry.record);
  });

  const counts: Record<RecordProblem, number> = { unlogged: 0, edited: 0, missing: 0 };
  const findings: RecordFinding[] = [];
  const report = (finding: RecordFinding) => {
    counts[finding.problem] += 1;
    if (findings.length < FINDINGS_LISTED) findings.push(finding);
  };
  const present = new Set(db.tables.map((t) => t.name));
  let records = 0;
  for (const table of LOGGED_TABLES) {
    if (!present.has(table)) continue;
    const byId = latest.get(table)!;
    let after: string | undefined;
    for (;;) {
      const store = db.table<RecordMeta, string>(table);
      const page = await (after === undefined ? store.orderBy(':id') : store.where(':id').above(after)).limit(PAGE).toArray();
      for (const row of page) {
        const id = String(row.id);
        const logged = byId.get(id);
        const live = loggedForm(table, row);
        if (!logged) report({ table, problem: 'unlogged', recordId: id, live });
        else {
          byId.delete(id);
          // The structural test is the fast one; canonical bytes, what was hashed, decide a difference.
          if (!sameJson(live, logged) && canonicalOrNone(live) !== canonicalOrNone(logged)) report({ table, problem: 'edited', recordId: id, live, logged, fields: changedFields(logged, live) });
        }
      }
      records += page.length;
      if (page.length < PAGE) break;
      after = String(page[page.length - 1]!.id);
    }
    // What is left was logged and is no longer stored.
    for (const [id, logged] of byId) report({ table, problem: 'missing', recordId: id, logged });
    byId.clear();
  }
  return { chain, records, counts, findings };
}

/**
 * True when a and b have the same JSON form: same keys with defined values,
 * same values. Equal here implies equal canonical bytes; unequal is checked
 * against the bytes, so a Date stored for its string cannot give a false report.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    n += 1;
    if (!Object.hasOwn(y, k) || !sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n -= 1;
  return n === 0;
}

/** A row planted by hand may hold what JSON cannot (NaN, a BigInt): it has no canonical form, and so differs from every logged one. */
function canonicalOrNone(value: unknown): string | undefined {
  try {
    return canonical(value);
  } catch {
    return undefined;
  }
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonicalOrNone(before[k] ?? null) !== canonicalOrNone(after[k] ?? null)).sort();
}
