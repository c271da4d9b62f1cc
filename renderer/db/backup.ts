import Dexie, { type IndexableType, type Table } from 'dexie';
import { z } from 'zod';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupManifest,
  FOOTER_BYTES,
  frameHeader,
  MAGIC,
  MAX_FRAME_BYTES,
  readFooter,
  type BackupDraft,
  type BackupManifest,
} from '../../shared/backup/format';
import { Sm3Stream, utf8 } from '../../shared/crypto/sm3';
import { isPassSealed, PASS_HEAD_LIMIT, PASS_MAGIC, readPassHeader, SealedBackupDamage, SealedBackupReader } from '../../shared/backup/passSeal';
import { fromHex } from '../../shared/bundle/suites';
import { verifyUnitChain } from './integrity';
import { isQuotaError } from './errors';
import type { DatabaseDirectory } from './databases';
import type { ZwDb } from './schema';

/**
 * A backup holds the whole database — every table, the change log included
 * — so restoring it on a fresh install gives the same database. Its layout
 * is in shared/backup/format.ts. Both directions stream: a backup reads
 * each table in pages and sends bounded gzip frames to a sink as it goes; a
 * restore reads one frame at a time from the file. So an office database of
 * a million merged entries never becomes one string or one array.
 *
 * A backup runs inside one read transaction — one moment of the database —
 * kept open across the file and IPC work with Dexie.waitFor. A restore is
 * all of it or nothing too, but not one transaction: it fills a new
 * database frame by frame, checks the body's hash, the counts, the
 * administrators and every unit's hash chain there, and only then switches
 * to it (databases.ts); any failure deletes the new database and leaves
 * the one in use as it was. The signature is judged before any of that
 * (the `approve` step, in main).
 */

export { BACKUP_FORMAT, BACKUP_VERSION };

export class BackupError extends Error {
  constructor(readonly code: 'format' | 'unsigned' | 'damaged' | 'newer' | 'tables' | 'integrity' | 'counts' | 'quota') {
    super(`backup ${code}`);
    this.name = 'BackupError';
  }
}

/** Where a backup's bytes go: main's file, or blobs for a download. */
export interface BackupSink {
  write(bytes: Uint8Array): Promise<void>;
}

/** Where a backup's bytes come from: a file the user picked, read in slices. */
export interface BackupSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function blobSource(blob: Blob): BackupSource {
  return { size: blob.size, read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()) };
}

/** The readable start of a backup sealed with a passphrase, for main to open with the one typed; null for a plain backup. */
export async function sealedHead(source: BackupSource): Promise<Uint8Array | null> {
  if (source.size < PASS_MAGIC.length || !isPassSealed(await source.read(0, PASS_MAGIC.length))) return null;
  return source.read(0, Math.min(source.size, PASS_HEAD_LIMIT));
}

/**
 * The plain backup inside a sealed one, read through its chunks with the
 * file key main gave for the passphrase: the rest of the restore reads it as
 * any backup. A chunk that does not open is a damaged file.
 */
export function unsealedSource(source: BackupSource, head: Uint8Array, fileKey: string): BackupSource {
  const read = readPassHeader(head);
  if (!read.ok) throw new BackupError('format');
  const damaged = (e: unknown) => (e instanceof SealedBackupDamage ? new BackupError('damaged') : e);
  try {
    const reader = new SealedBackupReader(read.header, fromHex(fileKey), read.start, source.size, (offset, length) => source.read(offset, length));
    return { size: reader.size, read: (offset, length) => reader.read(offset, length).catch((e: unknown) => Promise.reject(damaged(e))) };
  } catch (e) {
    throw damaged(e);
  }
}

export interface BackupProgress {
  done: number;
  total: number;
}

/** About this much JSON per frame: small enough to hold twice, large enough that gzip and IPC calls stay few. */
const FRAME_TARGET_CHARS = 4 * 1024 * 1024;
const FIRST_PAGE = 16;
const MAX_PAGE = 2000;

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream)).arrayBuffer());
}

function keyOf(table: Table, row: Record<string, unknown>): IndexableType {
  const path = table.schema.primKey.keyPath;
  if (Array.isArray(path)) return path.map((p) => row[p]) as IndexableType;
  return row[path as string] as IndexableType;
}

interface AdminFacts {
  username: string;
  passwordHash: string;
}

function adminsOf(rows: Record<string, unknown>[]): AdminFacts[] {
  return rows
    .filter((a) => a.role === 'admin' && !a.retiredAt && typeof a.username === 'string' && typeof a.passwordHash === 'string')
    .map((a) => ({ username: a.username as string, passwordHash: a.passwordHash as string }));
}

const sameAdmins = (a: AdminFacts[], b: AdminFacts[]) => {
  const key = (x: AdminFacts[]) => JSON.stringify(x.map((y) => [y.username, y.passwordHash]).sort());
  return key(a) === key(b);
};

/**
 * Streams the whole database into `sink` and returns the manifest draft for
 * main to sign: the SM3 and length of exactly the bytes written, the counts,
 * the unit and its administrators.
 */
