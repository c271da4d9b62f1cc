import { useState } from 'react';
import { Alert, Button, Descriptions, Input, Popconfirm, Progress, Space, Typography } from 'antd';
import { UnlockOutlined, UploadOutlined } from '@ant-design/icons';
import { BackupError, blobSource, openBackup, restoreBackup, sealedHead, unsealedSource, type BackupProgress, type BackupSource, type OpenedBackup } from '../../db/backup';
import { databases, db } from '../../state/db';
import { formatDateTime, formatTime } from '../../ui/format';
import { invoke } from '../../state/ipc';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../state/session';
import { FilePickButton } from '../../ui/FilePickButton';
import { Fingerprint } from '../../ui/Fingerprint';
import { toBase64 } from '../../../shared/encoding/base64';
import { loadBackupSettings } from './backupSettings';
import { backupToFolder, BackupWriteError } from './backupActions';

export const TABLE_LABELS: Record<string, MessageKey> = {
  devices: 'nav.devices', dutyLogs: 'nav.duty', faults: 'nav.faults', scans: 'nav.scans', incidents: 'nav.incidents', inspections: 'nav.inspections',
  trainings: 'nav.trainings', copyFilings: 'nav.copies', maintainers: 'nav.maintainers', checkins: 'nav.checkins', accounts: 'nav.accounts', selfAssessments: 'nav.selfAssessment',
};

type Verdict = { fingerprint: string; signer: 'thisPc' | 'unknown' };

/** Main refused the seal: the same words whether at choosing the file or at restoring. */
class SealRefused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/**
 * Restore from a backup file. Main judges the signature first: on a PC that
 * holds a key, only this unit's own (current or retired) is accepted; on a
 * PC with none, the signer's fingerprint is shown to compare and the
 * password of one of the backup's administrators is asked. Over existing
 * data it also asks the signed-in administrator's password and first keeps
 * the data it replaces as a backup, saying so only once main has written it.
 */
