import type * as FsPromises from 'node:fs/promises';
import type * as Path from 'node:path';
import { backupDraft, MAGIC, trailer, type BackupDraft } from '../../shared/backup/format';
import { Sm3Stream } from '../../shared/crypto/sm3';
import type { BackupSeal } from './backupSeal';
import type { BackupPassphrase } from './backupPassphrase';
import type { StreamSealer } from '../../shared/bundle/stream';

/**
 * Backup files, only ever in the folder the administrator chose through
 * main's own dialog (or, in browser mode, typed and found to exist) — main
 * keeps that choice in its own config; a caller never names a path. A
 * backup arrives in pieces (begin / append / finish), goes to `.part` while
 * main hashes what it writes, and is renamed only after main has checked the
 * renderer's manifest against those bytes and signed it: a crash or a full
 * disk never leaves half a backup under a real name. Named by unit and time,
 * pruned to the newest `keep`. A backup kept before a restore is never
 * pruned; with no folder chosen it goes to main's own data folder.
 */

export interface BackupFilesDeps {
  fs: Pick<typeof FsPromises, 'mkdir' | 'open' | 'rename' | 'readdir' | 'stat' | 'unlink' | 'readFile' | 'writeFile'>;
  path: Pick<typeof Path, 'isAbsolute' | 'join' | 'resolve'>;
  now: () => Date;
  /** main's config file holding the chosen folder */
  configFile: string;
  /** where a pre-restore backup goes when no folder was chosen: main's own */
  fallbackDir: string;
  seal: BackupSeal;
  randomId: () => string;
  /** The passphrase backups are sealed with, when one is set: the file main writes is then the sealed backup. */
  passphrase?: Pick<BackupPassphrase, 'sealing'>;
}

export type BackupKind = 'auto' | 'manual' | 'beforeRestore';

export interface BackupFileInfo {
  name: string;
  size: number;
  modifiedAt: number;
}

export type BackupFileFailure = 'noFolder' | 'notAbsolute' | 'folderMissing' | 'diskFull' | 'noSession' | 'mismatch';

