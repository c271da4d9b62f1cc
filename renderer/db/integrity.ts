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
async function walkUnitLog(db: ZwDb, unitId: string, opened?: (sealed: SealedEntry, entry: Partial<UnhashedEntry> | undefined, hashed: boolean) => void): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  const rows = db.changelog.where('[unitId+seq]').between([unitId, Dexie.minKey], [unitId, Dexie.maxKey]);
  await (opened ? rows : rows.until(() => !verifier.ok)).each((commit) => {
    for (const entry of commit.entries) {
      let parsed: Partial<UnhashedEntry> | undefined;
      const hashed = verifier.ok && verifier.pushSealed(entry, (p) => (parsed = p));
      if (!opened) continue;
      if (parsed === undefined) parsed = parseBody(entry.body);
      opened(entry, parsed, hashed);
    }
    const verdict = verifier.result();
    const first = commit.entries[0];
    if (verdict.ok && (first?.seq !== commit.seq || verdict.lastSeq !== commit.lastSeq || verdict.lastHash !== commit.lastHash)) {
      verifier.fail(commit.seq, 'sequence');
    }
  });
  return verifier.result();
}

/**
 * The canonical text of an entry's record, cut from the entry's own bytes
 * rather than serialised again (half the check's cost at 50,000 devices).
 * Only for bytes whose hash held, so they are canonical: keys sorted, the
 * fields before `record` (at, by, op, prevHash) and after it (recordId, rev,
 * seq, table, unitId) plain strings and numbers, and a quote inside a string
 * always escaped — so the first `"record":` and the last `,"recordId":` are
 * the entry's own.
 */
export function recordText(body: string): string | undefined {
  const start = body.indexOf('"record":');
  const end = body.lastIndexOf(',"recordId":');
  return start < 0 || end < start ? undefined : body.slice(start + '"record":'.length, end);
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
 * One pass over the log keeps, per record, the canonical text of its latest
 * revision (not the entry); then each table is read in pages by primary key
 * and each row, in the form the log holds it (secrets redacted), compared
 * with that text. Nothing is loaded twice.
 */
export async function checkIntegrity(db: ZwDb, unitId: string): Promise<IntegrityReport> {
  const latest = new Map<LoggedTable, Map<string, { rev: number; text: string }>>(LOGGED_TABLES.map((t) => [t, new Map()]));
  const chain = await walkUnitLog(db, unitId, (sealed, entry, hashed) => {
    const byId = latest.get(sealed.table as LoggedTable);
    if (!byId || !entry?.record || typeof entry.rev !== 'number') return;
    // The log is in seq order: a later entry of the same record is its later revision.
    byId.set(sealed.recordId, { rev: entry.rev, text: (hashed && recordText(sealed.body)) || canonical(entry.record) });
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
          if (canonical(live) !== logged.text) {
            const before = JSON.parse(logged.text) as Record<string, unknown>;
            report({ table, problem: 'edited', recordId: id, live, logged: before, fields: changedFields(before, live) });
          }
        }
      }
      records += page.length;
      if (page.length < PAGE) break;
      after = String(page[page.length - 1]!.id);
    }
    // What is left was logged and is no longer stored.
    for (const [id, logged] of byId) report({ table, problem: 'missing', recordId: id, logged: JSON.parse(logged.text) as Record<string, unknown> });
    byId.clear();
  }
  return { chain, records, counts, findings };
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonical(before[k] ?? null) !== canonical(after[k] ?? null)).sort();
}
