import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { GENESIS_HASH, sealEntry, type ChangeOp, type SealedEntry } from '../../shared/changelog/chain';
import type { RecordMeta } from '../../shared/domain/record';
import { StaleRecordError, ValidationError } from './errors';
import { can, type Permission, type Role } from '../../shared/domain/roles';
import { COMMIT_CHUNK, LOGGED_TABLES, recordKey, type LogCommit, type LoggedTable, type ZwDb } from './schema';

/**
 * The one way records are written (DESIGN.md, Storage): in a single Dexie
 * transaction the records are put and their change-log entries appended to
 * the unit's hash chain. Either all of it happens or none of it does.
 */

export interface Actor {
  unitId: string;
  /** Account id of the signed-in user; stamped on every record. */
  accountId: string;
  role: Role;
}

/**
 * What a role must be allowed to write each table. Screens hide what a role
 * may not do; this makes the rule hold for every caller of the repository.
 */
const WRITE_PERMISSION: Record<LoggedTable, Permission | readonly Permission[]> = {
  units: 'unit.edit',
  accounts: 'accounts.manage',
  devices: 'devices.edit',
  checkins: 'checkins.write',
  // The office's auditor marks the years it publishes in the policy (issue 14).
  calendars: ['calendar.edit', 'console.use'],
  schedules: 'calendar.edit',
  dutyLogs: 'duty.write',
  faults: 'faults.write',
  scans: 'ledgers.write',
  incidents: 'ledgers.write',
  inspections: 'ledgers.write',
  trainings: 'ledgers.write',
  copyFilings: 'copies.file',
  maintainers: 'ledgers.write',
  selfAssessments: 'evaluation.self',
  evaluationEntries: 'console.use',
  networkNotices: 'console.use',
  // Who may attach to a record is who may write it (mayWrite on the record's table); duty staff write faults.
  attachments: 'faults.write',
};

export function mayWrite(role: Role, table: LoggedTable): boolean {
  const allowed = WRITE_PERMISSION[table];
  return typeof allowed === 'string' ? can(role, allowed) : allowed.some((p) => can(role, p));
}

export interface Write {
  table: LoggedTable;
  op: ChangeOp;
  record: RecordMeta;
}

/** Fields that must never leave the PC, not even inside the change log. */
const REDACTED: Partial<Record<LoggedTable, readonly string[]>> = {
  accounts: ['passwordHash'],
};

/** A record as its change-log entry holds it; the integrity check compares live rows in this form. */
export function loggedForm(table: LoggedTable, record: RecordMeta): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  const hidden = REDACTED[table];
  if (!hidden) return copy;
  for (const key of hidden) if (key in copy) copy[key] = '[redacted]';
  return copy;
}

export async function chainHead(db: ZwDb, unitId: string): Promise<{ seq: number; hash: string }> {
  const last = await db.changelog.where('[unitId+seq]').between([unitId, Dexie.minKey], [unitId, Dexie.maxKey]).last();
  return last ? { seq: last.lastSeq, hash: last.lastHash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Writes `writes` and their log entries atomically. `guard` runs first inside
 * the same transaction, so a check (duplicate IP, stale revision) and the
 * write it protects cannot be separated by another write. `extraTables` are
 * tables the guard reads or writes besides the logged ones.
 */
export async function commit(
  db: ZwDb,
  actor: Actor,
  writes: () => Promise<Write[]> | Write[],
  extraTables: readonly string[] = [],
): Promise<SealedEntry[]> {
  // Only the tables this database version has (a test may open an old one).
  const present = new Set(db.tables.map((t) => t.name));
  const tables = ['changelog', ...LOGGED_TABLES, ...extraTables].filter((name) => present.has(name));
  return db.transaction('rw', tables, async () => {
    const list = await writes();
    if (list.length === 0) return [];
    if (list.some((w) => !mayWrite(actor.role, w.table))) throw new ValidationError([{ field: '', code: 'forbidden' }]);
    let { seq, hash } = await chainHead(db, actor.unitId);
    const at = Date.now();
    const sealed: SealedEntry[] = [];
    const byTable = new Map<LoggedTable, RecordMeta[]>();
    for (const write of list) {
      seq += 1;
      const entry = sealEntry({
        unitId: actor.unitId,
        seq,
        table: write.table,
        recordId: write.record.id,
        rev: write.record.rev,
        op: write.op,
        at,
        by: actor.accountId,
        record: loggedForm(write.table, write.record),
        prevHash: hash,
      });
      hash = entry.hash;
      sealed.push(entry);
      const bucket = byTable.get(write.table) ?? [];
      bucket.push(write.record);
      byTable.set(write.table, bucket);
    }
    for (const [table, records] of byTable) await db.table(table).bulkPut(records);
    const commits: LogCommit[] = [];
    for (let i = 0; i < sealed.length; i += COMMIT_CHUNK) {
      const entries = sealed.slice(i, i + COMMIT_CHUNK);
      const last = entries[entries.length - 1]!;
      commits.push({
        unitId: actor.unitId,
        seq: entries[0]!.seq,
        lastSeq: last.seq,
        lastHash: last.hash,
        recordKeys: [...new Set(entries.map((e) => recordKey(e.table, e.recordId)))],
        entries,
      });
    }
    // bulkAdd, not bulkPut: two windows racing for the same seq must fail,
    // not silently fork the chain.
    await db.changelog.bulkAdd(commits);
    return sealed;
  });
}

export function newRecord<B extends object>(actor: Actor, body: B, now = Date.now()): RecordMeta & B {
  return {
    ...body,
    unitId: actor.unitId,
    id: uuidv7(),
    rev: 1,
    createdAt: now,
    createdBy: actor.accountId,
    updatedAt: now,
    updatedBy: actor.accountId,
    retiredAt: null,
    retiredReason: null,
  };
}

export function revise<T extends RecordMeta>(previous: T, changes: Partial<T>, actor: Actor, now = Date.now()): T {
  return { ...previous, ...changes, id: previous.id, unitId: previous.unitId, rev: previous.rev + 1, updatedAt: now, updatedBy: actor.accountId };
}

/** Reads a record for change inside a transaction and checks the caller saw its latest revision. */
export async function current<T extends RecordMeta>(db: ZwDb, table: LoggedTable, id: string, expectedRev: number): Promise<T> {
  const record = (await db.table(table).get(id)) as T | undefined;
  if (!record || record.rev !== expectedRev) throw new StaleRecordError(id);
  return record;
}
