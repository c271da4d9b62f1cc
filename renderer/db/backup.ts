import { z } from 'zod';
import { sm3Bytes, toHex, utf8 } from '../../shared/crypto/sm3';
import { verifyUnitChain } from './integrity';
import type { ZwDb } from './schema';

/**
 * A backup is one file holding the whole database — every table, the change
 * log included — so restoring it on a fresh install gives the same database.
 * Layout: gzip of a header line (JSON) and the tables (JSON); the header
 * carries the SM3 of the tables' exact bytes and the row count of each
 * table, so a damaged or truncated file is refused before anything is
 * touched. Restoring is one transaction: all of it, verified, or nothing.
 */

export const BACKUP_FORMAT = 'zwledger-backup';
export const BACKUP_VERSION = 1;

const header = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: z.number().int().positive(),
    createdBy: z.string().max(60),
    appVersion: z.string().max(40),
    dbVersion: z.number().int().positive(),
    unit: z.object({ id: z.string().max(64), name: z.string().max(120), code: z.string().max(40) }).strict().nullable(),
    counts: z.record(z.string().max(40), z.number().int().min(0)),
    sm3: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type BackupHeader = z.output<typeof header>;

const tablesSchema = z.record(z.string().max(40), z.array(z.record(z.string(), z.unknown())).max(5_000_000));

export class BackupError extends Error {
  constructor(readonly code: 'format' | 'damaged' | 'newer' | 'tables' | 'integrity' | 'counts') {
    super(`backup ${code}`);
    this.name = 'BackupError';
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function createBackup(db: ZwDb, meta: { createdBy: string; appVersion: string }): Promise<{ bytes: Uint8Array; header: BackupHeader }> {
  const tables: Record<string, unknown[]> = {};
  // One read transaction: the backup is a single moment of the database.
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = await table.toArray();
  });
  const body = utf8(JSON.stringify(tables));
  // This PC's own unit (the office's console also holds the units it imported).
  const localId = (tables.meta as { key: string; value: unknown }[] | undefined)?.find((m) => m.key === 'unitId')?.value;
  const unitRow = ((tables.units ?? []) as { id: string; name: string; code: string }[]).find((u) => u.id === localId) ?? null;
  const head: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: Date.now(),
    createdBy: meta.createdBy,
    appVersion: meta.appVersion,
    dbVersion: db.verno,
    unit: unitRow ? { id: unitRow.id, name: unitRow.name, code: unitRow.code } : null,
    counts: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])),
    sm3: toHex(sm3Bytes(body)),
  };
  const headBytes = utf8(`${JSON.stringify(head)}\n`);
  const whole = new Uint8Array(headBytes.length + body.length);
  whole.set(headBytes, 0);
  whole.set(body, headBytes.length);
  return { bytes: await pipe(whole, new CompressionStream('gzip')), header: head };
}

export interface OpenedBackup {
  header: BackupHeader;
  tables: Record<string, Record<string, unknown>[]>;
}

/** Reads and checks a backup file without touching the database. */
export async function openBackup(file: Uint8Array, db: ZwDb): Promise<OpenedBackup> {
  let raw: Uint8Array;
  try {
    raw = await pipe(file, new DecompressionStream('gzip'));
  } catch {
    throw new BackupError('format');
  }
  const newline = raw.indexOf(10);
  if (newline < 0) throw new BackupError('format');
  let head: BackupHeader;
  try {
    head = header.parse(JSON.parse(new TextDecoder().decode(raw.subarray(0, newline))));
  } catch {
    throw new BackupError('format');
  }
  if (head.dbVersion > db.verno) throw new BackupError('newer');
  const body = raw.subarray(newline + 1);
  if (toHex(sm3Bytes(body)) !== head.sm3) throw new BackupError('damaged');
  const parsed = tablesSchema.safeParse(JSON.parse(new TextDecoder().decode(body)));
  if (!parsed.success) throw new BackupError('tables');
  const known = new Set(db.tables.map((t) => t.name));
  for (const [name, rows] of Object.entries(parsed.data)) {
    if (!known.has(name) || head.counts[name] !== rows.length) throw new BackupError('tables');
  }
  return { header: head, tables: parsed.data };
}

/**
 * Replaces the whole database with the backup's content in one transaction,
 * then checks — inside it — that every unit's hash chain verifies and every
 * count matches; otherwise nothing changes.
 */
export async function restoreBackup(db: ZwDb, backup: OpenedBackup): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      await table.clear();
      const rows = backup.tables[table.name] ?? [];
      if (rows.length > 0) await table.bulkAdd(rows);
      counts[table.name] = await table.count();
      if (counts[table.name] !== (backup.header.counts[table.name] ?? 0)) throw new BackupError('counts');
    }
    const units = (backup.tables.units ?? []) as { id: string }[];
    for (const unit of units) {
      if (!(await verifyUnitChain(db, unit.id)).ok) throw new BackupError('integrity');
    }
  });
  return counts;
}
