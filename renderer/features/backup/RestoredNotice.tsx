import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { db } from '../../state/db';
import { formatDateTime } from '../../ui/format';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { LAST_RESTORE_KEY, lastRestoreSchema, type LastRestore } from '../../db/backup';
import { TABLE_LABELS } from './RestorePanel';

/**
 * On the sign-in page after a restore: which unit, how much of each ledger,
 * and when the backup was made — so whoever signs in first can tell at once
 * whether the right backup went in. Shown until the first sign-in after it.
 */
export function RestoredNotice() {
  const t = useT();
  const [notice, setNotice] = useState<LastRestore>();
  useEffect(() => {
    void db.meta.get(LAST_RESTORE_KEY).then((row) => {
      const parsed = lastRestoreSchema.safeParse(row?.value);
      if (parsed.success) setNotice(parsed.data);
    });
    // Once someone has signed in, the restore has been seen.
    return () => {
      if (useSession.getState().account) void db.meta.delete(LAST_RESTORE_KEY);
    };
  }, []);
  if (!notice) return null;
  const counts = Object.entries(TABLE_LABELS)
    .filter(([name]) => (notice.counts[name] ?? 0) > 0)
    .map(([name, label]) => `${t(label)} ${notice.counts[name]}`)
    .join('，');
  return (
    <Alert
      type="info"
      showIcon
      data-testid="restored-notice"
      style={{ marginBottom: 16 }}
      message={t('backup.restoredNotice', { unit: notice.unit ? `${notice.unit.name}（${notice.unit.code}）` : '—', backupAt: formatDateTime(notice.backupAt), at: formatDateTime(notice.at) })}
      description={counts ? t('backup.restoredCounts', { counts }) : undefined}
    />
  );
}
