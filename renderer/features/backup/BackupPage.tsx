import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { CloudDownloadOutlined, FolderOpenOutlined, SaveOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { invoke } from '../../app/ipc';
import { useT } from '../../app/i18n';
import { PageHead } from '../../app/PageHead';
import { useSession } from '../../app/session';
import { DEFAULT_BACKUP_SETTINGS, lastAutoBackup, loadBackupSettings, saveBackupSettings, type BackupSettings } from './backupSettings';
import { makeBackup, writeToFolder } from './backupActions';
import { download } from '../../app/files';
import { RestorePanel } from './RestorePanel';

interface FileRow {
  name: string;
  size: number;
  modifiedAt: number;
}

/** Backups: one now, daily ones into a folder keeping the last N, and restore. */
export function BackupPage() {
  const t = useT();
  const { message } = App.useApp();
  const name = useSession((s) => s.account?.displayName ?? '');
  const [settings, setSettings] = useState<BackupSettings>(DEFAULT_BACKUP_SETTINGS);
  const [last, setLast] = useState<number | null>(null);
  const [files, setFiles] = useState<FileRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [electron, setElectron] = useState(false);

  const refresh = useCallback(async (dir: string) => {
    setLast(await lastAutoBackup());
    setFiles(dir === '' ? [] : (await invoke('backup:list', { dir })).files);
  }, []);

  useEffect(() => {
    void loadBackupSettings().then((s) => {
      setSettings(s);
      void refresh(s.dir);
    });
    void invoke('app:info', {}).then((info) => setElectron(info.mode === 'electron'));
  }, [refresh]);

  const save = async (next: BackupSettings) => {
    setSettings(next);
    await saveBackupSettings(next);
    void message.success(t('common.saved'));
    void refresh(next.dir);
  };

  const backupNow = async (target: 'download' | 'folder') => {
    setBusy(true);
    try {
      const backup = await makeBackup(name);
      if (target === 'download') download(backup.fileName, backup.bytes);
      else void message.success(t('backup.writtenTo', { name: await writeToFolder(settings.dir, settings.keep, 'manual', backup) }));
      await refresh(settings.dir);
    } catch (e) {
      void message.error(t('err.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const chooseFolder = async () => {
    const { dir } = await invoke('backup:chooseFolder', {});
    if (dir) await save({ ...settings, dir });
  };

  return (
    <div className="page">
      <PageHead title={t('backup.title')} rule={t('backup.rule')} />
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 980 }}>
        <Card title={t('backup.now')} size="small">
          <Space wrap>
            <Button type="primary" icon={<CloudDownloadOutlined />} loading={busy} onClick={() => void backupNow('download')}>
              {t('backup.toFile')}
            </Button>
            <Button icon={<SaveOutlined />} loading={busy} disabled={settings.dir === ''} onClick={() => void backupNow('folder')}>
              {t('backup.toFolder')}
            </Button>
            <Typography.Text type="secondary">{t('backup.nowHelp')}</Typography.Text>
          </Space>
        </Card>
        <Card title={t('backup.auto')} size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Switch checked={settings.enabled} disabled={settings.dir === ''} onChange={(enabled) => void save({ ...settings, enabled })} aria-label={t('backup.autoEnable')} />
              <span>{t('backup.autoEnable')}</span>
              <span className="muted">{last ? t('backup.lastAuto', { time: formatDateTime(last) }) : t('backup.noAutoYet')}</span>
            </Space>
            <Space wrap>
              <span>{t('backup.folder')}</span>
              {electron ? (
                <>
                  <Typography.Text code>{settings.dir || t('backup.noFolder')}</Typography.Text>
                  <Button icon={<FolderOpenOutlined />} onClick={() => void chooseFolder()}>
                    {t('backup.chooseFolder')}
                  </Button>
                </>
              ) : (
                <Input
                  style={{ width: 420 }}
                  aria-label={t('backup.folder')}
                  placeholder={t('backup.folderPlaceholder')}
                  defaultValue={settings.dir}
                  key={settings.dir}
                  onBlur={(e) => e.target.value.trim() !== settings.dir && void save({ ...settings, dir: e.target.value.trim() })}
                />
              )}
              <span>{t('backup.keep')}</span>
              <InputNumber min={1} max={365} value={settings.keep} aria-label={t('backup.keep')} onChange={(v) => typeof v === 'number' && void save({ ...settings, keep: v })} style={{ width: 80 }} />
            </Space>
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
        <Card title={t('backup.restoreTitle')} size="small">
          <RestorePanel overExisting />
        </Card>
      </Space>
    </div>
  );
}
