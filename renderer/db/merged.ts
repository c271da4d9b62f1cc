import Dexie, { type Table } from 'dexie';
import type { Checkin } from '../../shared/domain/checkin';
import type { RecordMeta } from '../../shared/domain/record';
import type { UnitProfile } from '../../shared/domain/unit';
import type { MergedTable } from '../../shared/console/records';
import type { Attachment } from '../../shared/attachments/attachment';
import { checkedFile, type CheckedFile } from './attachments';
import { MERGED_STORE, type CalendarRecord, type ScheduleRecord, type ZwDb } from './schema';

/**
 * Reads of what the office received, by (unitId, id): never the local
 * tables, which hold only this PC's own unit.
 */

export function mergedStore<R extends RecordMeta = RecordMeta>(db: ZwDb, table: MergedTable): Table<R, [string, string]> {
  return db.table(MERGED_STORE[table]);
}

/** Every received record of one unit in a table. */
export function mergedOf<R extends RecordMeta = RecordMeta>(db: ZwDb, table: MergedTable, unitId: string): Promise<R[]> {
  return mergedStore<R>(db, table).where('[unitId+id]').between([unitId, Dexie.minKey], [unitId, Dexie.maxKey]).toArray();
}

/** A unit's received check-ins with `from <= at < to`, not retired, oldest first. */
export async function mergedCheckins(db: ZwDb, unitId: string, from: number, to: number): Promise<Checkin[]> {
  const all = await mergedStore<Checkin>(db, 'checkins').where('[unitId+at]').between([unitId, from], [unitId, to], true, false).toArray();
  return all.filter((c) => c.retiredAt === null);
}

/** A unit's profile as received: its id is the unit id. */
export function mergedProfile(db: ZwDb, unitId: string): Promise<UnitProfile | undefined> {
  return mergedStore<UnitProfile>(db, 'units').get([unitId, unitId]);
}

export function mergedSchedule(db: ZwDb, unitId: string): Promise<ScheduleRecord | undefined> {
  return mergedStore<ScheduleRecord>(db, 'schedules').get([unitId, unitId]);
}

export function mergedCalendars(db: ZwDb, unitId: string): Promise<CalendarRecord[]> {
  return mergedOf<CalendarRecord>(db, 'calendars', unitId);
}

/** Every merged table's store name, for a transaction over all of them. */
export function mergedStoreNames(tables: readonly MergedTable[]): string[] {
  return tables.map((t) => MERGED_STORE[t]);
}

/** What the office can show of a received attachment: its file checked again, or why not. */
/** notOnServer: the console reads a PostgreSQL store, which keeps the bundles as received but not their files apart. */
export type ReceivedFileRead = CheckedFile | { ok: false; problem: 'notSent' | 'notOnServer' };

/**
 * A received attachment's file, found under the unit and the attachment
 * record (never by name) and checked against the SM3 the record holds each
 * time it is shown; a bundle sent before the office asked for files brought
 * the record alone.
 */
export async function readReceivedAttachment(db: ZwDb, attachment: Attachment): Promise<ReceivedFileRead> {
  const row = await db.receivedAttachmentFiles.get([attachment.unitId, attachment.id]);
  return row ? checkedFile(row.base64, attachment.sm3) : { ok: false, problem: 'notSent' };
}
