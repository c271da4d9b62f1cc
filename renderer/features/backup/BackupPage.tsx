import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Modal, Progress, Space, Switch, Table, Typography } from 'antd';
import { CloudDownloadOutlined, FolderOpenOutlined, SaveOutlined } from '@ant-design/icons';
import { isoDay } from '../../../shared/calendar/calendar';
import { formatDateTime } from '../../ui/format';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { PageHead } from '../../ui/PageHead';
import { useSession } from '../../state/session';
import type { BackupProgress } from '../../db/backup';
import { DEFAULT_BACKUP_SETTINGS, lastAutoBackup, loadBackupSettings, saveBackupSettings, type BackupSettings } from './backupSettings';
import { backupToDownload, backupToFolder, BackupWriteError } from './backupActions';
import { RestorePanel } from './RestorePanel';
import { PassphraseCard } from './PassphraseCard';
import { askPersistentStorage } from './storage';
import { useAutoBackupClock } from './useAutoBackup';

interface FileRow {
  name: string;
  size: number;
  modifiedAt: number;
}

/** Backups: one now, daily ones into the folder main keeps, and restore. */
export function BackupPage() {
  const t = useT();
  const { message } = App.useApp();
  const name = useSession((s) => s.account?.displayName ?? '');
  const nextCheckAt = useAutoBackupClock((s) => s.nextCheckAt);
  const checkSoon = useAutoBackupClock((s) => s.checkSoon);
  const [settings, setSettings] = useState<BackupSettings>(DEFAULT_BACKUP_SETTINGS);
  const [dir, setDir] = useState<string | null>(null);
  const [typed, setTyped] = useState(true);
  const [folderError, setFolderError] = useState<string>();
  const [last, setLast] = useState<number | null>(null);
  const [files, setFiles] = useState<FileRow[]>([]);
  const [persisted, setPersisted] = useState<boolean>();
  const [target, setTarget] = useState<'download' | 'folder'>();
  const [password, setPassword] = useState('');
  const [signError, setSignError] = useState<string>();
  const [progress, setProgress] = useState<BackupProgress>();
  const [sealed, setSealed] = useState(false);

  const refresh = useCallback(async () => {
    setLast(await lastAutoBackup());
    const folder = await invoke('backup:folder', {});
    setDir(folder.dir);
    setTyped(folder.typed);
    setFiles(folder.dir ? (await invoke('backup:list', {})).files : []);
  }, []);

  useEffect(() => {
    void loadBackupSettings().then(setSettings);
    void refresh();
    void askPersistentStorage().then(setPersisted);
  }, [refresh]);

  const save = async (next: BackupSettings) => {
    setSettings(next);
    await saveBackupSettings(next);
    if (next.enabled && !settings.enabled) checkSoon();
    void message.success(t('common.saved'));
  };

  const saveTyped = async (value: string) => {
    setFolderError(undefined);
    if (value === '' || value === dir) return;
    const result = await invoke('backup:setFolder', { dir: value });
    if (!result.ok) {
      setFolderError(t(`backup.fail.${result.code}`));
      return;
    }
    void message.success(t('backup.folderSaved'));
    await refresh();
  };

  const chooseFolder = async () => {
    const chosen = await invoke('backup:chooseFolder', {});
    if (chosen.dir) await refresh();
  };

  const closeSign = () => {
    setTarget(undefined);
    setPassword('');
    setSignError(undefined);
    setProgress(undefined);
  };

  const backupNow = async () => {
    setSignError(undefined);
    setProgress({ done: 0, total: 0 });
    try {
      if (target === 'download') {
        void message.success(t('backup.downloaded', { name: await backupToDownload({ password, createdBy: name, onProgress: setProgress }) }));
      } else {
        const written = await backupToFolder({ kind: 'manual', keep: settings.keep, password, createdBy: name, onProgress: setProgress });
        void message.success(t('backup.writtenTo', { name: written.name }));
      }
      closeSign();
      await refresh();
    } catch (e) {
      setProgress(undefined);
      setSignError(e instanceof BackupWriteError ? t(`backup.fail.${e.code}`) : t('err.generic', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const backedUpToday = last !== null && isoDay(new Date(last)) === isoDay(new Date());
  const busy = progress !== undefined;

  return (
    <div className="page">
      <PageHead title={t('backup.title')} rule={t('backup.rule')} />
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 980 }}>
        <Card title={t('backup.now')} size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Button type="primary" icon={<CloudDownloadOutlined />} onClick={() => setTarget('download')}>
                {t('backup.toFile')}
              </Button>
              <Button icon={<SaveOutlined />} disabled={!dir} onClick={() => setTarget('folder')}>
                {t('backup.toFolder')}
              </Button>
              <Typography.Text type="secondary">{t('backup.nowHelp')}</Typography.Text>
            </Space>
            {persisted !== undefined && <Typography.Text type={persisted ? 'secondary' : 'warning'} data-testid="storage-persisted">{t(persisted ? 'backup.persisted' : 'backup.notPersisted')}</Typography.Text>}
          </Space>
        </Card>
        <Card title={t('backup.auto')} size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <span>{t('backup.folder')}</span>
              {typed ? (
                <Space orientation="vertical" size={2}>
                  <Input
                    style={{ width: 420 }}
                    aria-label={t('backup.folder')}
                    placeholder={t('backup.folderPlaceholder')}
                    defaultValue={dir ?? ''}
                    key={dir ?? ''}
                    status={folderError ? 'error' : undefined}
                    onBlur={(e) => void saveTyped(e.target.value.trim())}
                    onPressEnter={(e) => void saveTyped(e.currentTarget.value.trim())}
                  />
                  {folderError && (
                    <Typography.Text type="danger" data-testid="folder-error">
                      {folderError}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                <>
                  <Typography.Text code>{dir ?? t('backup.noFolder')}</Typography.Text>
                  <Button icon={<FolderOpenOutlined />} onClick={() => void chooseFolder()}>
                    {t('backup.chooseFolder')}
                  </Button>
                </>
              )}
              <span>{t('backup.keep')}</span>
              <InputNumber min={1} max={365} value={settings.keep} aria-label={t('backup.keep')} onChange={(v) => typeof v === 'number' && void save({ ...settings, keep: v })} style={{ width: 80 }} />
            </Space>
            <Space wrap>
              <Switch checked={settings.enabled} disabled={!dir} onChange={(enabled) => void save({ ...settings, enabled })} aria-label={t('backup.autoEnable')} />
              <span>{t('backup.autoEnable')}</span>
              <span className="muted">{last ? t('backup.lastAuto', { time: formatDateTime(last) }) : t('backup.noAutoYet')}</span>
            </Space>
            {!dir && <Typography.Text type="secondary">{t('backup.autoNeedsFolder')}</Typography.Text>}
            {settings.enabled && dir && (
              <Alert
                type="info"
                showIcon
                data-testid="next-auto"
                message={backedUpToday ? t('backup.nextAuto') : t('backup.firstAuto', { time: formatDateTime(nextCheckAt ?? Date.now()) })}
              />
            )}
            <Table<FileRow>
              size="small"
              rowKey="name"
              dataSource={files}
              pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
              locale={{ emptyText: t('backup.noFiles') }}
              columns={[
                { title: t('backup.fileName'), dataIndex: 'name', render: (v: string) => <span className="mono">{v}</span> },
                { title: t('backup.size'), dataIndex: 'size', width: 110, render: (v: number) => (v < 1024 * 1024 ? `${Math.max(1, Math.round(v / 1024))} KB` : `${(v / 1024 / 1024).toFixed(1)} MB`) },
                { title: t('backup.time'), dataIndex: 'modifiedAt', width: 150, render: (v: number) => formatDateTime(v) },
              ]}
            />
          </Space>
        </Card>
        <PassphraseCard onChange={setSealed} />
        <Card title={t('backup.restoreTitle')} size="small">
          <RestorePanel overExisting />
        </Card>
      </Space>
      <Modal
        open={target !== undefined}
        title={t('backup.signTitle')}
        onCancel={() => !busy && closeSign()}
        onOk={() => void backupNow()}
        okText={t('backup.start')}
        okButtonProps={{ loading: busy, disabled: password === '' }}
        cancelButtonProps={{ disabled: busy }}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('backup.signHelp')}</Typography.Text>
          {sealed && <Alert type="info" showIcon message={t('backupPass.sealedNote')} />}
          <Input.Password aria-label={t('backup.signPassword')} placeholder={t('backup.signPassword')} value={password} onChange={(e) => setPassword(e.target.value)} onPressEnter={() => password !== '' && !busy && void backupNow()} autoFocus />
          {signError && <Alert type="error" showIcon message={signError} />}
          {progress && <Progress percent={progress.total === 0 ? 0 : Math.floor((progress.done / progress.total) * 100)} format={() => t('backup.progress', { done: progress.done, total: progress.total })} />}
        </Space>
      </Modal>
    </div>
  );
}
