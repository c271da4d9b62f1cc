import { openEntry, type ChangeEntry } from '../../shared/changelog/chain';
import { recordKey, type ZwDb } from './schema';

/** Every change-log entry of one record, oldest first. */
export async function recordHistory(db: ZwDb, table: string, recordId: string): Promise<ChangeEntry[]> {
  const commits = await db.changelog.where('recordKeys').equals(recordKey(table, recordId)).toArray();
  return commits
    .flatMap((c) => c.entries.filter((e) => e.recordId === recordId && e.table === table))
    .sort((a, b) => a.seq - b.seq)
    .map(openEntry);
}
