import dayjs from 'dayjs';
import type { BACKUP_FAILURES } from '../../../shared/ipc/contract';
import { trailer, type BackupDraft } from '../../../shared/backup/format';
import { createBackup, type BackupProgress, type BackupSink } from '../../db/backup';
import { localUnit } from '../../db/accounts';
import { noteBackupDay } from '../../db/evaluation';
import { download } from '../../ui/files';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { db } from '../../state/db';
import { invoke } from '../../state/ipc';
import { useSession } from '../../state/session';
import type { BackupKind } from './types';

/** Who asks main to sign: the signed-in account, and its session for a backup made without a password. */
function signer(): { accountId?: string; session?: string } {
  const { account, token } = useSession.getState();
  return { ...(account ? { accountId: account.id } : {}), ...(token ? { session: token } : {}) };
}

export type BackupFailure = (typeof BACKUP_FAILURES)[number];

/** A refusal from main the page explains in words (`backup.fail.<code>`). */
export class BackupWriteError extends Error {
  constructor(readonly code: BackupFailure) {
    super(`backup ${code}`);
    this.name = 'BackupWriteError';
  }
}

/** What main takes per call, in raw bytes: its base64 stays under BACKUP_MAX_BASE64. */
const PIECE_BYTES = 4 * 1024 * 1024;

/** Gathers the stream into pieces of at most PIECE_BYTES and hands each on. */
function piecewise(put: (piece: Uint8Array) => Promise<void>): BackupSink & { flush(): Promise<void> } {
  let buffer = new Uint8Array(PIECE_BYTES);
  let filled = 0;
  const flush = async () => {
    if (filled === 0) return;
    const piece = buffer.subarray(0, filled);
    buffer = new Uint8Array(PIECE_BYTES);
    filled = 0;
    await put(piece);
  };
  return {
    async write(bytes) {
      let at = 0;
      while (at < bytes.length) {
        const take = Math.min(PIECE_BYTES - filled, bytes.length - at);
        buffer.set(bytes.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === PIECE_BYTES) await flush();
      }
    },
    flush,
  };
}

async function unitCodeHere(): Promise<string> {
  const unit = await localUnit(db);
  return unit?.code ?? 'unit';
}

async function appVersion(): Promise<string> {
  return (await invoke('app:info', {})).version;
}

/**
 * Streams a backup into the folder main keeps; main checks, signs and puts
 * it in place. `password` unlocks the unit key where it needs one.
 */
export async function backupToFolder(request: { kind: BackupKind; keep: number; password: string; createdBy: string; onProgress?: (p: BackupProgress) => void }): Promise<{ name: string; dir: string }> {
  const unitCode = await unitCodeHere();
  const begun = await invoke('backup:begin', { unitCode, kind: request.kind });
  if (!begun.ok) throw new BackupWriteError(begun.code);
  const id = begun.id;
  try {
    const sink = piecewise(async (piece) => {
      const sent = await invoke('backup:append', { id, data: toBase64(piece) });
      if (!sent.ok) throw new BackupWriteError(sent.code);
    });
    const draft = await createBackup(db, { createdBy: request.createdBy, appVersion: await appVersion(), sink, onProgress: request.onProgress });
    await sink.flush();
    const finished = await invoke('backup:finish', { id, draft, password: request.password, ...signer(), keep: request.keep });
    if (!finished.ok) throw new BackupWriteError(finished.code);
    await noteBackupDay(db, draft.createdAt);
    return { name: finished.name, dir: finished.dir };
  } catch (error) {
    // Main removes the .part itself on its own failures; this covers the renderer's.
    await invoke('backup:abort', { id }).catch(() => undefined);
    throw error;
  }
}

/** Builds a backup as blobs (kept by the browser, not the page's heap), has main sign it, and offers it as a download. */
export async function backupToDownload(request: { password: string; createdBy: string; onProgress?: (p: BackupProgress) => void }): Promise<string> {
  const unitCode = await unitCodeHere();
  const parts: Blob[] = [];
  const keep = (bytes: Uint8Array) => void parts.push(new Blob([bytes as BlobPart]));
  // With a backup passphrase set, main seals the file as it is built: the page never holds the key.
  const sealing = await invoke('backupPass:begin', {});
  if (sealing.ok) keep(fromBase64(sealing.head));
  const through = async (channel: 'backupPass:push' | 'backupPass:end', bytes: Uint8Array) => {
    if (!sealing.ok) return keep(bytes);
    const sealed = await invoke(channel, { id: sealing.id, data: toBase64(bytes) });
    if (!sealed.ok) throw new BackupWriteError('noSession');
    keep(fromBase64(sealed.data));
  };
  const sink = piecewise((piece) => through('backupPass:push', piece));
  const draft: BackupDraft = await createBackup(db, { createdBy: request.createdBy, appVersion: await appVersion(), sink, onProgress: request.onProgress });
  await sink.flush();
  const signed = await invoke('backup:seal', { draft, password: request.password, ...signer() });
  if (!signed.ok) throw new BackupWriteError(signed.code);
  await through('backupPass:end', trailer(fromBase64(signed.manifest), signed.signature));
  const fileName = `zwledger-${unitCode}-${dayjs(draft.createdAt).format('YYYYMMDD-HHmmss')}-manual.zwbak`;
  download(fileName, new Blob(parts, { type: 'application/octet-stream' }));
  await noteBackupDay(db, draft.createdAt);
  return fileName;
}
