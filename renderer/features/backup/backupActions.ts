import dayjs from 'dayjs';
import { createBackup } from '../../db/backup';
import { toBase64 } from '../../app/files';
import { db } from '../../app/db';
import { invoke } from '../../app/ipc';
import type { BackupKind } from './types';

/** Makes a backup of the whole database now and puts it where it goes: the chosen folder, or a download. */
export async function makeBackup(createdBy: string): Promise<{ bytes: Uint8Array; unitCode: string; fileName: string }> {
  const { version } = await invoke('app:info', {});
  const { bytes, header } = await createBackup(db, { createdBy, appVersion: version });
  const unitCode = header.unit?.code ?? 'unit';
  return { bytes, unitCode, fileName: `zwledger-${unitCode}-${dayjs(header.createdAt).format('YYYYMMDD-HHmmss')}.zwbak` };
}

export async function writeToFolder(dir: string, keep: number, kind: BackupKind, backup: { bytes: Uint8Array; unitCode: string }): Promise<string> {
  const { name } = await invoke('backup:write', { dir, keep, kind, unitCode: backup.unitCode, data: toBase64(backup.bytes) });
  return name;
}

