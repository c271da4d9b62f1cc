import { useEffect } from 'react';
import { App } from 'antd';
import { isoDay } from '../../../shared/calendar/calendar';
import { useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { lastAutoBackup, loadBackupSettings, markAutoBackup } from './backupSettings';
import { makeBackup, writeToFolder } from './backupActions';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The daily automatic backup: when the app is open and no automatic backup
 * was made today, make one into the administrator's folder. Checked at start
 * and every hour, so a PC left on overnight backs up the next day too.
 */
export function useAutoBackup(): void {
  const t = useT();
  const { notification } = App.useApp();
  const name = useSession((s) => s.account?.displayName ?? '');
  useEffect(() => {
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const settings = await loadBackupSettings();
        if (!settings.enabled || settings.dir === '') return;
        const last = await lastAutoBackup();
        if (last !== null && isoDay(new Date(last)) === isoDay(new Date())) return;
        const backup = await makeBackup(name);
        await writeToFolder(settings.dir, settings.keep, 'auto', backup);
        await markAutoBackup(Date.now());
      } catch (error) {
        notification.warning({ message: t('backup.autoFailed'), description: error instanceof Error ? error.message : String(error), duration: 0 });
      } finally {
        running = false;
      }
    };
    void check();
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [name, notification, t]);
}
