import { useState } from 'react';
import { Alert, Button, Descriptions, Input, Popconfirm, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { BackupError, openBackup, restoreBackup, type OpenedBackup } from '../../db/backup';
import { db } from '../../app/db';
import { formatDateTime } from '../../app/format';
import { invoke } from '../../app/ipc';
import { useT, type MessageKey } from '../../app/i18n';
import { useSession } from '../../app/session';
import { FilePickButton } from '../../app/FilePickButton';
import { loadBackupSettings } from './backupSettings';
import { makeBackup, writeToFolder } from './backupActions';
import { download } from '../../app/files';

const TABLE_LABELS: Record<string, MessageKey> = {
  devices: 'nav.devices', dutyLogs: 'nav.duty', faults: 'nav.faults', scans: 'nav.scans', incidents: 'nav.incidents', inspections: 'nav.inspections',
  trainings: 'nav.trainings', copyFilings: 'nav.copies', maintainers: 'nav.maintainers', checkins: 'nav.checkins', accounts: 'nav.accounts', changelog: 'backup.changelog',
};

/**
 * Restore from a backup file. Over existing data it asks for the signed-in
 * administrator's password and first keeps the data it replaces as a backup;
 * on a fresh install (the setup screen) there is nothing to replace.
 */
export function RestorePanel({ overExisting }: { overExisting: boolean }) {
  const t = useT();
  const account = useSession((s) => s.account);
  const [opened, setOpened] = useState<OpenedBackup>();
  const [fileName, setFileName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();

  const explain = (e: unknown) => (e instanceof BackupError ? t(`backup.error.${e.code}`) : t('err.generic', { message: e instanceof Error ? e.message : String(e) }));

  const choose = async (file: File) => {
    setError(undefined);
    setOpened(undefined);
    try {
      setFileName(file.name);
      setOpened(await openBackup(new Uint8Array(await file.arrayBuffer()), db));
    } catch (e) {
      setError(explain(e));
    }
  };

  const restore = async () => {
    if (!opened) return;
    setBusy(true);
    setError(undefined);
    try {
      if (overExisting) {
        const { ok } = await invoke('auth:verifyPassword', { password, hash: account?.passwordHash ?? 'x' });
        if (!ok) {
          setError(t('backup.wrongPassword'));
          return;
        }
        // The data about to be replaced is kept first: a restore can itself be undone.
        const settings = await loadBackupSettings();
        const before = await makeBackup(account?.displayName ?? '');
        if (settings.dir !== '') setDone(t('backup.keptInFolder', { name: await writeToFolder(settings.dir, settings.keep, 'beforeRestore', before) }));
        else {
          download(before.fileName.replace('.zwbak', '-before-restore.zwbak'), before.bytes);
          setDone(t('backup.keptDownloaded'));
        }
      }
      await restoreBackup(db, opened);
      setDone((d) => `${d ? `${d} ` : ''}${t('backup.restored')}`);
      setTimeout(() => window.location.reload(), 2500);
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };

  const counts = opened?.header.counts ?? {};
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} align="start">
      <Typography.Text type="secondary">{t(overExisting ? 'backup.restoreHelp' : 'backup.restoreFreshHelp')}</Typography.Text>
      <FilePickButton accept=".zwbak" testId="restore-file" icon={<UploadOutlined />} onFile={(file) => void choose(file)}>
        {t('backup.chooseFile')}
      </FilePickButton>
      {error && <Alert type="error" showIcon message={error} />}
      {done && <Alert type="success" showIcon message={done} data-testid="restore-done" />}
      {opened && !done && (
        <>
          <Descriptions
            size="small"
            bordered
            column={2}
            data-testid="restore-summary"
            items={[
              { key: 'file', label: t('backup.file'), children: fileName, span: 2 },
              { key: 'unit', label: t('backup.unit'), children: opened.header.unit ? `${opened.header.unit.name}（${opened.header.unit.code}）` : '—' },
              { key: 'at', label: t('backup.createdAt'), children: `${formatDateTime(opened.header.createdAt)} · ${opened.header.createdBy}` },
              ...Object.entries(TABLE_LABELS)
                .filter(([name]) => (counts[name] ?? 0) > 0)
                .map(([name, label]) => ({ key: name, label: t(label), children: String(counts[name]) })),
            ]}
          />
          {overExisting && (
            <>
              <Alert type="warning" showIcon message={t('backup.replaceWarning')} />
              <Input.Password placeholder={t('backup.adminPassword')} aria-label={t('backup.adminPassword')} value={password} onChange={(e) => setPassword(e.target.value)} style={{ maxWidth: 320 }} />
            </>
          )}
          <Popconfirm title={t('backup.confirmRestore')} onConfirm={() => void restore()} okText={t('backup.restore')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}>
            <Button danger type="primary" loading={busy} disabled={overExisting && password === ''} data-testid="restore-button">
              {t('backup.restore')}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );
}