export function RestorePanel({ overExisting }: { overExisting: boolean }) {
  const t = useT();
  const account = useSession((s) => s.account);
  const [opened, setOpened] = useState<OpenedBackup>();
  const [verdict, setVerdict] = useState<Verdict>();
  const [fileName, setFileName] = useState('');
  const [password, setPassword] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<BackupProgress>();
  const [kept, setKept] = useState<string>();
  const [done, setDone] = useState(false);
  // A backup sealed with a passphrase: its start, until main opens it with the one typed here.
  const [locked, setLocked] = useState<{ source: BackupSource; head: Uint8Array } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [unlocking, setUnlocking] = useState(false);

  const explain = (e: unknown) =>
    e instanceof BackupError
      ? t(`backup.error.${e.code}`)
      : e instanceof SealRefused
        ? t(e.key)
        : e instanceof BackupWriteError
          ? t(`backup.fail.${e.code}`)
          : t('err.generic', { message: e instanceof Error ? e.message : String(e) });

  const askMain = async (backup: OpenedBackup, withPassword?: string) =>
    invoke('backup:verify', { manifest: toBase64(backup.manifestBytes), signature: backup.signature, ...(withPassword === undefined ? {} : { password: withPassword }) });

  /** Reads the manifest and has main judge the signature; nothing is trusted before. */
  const inspect = async (source: BackupSource) => {
    const backup = await openBackup(source, db);
    const answer = await askMain(backup);
    if (answer.ok) setVerdict({ fingerprint: answer.fingerprint, signer: 'thisPc' });
    else if (answer.code === 'needPassword' && answer.fingerprint) setVerdict({ fingerprint: answer.fingerprint, signer: 'unknown' });
    else throw new SealRefused(answer.code === 'otherKey' ? 'backup.error.otherKey' : 'backup.error.badSignature');
    setOpened(backup);
  };

  const choose = async (file: File) => {
    setError(undefined);
    setOpened(undefined);
    setVerdict(undefined);
    setKept(undefined);
    setLocked(null);
    setPassphrase('');
    try {
      setFileName(file.name);
      const source = blobSource(file);
      const head = await sealedHead(source);
      if (head) setLocked({ source, head });
      else await inspect(source);
    } catch (e) {
      setError(explain(e));
    }
  };

  const unlock = async () => {
    if (!locked) return;
    setError(undefined);
    setUnlocking(true);
    try {
      const answer = await invoke('backupPass:unlock', { head: toBase64(locked.head), passphrase });
      if (!answer.ok) return setError(t(answer.code === 'wrongPassphrase' ? 'backupPass.wrong' : 'backup.error.format'));
      await inspect(unsealedSource(locked.source, locked.head, answer.fileKey));
      setLocked(null);
      setPassphrase('');
    } catch (e) {
      setError(explain(e));
    } finally {
      setUnlocking(false);
    }
  };

  const restore = async () => {
    if (!opened || !verdict) return;
    setError(undefined);
    setProgress({ done: 0, total: 0 });
    try {
      if (overExisting) {
        // Counted by main like a sign-in: restore is no way round the lock.
        const checked = account ? await invoke('auth:confirm', { accountId: account.id, password }) : { ok: false as const, left: 0 };
        if (!checked.ok) {
          setError('lockedUntil' in checked ? t('signin.locked', { time: formatTime(checked.lockedUntil) }) : t('backup.wrongPassword'));
          setProgress(undefined);
          return;
        }
        // The data about to be replaced is kept first, signed, by main: a restore can itself be undone.
        if (!kept) {
          const { keep } = await loadBackupSettings();
          const before = await backupToFolder({ kind: 'beforeRestore', keep, password, createdBy: account?.displayName ?? '' });
          setKept(t('backup.keptInFolder', { name: before.name, dir: before.dir }));
        }
      }
      await restoreBackup(db, opened, {
        directory: databases,
        approve: async (backup) => {
          const answer = await askMain(backup, verdict.signer === 'unknown' ? backupPassword : undefined);
          if (!answer.ok) throw new SealRefused(answer.code === 'wrongPassword' ? 'backup.backupWrongPassword' : answer.code === 'otherKey' ? 'backup.error.otherKey' : 'backup.error.badSignature');
        },
        onProgress: setProgress,
      });
      setDone(true);
      setTimeout(() => window.location.reload(), 2500);
    } catch (e) {
      setError(explain(e));
    } finally {
      setProgress(undefined);
    }
  };

  const manifest = opened?.manifest;
  const counts = manifest?.counts ?? {};
  const ready = !(overExisting && password === '') && !(verdict?.signer === 'unknown' && backupPassword === '');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} align="start">
      <Typography.Text type="secondary">{t(overExisting ? 'backup.restoreHelp' : 'backup.restoreFreshHelp')}</Typography.Text>
      <FilePickButton accept=".zwbak" testId="restore-file" icon={<UploadOutlined />} onFile={(file) => void choose(file)}>
        {t('backup.chooseFile')}
      </FilePickButton>
      {locked && (
        <Space orientation="vertical" data-testid="restore-locked">
          <Alert type="info" showIcon message={t('backupPass.locked', { file: fileName })} />
          <Space wrap>
            <Input.Password placeholder={t('backupPass.restorePassphrase')} aria-label={t('backupPass.restorePassphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} onPressEnter={() => passphrase !== '' && void unlock()} style={{ width: 320 }} />
            <Button icon={<UnlockOutlined />} loading={unlocking} disabled={passphrase === ''} onClick={() => void unlock()}>
              {t('backupPass.open')}
            </Button>
          </Space>
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} data-testid="restore-error" />}
      {(kept || done) && <Alert type="success" showIcon message={`${kept ?? ''}${kept && done ? ' ' : ''}${done ? t('backup.restored') : ''}`} data-testid="restore-done" />}
      {manifest && verdict && !done && (
        <>
          <Descriptions
            size="small"
            bordered
            column={2}
            data-testid="restore-summary"
            items={[
              { key: 'file', label: t('backup.file'), children: fileName, span: 2 },
              { key: 'unit', label: t('backup.unit'), children: manifest.unit ? `${manifest.unit.name}（${manifest.unit.code}）` : '—' },
              { key: 'at', label: t('backup.createdAt'), children: `${formatDateTime(manifest.createdAt)} · ${manifest.createdBy}` },
              ...Object.entries(TABLE_LABELS)
                .filter(([name]) => (counts[name] ?? 0) > 0)
                .map(([name, label]) => ({ key: name, label: t(label), children: String(counts[name]) })),
              { key: 'signer', label: t('backup.signer'), span: 2, children: <Fingerprint value={verdict.fingerprint} testId="restore-fingerprint" /> },
            ]}
          />
          {verdict.signer === 'thisPc' ? (
            <Alert type="success" showIcon message={t('backup.signerThisPc')} />
          ) : (
            <>
              <Alert type="warning" showIcon message={t('backup.signerUnknown')} />
              <Input.Password placeholder={t('backup.backupAdminPassword')} aria-label={t('backup.backupAdminPassword')} value={backupPassword} onChange={(e) => setBackupPassword(e.target.value)} style={{ maxWidth: 320 }} />
            </>
          )}
          {overExisting && (
            <>
              <Alert type="warning" showIcon message={t('backup.replaceWarning')} />
              <Input.Password placeholder={t('backup.adminPassword')} aria-label={t('backup.adminPassword')} value={password} onChange={(e) => setPassword(e.target.value)} style={{ maxWidth: 320 }} />
            </>
          )}
          {progress && <Progress style={{ width: 420 }} percent={progress.total === 0 ? 0 : Math.floor((progress.done / progress.total) * 100)} format={() => t('backup.progress', { done: progress.done, total: progress.total })} />}
          <Popconfirm title={t('backup.confirmRestore')} onConfirm={() => void restore()} okText={t('backup.restore')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}>
            <Button danger type="primary" loading={progress !== undefined} disabled={!ready} data-testid="restore-button">
              {t('backup.restore')}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );
}
