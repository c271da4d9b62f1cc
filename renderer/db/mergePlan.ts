import type { ReadResult } from '../../shared/bundle/codec';
import type { Manifest } from '../../shared/bundle/format';
import type { LoggedTable } from '../../shared/changelog/tables';
import type { RecordMeta } from '../../shared/domain/record';

/**
 * Accounts are not taken in: they carry no password, and the office's
 * sign-in must only ever see the office's own accounts.
 */
export const MERGED_TABLES: readonly LoggedTable[] = ['units', 'devices', 'checkins', 'calendars', 'schedules', 'dutyLogs', 'faults', 'scans', 'incidents', 'inspections', 'trainings', 'copyFilings', 'maintainers'];

/**
 * What a verified bundle brings: its place in the chain and the newest
 * snapshot of each record in it, by table. Small enough to hand from the
 * verifying worker to the page without the entries themselves.
 */
export interface MergePlan {
  manifest: Manifest;
  hashes: string[];
  latest: [LoggedTable, RecordMeta[]][];
  lastEntryAt: number;
}

export function mergePlan(read: Extract<ReadResult, { verdict: 'valid' }>): MergePlan {
  const { manifest, entries } = read;
  const byTable = new Map<LoggedTable, Map<string, RecordMeta>>();
  for (const { entry } of entries) {
    // The bundle's schema already held table to the logged tables.
    const table = entry.table as LoggedTable;
    if (!MERGED_TABLES.includes(table)) continue;
    let byId = byTable.get(table);
    if (!byId) byTable.set(table, (byId = new Map()));
    const record = entry.record as unknown as RecordMeta;
    if (record.id !== entry.recordId || record.unitId !== manifest.unitId || record.rev !== entry.rev) continue;
    const known = byId.get(entry.recordId);
    if (!known || known.rev < entry.rev) byId.set(entry.recordId, record);
  }
  return {
    manifest,
    hashes: entries.map((e) => e.hash),
    latest: [...byTable].map(([table, byId]) => [table, [...byId.values()]]),
    lastEntryAt: entries[entries.length - 1]!.entry.at,
  };
}

