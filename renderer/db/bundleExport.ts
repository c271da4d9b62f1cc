import Dexie from 'dexie';
import { GENESIS_HASH, type SealedEntry } from '../../shared/changelog/chain';
import type { LoggedTable } from '../../shared/changelog/tables';
import type { Manifest } from '../../shared/bundle/format';
import { isoDay } from '../../shared/calendar/calendar';
import { entriesWithinCap } from '../../shared/bundle/attachedFiles';
import { checkedFile } from './attachments';
import { chainHead, type Actor } from './repository';
import { createLedgerRecords } from './ledgers';
import type { ZwDb } from './schema';

/**
 * What an export bundle will hold (DESIGN.md, Export bundles): a segment of
 * the unit's own change log, by default everything since the last export,
 * or the whole history.
 */

export type ExportScope = 'sinceLast' | 'full';

export interface LastExport {
  toSeq: number;
  at: number;
  fileName: string;
  fileHash: string;
}

export interface ExportPlan {
  fromSeq: number;
  toSeq: number;
  prevHash: string;
  entries: SealedEntry[];
  counts: Partial<Record<LoggedTable, number>>;
  firstAt: number;
  lastAt: number;
  /**
   * The segment holds nothing but the copy filings that earlier exports made of
   * themselves: no one changed anything since. It still goes with the next
   * export (the chain has no gaps), but it is not news to the user.
   */
  onlyExportFilings: boolean;
  /**
   * When the office's policy asks for attachment files: the files the
   * entries name, by SM3 with their sizes. Null when it does not ask.
   */
  files: Map<string, number> | null;
  /** The files' cap per bundle stopped this segment short of the newest entry: export again for the rest. */
  cutForFiles: boolean;
}

const lastExportKey = (unitId: string) => `lastBundleExport/${unitId}`;

export async function lastExport(db: ZwDb, unitId: string): Promise<LastExport | null> {
  const row = await db.meta.get(lastExportKey(unitId));
  const v = row?.value as Partial<LastExport> | undefined;
  return v && typeof v.toSeq === 'number' && typeof v.at === 'number' ? { toSeq: v.toSeq, at: v.at, fileName: String(v.fileName ?? ''), fileHash: String(v.fileHash ?? '') } : null;
}

const atOf = (e: SealedEntry) => (JSON.parse(e.body) as { at: number }).at;

/** An entry that is an export's own automatic copy filing (第二十条), as recordExport writes it. */
export function isExportFiling(e: SealedEntry): boolean {
  if (e.table !== 'copyFilings') return false;
  const { op, record } = JSON.parse(e.body) as { op: string; record: { automatic?: unknown; content?: unknown } };
  return op === 'create' && record.automatic === true && record.content === 'data';
}

/** The entries to export, read in one transaction; null when there is nothing new. */
export async function planExport(db: ZwDb, unitId: string, scope: ExportScope, options: { attachments?: boolean } = {}): Promise<ExportPlan | null> {
  return db.transaction('r', [db.changelog, db.meta], async () => {
    const head = await chainHead(db, unitId);
    const last = scope === 'sinceLast' ? await lastExport(db, unitId) : null;
    const fromSeq = last ? last.toSeq + 1 : 1;
    if (head.seq < fromSeq) return null;
    // Start at the commit holding the entry before fromSeq, for the hash the segment continues from.
    const anchor = Math.max(1, fromSeq - 1);
    const first = await db.changelog.where('[unitId+seq]').between([unitId, Dexie.minKey], [unitId, anchor], true, true).last();
    const commits = await db.changelog.where('[unitId+seq]').between([unitId, first?.seq ?? 1], [unitId, Dexie.maxKey], true, true).toArray();
    const all = commits.flatMap((c) => c.entries);
    const start = all.findIndex((e) => e.seq === fromSeq);
    if (start < 0) throw new Error(`change log has no entry ${fromSeq}`);
    const pending = all.slice(start);
    const within = options.attachments ? entriesWithinCap(pending) : null;
    const entries = within ? pending.slice(0, within.take) : pending;
    const prevHash = fromSeq === 1 ? GENESIS_HASH : all[start - 1]!.hash;
    const counts: Partial<Record<LoggedTable, number>> = {};
    for (const e of entries) counts[e.table as LoggedTable] = (counts[e.table as LoggedTable] ?? 0) + 1;
    return {
      fromSeq,
      toSeq: entries[entries.length - 1]!.seq,
      prevHash,
      entries,
      counts,
      firstAt: atOf(entries[0]!),
      lastAt: atOf(entries[entries.length - 1]!),
      onlyExportFilings: scope === 'sinceLast' && last !== null && entries.every(isExportFiling),
      files: within?.files ?? null,
      cutForFiles: entries.length < pending.length,
    };
  });
}

/**
 * The bytes of the files an export carries, each checked against its SM3
 * (the hash the change log holds) as it is read; the first that is missing
 * or changed on this PC stops the export, named by its attachment.
 */
export async function exportFiles(db: ZwDb, files: ReadonlyMap<string, number>): Promise<{ ok: true; files: Map<string, Uint8Array> } | { ok: false; fileName: string }> {
  const rows = await db.attachmentFiles.bulkGet([...files.keys()]);
  const out = new Map<string, Uint8Array>();
  for (const [i, sm3] of [...files.keys()].entries()) {
    const file = checkedFile(rows[i]?.base64, sm3);
    if (!file.ok) {
      const owner = await db.attachments.filter((a) => a.sm3 === sm3).first();
      return { ok: false, fileName: owner?.fileName ?? sm3.slice(0, 8) };
    }
    out.set(sm3, file.bytes);
  }
  return { ok: true, files: out };
}

/**
 * After the file is written: the copy filing (第二十条) with its name, hash and
 * who exported it, and the mark of the last export, in one transaction.
 */
export async function recordExport(db: ZwDb, actor: Actor, exported: { manifest: Manifest; fileName: string; fileHash: string; exportedBy: string; description: string; purpose: string }): Promise<void> {
  const mark: LastExport = { toSeq: exported.manifest.toSeq, at: Date.now(), fileName: exported.fileName, fileHash: exported.fileHash };
  await createLedgerRecords(
    db,
    actor,
    'copyFilings',
    [{ copiedOn: isoDay(new Date()), content: 'data', description: exported.description, purpose: exported.purpose, copiedBy: exported.exportedBy, approvalRef: '', automatic: true }],
    { tables: ['meta'], run: () => db.meta.put({ key: lastExportKey(actor.unitId), value: mark }).then(() => undefined) },
  );
}
