import { useEffect } from 'react';
import { App } from 'antd';
import { create } from 'zustand';
import { isoDay } from '../../../shared/calendar/calendar';
import { useT } from '../../i18n';
import { invoke } from '../../state/ipc';
import { useSession } from '../../state/session';
import { lastAutoBackup, loadBackupSettings, markAutoBackup } from './backupSettings';
import { backupToFolder, BackupWriteError } from './backupActions';
import { askPersistentStorage } from './storage';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/** When the next check runs, so the backup page can say when the first automatic backup will be made. */
export const useAutoBackupClock = create<{ nextCheckAt: number | null; checkSoon: () => void }>(() => ({ nextCheckAt: null, checkSoon: () => undefined }));

/**
 * The daily automatic backup: when the app is open and no automatic backup
 * was made today, make one into the folder main keeps. Checked at start and
 * every hour, so a PC left on overnight backs up the next day too.
 */
export function useAutoBackup(): void {
  const t = useT();
  const { notification } = App.useApp();
  const name = useSession((s) => s.account?.displayName ?? '');
  useEffect(() => {
    void askPersistentStorage();
    let running = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void check(), ms);
      useAutoBackupClock.setState({ nextCheckAt: Date.now() + ms });
    };
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const settings = await loadBackupSettings();
        if (!settings.enabled) return;
        const last = await lastAutoBackup();
        if (last !== null && isoDay(new Date(last)) === isoDay(new Date())) return;
        if (!(await invoke('backup:folder', {})).dir) throw new BackupWriteError('noFolder');
        // No password at hand: main signs where the key needs none, and says so where it does.
        await backupToFolder({ kind: 'auto', keep: settings.keep, password: '', createdBy: name });
        await markAutoBackup(Date.now());
      } catch (error) {
        const description = error instanceof BackupWriteError ? t(error.code === 'wrongPassword' ? 'backup.autoNeedsPassword' : `backup.fail.${error.code}`) : error instanceof Error ? error.message : String(error);
        notification.warning({ key: 'auto-backup', message: t('backup.autoFailed'), description, duration: 0 });
      } finally {
        running = false;
        schedule(CHECK_EVERY_MS);
      }
    };
    useAutoBackupClock.setState({ checkSoon: () => schedule(60_000) });
    void check();
    return () => {
      clearTimeout(timer);
      useAutoBackupClock.setState({ nextCheckAt: null, checkSoon: () => undefined });
    };
  }, [name, notification, t]);
}