export async function createBackup(db: ZwDb, meta: { createdBy: string; appVersion: string; sink: BackupSink; onProgress?: (p: BackupProgress) => void; frameChars?: number }): Promise<BackupDraft> {
  return db.transaction('r', db.tables, async () => {
    const total = (await Promise.all(db.tables.map((t) => t.count()))).reduce((a, b) => a + b, 0);
    const target = meta.frameChars ?? FRAME_TARGET_CHARS;
    const hash = new Sm3Stream();
    let bytes = 0;
    let frames = 0;
    let done = 0;
    const emit = async (data: Uint8Array) => {
      hash.update(data);
      bytes += data.length;
      await Dexie.waitFor(meta.sink.write(data));
    };
    await emit(MAGIC);
    const counts: Record<string, number> = {};
    let localUnitId: unknown;
    let units: Record<string, unknown>[] = [];
    let admins: AdminFacts[] = [];

    for (const table of db.tables) {
      let lines: string[] = [];
      let chars = 0;
      const flush = async () => {
        if (lines.length === 0) return;
        const text = `${JSON.stringify({ t: table.name, n: lines.length })}\n${lines.join('\n')}\n`;
        lines = [];
        chars = 0;
        const gz = await Dexie.waitFor(through(utf8(text), new CompressionStream('gzip')));
        await emit(frameHeader(gz.length));
        await emit(gz);
        frames++;
      };
      let last: IndexableType | undefined;
      let page = FIRST_PAGE;
      counts[table.name] = 0;
      for (;;) {
        const rows = (await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(page).toArray()) as Record<string, unknown>[];
        let pageChars = 0;
        for (const row of rows) {
          const line = JSON.stringify(row);
          lines.push(line);
          chars += line.length;
          pageChars += line.length;
          if (chars >= target) await flush();
        }
        // Small tables are few; large ones are few rows each: size the next page by what this one weighed.
        if (table.name === 'meta') localUnitId = rows.find((r) => r.key === 'unitId')?.value;
        if (table.name === 'units') units = units.concat(rows);
        if (table.name === 'accounts') admins = admins.concat(adminsOf(rows));
        counts[table.name]! += rows.length;
        done += rows.length;
        meta.onProgress?.({ done, total });
        if (rows.length < page) break;
        last = keyOf(table, rows[rows.length - 1]!);
        page = Math.max(1, Math.min(MAX_PAGE, Math.floor(target / Math.max(1, pageChars / rows.length))));
      }
      await flush();
    }
    const unitRow = (units as { id: string; name: string; code: string }[]).find((u) => u.id === localId(localUnitId)) ?? null;
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: Date.now(),
      createdBy: meta.createdBy,
      appVersion: meta.appVersion,
      dbVersion: db.verno,
      unit: unitRow ? { id: unitRow.id, name: unitRow.name, code: unitRow.code } : null,
      counts,
      frames,
      body: { bytes, sm3: hash.hex() },
      admins,
    } satisfies BackupDraft;
  });
}

const localId = (v: unknown) => (typeof v === 'string' ? v : undefined);

export interface OpenedBackup {
  manifest: BackupManifest;
  /** The exact bytes the signature covers, for main to verify. */
  manifestBytes: Uint8Array;
  signature: string;
  source: BackupSource;
}

const GZIP = [0x1f, 0x8b];

/** Reads a backup's manifest and signature without touching the database or trusting either yet. */
export async function openBackup(source: BackupSource, db: ZwDb): Promise<OpenedBackup> {
  if (source.size < MAGIC.length + FOOTER_BYTES) throw new BackupError('format');
  const head = await source.read(0, MAGIC.length);
  if (!MAGIC.every((b, i) => head[i] === b)) {
    // The first version's files carried only an unkeyed checksum: anyone could have remade one.
    throw new BackupError(head[0] === GZIP[0] && head[1] === GZIP[1] ? 'unsigned' : 'format');
  }
  const footer = readFooter(await source.read(source.size - FOOTER_BYTES, FOOTER_BYTES), source.size);
  if (!footer) throw new BackupError('format');
  const manifestBytes = await source.read(footer.manifestAt, footer.manifestLength);
  const signature = new TextDecoder().decode(await source.read(footer.manifestAt + footer.manifestLength, footer.signatureLength));
  let manifest: BackupManifest;
  try {
    manifest = backupManifest.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes)));
  } catch {
    throw new BackupError('format');
  }
  if (manifest.body.bytes !== footer.manifestAt) throw new BackupError('damaged');
  if (manifest.dbVersion > db.verno) throw new BackupError('newer');
  return { manifest, manifestBytes, signature, source };
}

const frameHead = z.object({ t: z.string().regex(/^[A-Za-z]{1,40}$/), n: z.number().int().min(1).max(1_000_000) }).strict();
const row = z.record(z.string(), z.unknown());

/** What the sign-in page tells after a restore; kept in meta by the restore itself. */
export const lastRestoreSchema = z
  .object({
    at: z.number(),
    backupAt: z.number(),
    unit: z.object({ name: z.string(), code: z.string() }).nullable(),
    counts: z.record(z.string(), z.number()),
  })
  .strict();