export class BackupFileError extends Error {
  constructor(readonly code: BackupFileFailure) {
    super(code);
    this.name = 'BackupFileError';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

const PRUNABLE = /^zwledger-([A-Za-z0-9-]{2,32})-(\d{8}-\d{6})(-auto|-manual)\.zwbak$/;
const ANY = /^zwledger-[A-Za-z0-9-]{2,32}-\d{8}-\d{6}-(auto|manual|before-restore)\.zwbak$/;
/** Concurrent unfinished backups main accepts: an automatic and a manual one, with room to spare. */
const MAX_SESSIONS = 4;

/** A write that failed for lack of space is something the user can act on; anything else is not. */
function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
}

interface Session {
  dir: string;
  name: string;
  kind: BackupKind;
  unitCode: string;
  handle: FsPromises.FileHandle;
  hash: Sm3Stream;
  /** The plain backup's bytes so far: what the manifest's body is checked against. */
  bytes: number;
  /** Set when the backup is sealed with the passphrase: plain bytes go through it to the file. */
  sealer: StreamSealer | null;
}

export function createBackupFiles(deps: BackupFilesDeps) {
  const sessions = new Map<string, Session>();

  async function folder(): Promise<string | null> {
    try {
      const parsed = JSON.parse(await deps.fs.readFile(deps.configFile, 'utf8')) as { dir?: unknown };
      return typeof parsed.dir === 'string' && deps.path.isAbsolute(parsed.dir) ? parsed.dir : null;
    } catch {
      return null;
    }
  }

  /** Keeps a folder as the backup folder; it must already exist — a mistyped path is refused, never created. */
  async function setFolder(dir: string): Promise<string> {
    if (!deps.path.isAbsolute(dir)) throw new BackupFileError('notAbsolute');
    const root = deps.path.resolve(dir);
    const info = await deps.fs.stat(root).catch(() => null);
    if (!info?.isDirectory()) throw new BackupFileError('folderMissing');
    const temp = `${deps.configFile}.part`;
    await deps.fs.writeFile(temp, JSON.stringify({ dir: root }));
    await deps.fs.rename(temp, deps.configFile);
    return root;
  }

  async function list(): Promise<BackupFileInfo[]> {
    const root = await folder();
    if (!root) return [];
    let names: string[];
    try {
      names = await deps.fs.readdir(root);
    } catch {
      return [];
    }
    const files = await Promise.all(
      names.filter((n) => ANY.test(n)).map(async (name) => {
        const s = await deps.fs.stat(deps.path.join(root, name));
        return { name, size: s.size, modifiedAt: s.mtimeMs };
      }),
    );
    return files.sort((a, b) => (a.name < b.name ? 1 : -1));
  }

  async function discard(id: string): Promise<void> {
    const s = sessions.get(id);
    if (!s) return;
    sessions.delete(id);
    await s.handle.close().catch(() => undefined);
    await deps.fs.unlink(deps.path.join(s.dir, `${s.name}.part`)).catch(() => undefined);
  }

  /** Runs a file operation of a session; on any failure the `.part` is removed, so nothing half-written stays. */
  async function guarded<T>(id: string, fn: (s: Session) => Promise<T>): Promise<T> {
    const s = sessions.get(id);
    if (!s) throw new BackupFileError('noSession');
    try {
      return await fn(s);
    } catch (error) {
      await discard(id);
      if (isDiskFull(error)) throw new BackupFileError('diskFull');
      throw error;
    }
  }

  async function begin(request: { unitCode: string; kind: BackupKind }): Promise<string> {
    let dir = await folder();
    if (!dir && request.kind === 'beforeRestore') {
      dir = deps.fallbackDir;
      await deps.fs.mkdir(dir, { recursive: true });
    }
    if (!dir) throw new BackupFileError('noFolder');
    if (!(await deps.fs.stat(dir).catch(() => null))?.isDirectory()) throw new BackupFileError('folderMissing');
    if (sessions.size >= MAX_SESSIONS) throw new BackupFileError('noSession');
    const suffix = request.kind === 'beforeRestore' ? 'before-restore' : request.kind;
    const name = `zwledger-${request.unitCode}-${stamp(deps.now())}-${suffix}.zwbak`;
    let handle: FsPromises.FileHandle;
    try {
      handle = await deps.fs.open(deps.path.join(dir, `${name}.part`), 'w');
    } catch (error) {
      if (isDiskFull(error)) throw new BackupFileError('diskFull');
      throw error;
    }
    const id = deps.randomId();
    sessions.set(id, { dir, name, kind: request.kind, unitCode: request.unitCode, handle, hash: new Sm3Stream(), bytes: 0, sealer: null });
    await guarded(id, async (s) => {
      const sealing = (await deps.passphrase?.sealing()) ?? null;
      if (!sealing) return;
      await s.handle.write(sealing.head);
      s.sealer = sealing.sealer;
    });
    return id;
  }

  async function append(id: string, data: Uint8Array): Promise<void> {
    await guarded(id, async (s) => {
      // Whatever the renderer sends, main writes only a file that starts as a backup does.
      for (let i = 0; s.bytes + i < MAGIC.length && i < data.length; i++) if (data[i] !== MAGIC[s.bytes + i]) throw new BackupFileError('mismatch');
      await s.handle.write(s.sealer ? s.sealer.push(data) : data);
      s.hash.update(data);
      s.bytes += data.length;
    });
  }

  async function prune(dir: string, unitCode: string, keep: number): Promise<string[]> {
    const mine = (await deps.fs.readdir(dir))
      .map((n) => ({ n, m: PRUNABLE.exec(n) }))
      .filter((x) => x.m && x.m[1] === unitCode)
      .map((x) => x.n)
      .sort()
      .reverse();
    const pruned: string[] = [];
    for (const old of mine.slice(keep)) {
      await deps.fs.unlink(deps.path.join(dir, old));
      pruned.push(old);
    }
    return pruned;
  }

  /** Checks the draft against the bytes main wrote, signs it, appends it and renames the file into place. */
  async function finish(request: { id: string; draft: BackupDraft; password: string; accountId?: string; keep: number }): Promise<{ name: string; dir: string; pruned: string[] }> {
    const draft = backupDraft.parse(request.draft);
    const session = await guarded(request.id, async (s) => {
      if (draft.body.bytes !== s.bytes || draft.body.sm3 !== s.hash.hex()) throw new BackupFileError('mismatch');
      const { manifestBytes, signature } = await deps.seal.seal(draft, request.password, request.accountId);
      const tail = trailer(manifestBytes, signature);
      await s.handle.write(s.sealer ? s.sealer.push(tail) : tail);
      if (s.sealer) await s.handle.write(s.sealer.finish());
      await s.handle.sync();
      await s.handle.close();
      await deps.fs.rename(deps.path.join(s.dir, `${s.name}.part`), deps.path.join(s.dir, s.name));
      return s;
    });
    sessions.delete(request.id);
    const pruned = session.kind === 'beforeRestore' ? [] : await prune(session.dir, session.unitCode, request.keep);
    return { name: session.name, dir: session.dir, pruned };
  }

  return { folder, setFolder, list, begin, append, finish, abort: discard, seal: deps.seal };
}

export type BackupFiles = ReturnType<typeof createBackupFiles>;
