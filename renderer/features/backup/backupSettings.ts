import { z } from 'zod';
import { db } from '../../state/db';

/**
 * This PC's backup settings (local, in meta): whether to back up daily and
 * how many to keep. The folder is main's to keep, not the page's.
 */
export const backupSettings = z.object({
  enabled: z.boolean(),
  keep: z.number().int().min(1).max(365),
});
export type BackupSettings = z.output<typeof backupSettings>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { enabled: false, keep: 30 };
const SETTINGS_KEY = 'backupSettings';
const LAST_AUTO_KEY = 'lastAutoBackup';

export async function loadBackupSettings(): Promise<BackupSettings> {
  const row = await db.meta.get(SETTINGS_KEY);
  const parsed = backupSettings.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
}

export async function saveBackupSettings(settings: BackupSettings): Promise<void> {
  await db.meta.put({ key: SETTINGS_KEY, value: backupSettings.parse(settings) });
}

export async function lastAutoBackup(): Promise<number | null> {
  const row = await db.meta.get(LAST_AUTO_KEY);
  return typeof row?.value === 'number' ? row.value : null;
}

export async function markAutoBackup(at: number): Promise<void> {
  await db.meta.put({ key: LAST_AUTO_KEY, value: at });
}