export type LastRestore = z.output<typeof lastRestoreSchema>;
export const LAST_RESTORE_KEY = 'lastRestore';

/**
 * Replaces the whole database with the backup. `approve` (the signature
 * check, in main) runs first and must resolve before anything is written;
 * it throws to refuse. The rows go into a new database in one transaction
 * per frame, so the browser never holds more than a frame of pending
 * writes; the checks run over that database, and only when all have passed
 * does the directory make it the live one. Any failure deletes it and
 * leaves the database in use exactly as it was.
 */
export async function restoreBackup(
  current: ZwDb,
  backup: OpenedBackup,
  options: { directory: DatabaseDirectory; approve: (backup: OpenedBackup) => Promise<void>; onProgress?: (p: BackupProgress) => void; now?: () => number },
): Promise<{ counts: Record<string, number>; db: ZwDb }> {
  await options.approve(backup);
  const { manifest } = backup;
  const known = new Set(current.tables.map((t) => t.name));
  if (Object.keys(manifest.counts).some((name) => !known.has(name))) throw new BackupError('tables');
  const { directory } = options;
  const staged = directory.stage();
  return directory.locks.hold(staged.name, async () => {
    try {
      const counts = await fill(staged.db, backup, options.onProgress);
      const notice: LastRestore = { at: (options.now ?? Date.now)(), backupAt: manifest.createdAt, unit: manifest.unit ? { name: manifest.unit.name, code: manifest.unit.code } : null, counts: manifest.counts };
      await staged.db.meta.put({ key: LAST_RESTORE_KEY, value: notice });
      directory.switchTo(staged.name);
      return { counts, db: staged.db };
    } catch (error) {
      staged.db.close();
      await directory.discard(staged.name).catch(() => undefined);
      if (error instanceof BackupError) throw error;
      if (isQuotaError(error)) throw new BackupError('quota');
      // A duplicate key or a row IndexedDB refuses: the file is not what a backup writes.
      if (error instanceof Dexie.DexieError) throw new BackupError('tables');
      throw error;
    }
  });
}

/** Writes every frame into the empty `db` and checks body hash, counts, administrators and every unit's chain; throws on the first failure. */
async function fill(db: ZwDb, backup: OpenedBackup, onProgress?: (p: BackupProgress) => void): Promise<Record<string, number>> {
  const { manifest, source } = backup;
  const tables = new Map(db.tables.map((t) => [t.name, t]));
  const total = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  const counts: Record<string, number> = Object.fromEntries(db.tables.map((t) => [t.name, 0]));
  const hash = new Sm3Stream();
  const read = async (offset: number, length: number) => {
    if (offset + length > manifest.body.bytes) throw new BackupError('damaged');
    const bytes = await source.read(offset, length);
    if (bytes.length !== length) throw new BackupError('damaged');
    hash.update(bytes);
    return bytes;
  };
  let offset = MAGIC.length;
  await read(0, MAGIC.length);
  const unitIds: string[] = [];
  let admins: AdminFacts[] = [];
  let done = 0;
  for (let f = 0; f < manifest.frames; f++) {
    const lengthBytes = await read(offset, 4);
    const length = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 4).getUint32(0);
    if (length === 0 || length > MAX_FRAME_BYTES) throw new BackupError('damaged');
    const gz = await read(offset + 4, length);
    offset += 4 + length;
    let lines: string[];
    try {
      lines = new TextDecoder('utf-8', { fatal: true }).decode(await through(gz, new DecompressionStream('gzip'))).split('\n');
    } catch {
      throw new BackupError('damaged');
    }
    let head: z.output<typeof frameHead>;
    let rows: Record<string, unknown>[];
    try {
      head = frameHead.parse(JSON.parse(lines[0]!));
      if (lines.length !== head.n + 2 || lines[head.n + 1] !== '') throw new Error('frame length');
      rows = lines.slice(1, head.n + 1).map((l) => row.parse(JSON.parse(l)));
    } catch {
      throw new BackupError('tables');
    }
    const table = tables.get(head.t);
    if (!table) throw new BackupError('tables');
    await db.transaction('rw', table, () => table.bulkAdd(rows));
    counts[head.t]! += rows.length;
    if (head.t === 'units') unitIds.push(...rows.map((u) => String(u.id)));
    if (head.t === 'accounts') admins = admins.concat(adminsOf(rows));
    done += rows.length;
    onProgress?.({ done, total });
  }
  // Only now is the body known to be the one the signed manifest names.
  if (offset !== manifest.body.bytes || hash.hex() !== manifest.body.sm3) throw new BackupError('damaged');
  for (const [name, table] of tables) {
    if (counts[name] !== (manifest.counts[name] ?? 0) || (await table.count()) !== counts[name]) throw new BackupError('counts');
  }
  if (!sameAdmins(admins, manifest.admins)) throw new BackupError('tables');
  for (const unitId of unitIds) {
    if (!(await verifyUnitChain(db, unitId)).ok) throw new BackupError('integrity');
  }
  return counts;
}
