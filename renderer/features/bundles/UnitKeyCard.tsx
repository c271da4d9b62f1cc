import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, KeyOutlined, SyncOutlined } from '@ant-design/icons';
import { CRYPTO_SUITES, DEFAULT_SUITE, type CryptoSuite } from '../../../shared/bundle/suites';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { download } from '../../ui/files';
import { formatDateTime } from '../../ui/format';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { keyFailureText } from './unitKeyActions';
import { usePolicy } from '../policy/policyStore';
import { Fingerprint } from '../../ui/Fingerprint';
import { db } from '../../state/db';
import { lastExport } from '../../db/bundleExport';
import { noteEnrolmentGiven } from '../../db/home';

export type KeyStatus = NonNullable<ResponseOf<'unitKey:status'>['key']>;
type Action = 'create' | 'rotate' | 'replace';

/** The unit's signing key: make it, show its fingerprint, hand out the enrolment file, rotate or replace it. */
export function UnitKeyCard({ status, damaged = false, onChange }: { status: KeyStatus | null; damaged?: boolean; onChange: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const unit = useSession((s) => s.unit);
  const account = useSession((s) => s.account);
  const [action, setAction] = useState<Action | null>(null);
  const [password, setPassword] = useState('');
  const policy = usePolicy((p) => p.policy);
  const loadPolicy = usePolicy((p) => p.load);
  // The office's policy names the suites it accepts; before any policy, the default.
  const accepted: readonly CryptoSuite[] = policy?.acceptedSuites ?? CRYPTO_SUITES;
  const preferred = policy?.acceptedSuites[0] ?? DEFAULT_SUITE;
  const [suite, setSuite] = useState<CryptoSuite>(preferred);
  useEffect(() => {
    if (unit) void loadPolicy(unit.id);
  }, [unit, loadPolicy]);
  useEffect(() => setSuite(preferred), [preferred]);
  // Bundles were exported from this unit's data before, yet this PC holds no key: the data came
  // here by a restore, and the private key stayed on the old PC, as it should.
  const [exportedBefore, setExportedBefore] = useState(false);
  useEffect(() => {
    if (unit && status === null) void lastExport(db, unit.id).then((l) => setExportedBefore(l !== null));
  }, [unit, status]);
  const outOfPolicy = status !== null && policy !== null && !policy.acceptedSuites.includes(status.suite);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!unit || !account) return null;
  const facts = { id: unit.id, name: unit.name, code: unit.code };

  const open = (a: Action) => {
    setAction(a);
    setPassword('');
    setError(undefined);
  };

  const run = async () => {
    if (!action) return;
    setBusy(true);
    setError(undefined);
    try {
      // Main checks the password itself, and counts it, before it touches the key.
      const result =
        action === 'rotate'
          ? await invoke('unitKey:rotate', { unitId: unit.id, accountId: account.id, password, ...(outOfPolicy ? { suite: preferred } : {}) })
          : await invoke('unitKey:create', { unit: facts, suite, accountId: account.id, password, replace: action === 'replace' });
      if (!result.ok) return setError(t(keyFailureText(result.code)));
      void message.success(t(action === 'rotate' ? 'key.rotatedDone' : 'key.created'));
      setAction(null);
      onChange();
    } catch (e) {
      setError(t('err.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const enrolment = async () => {
    const { text } = await invoke('unitKey:enrolment', { unit: facts });
    download(`zwledger-enrolment-${unit.code}.json`, new TextEncoder().encode(text));
    // The home page's first steps tick this off for the key handed out.
    if (status) await noteEnrolmentGiven(db, unit.id, status.keyId);
  };

  return (
    <Card size="small" title={t('key.title')} data-testid="unit-key">
      <Typography.Paragraph type="secondary">{t('key.rule')}</Typography.Paragraph>
      {status ? (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('key.fingerprint')}>
              <Fingerprint value={status.fingerprint} testId="fingerprint" />
              <Typography.Text type="secondary">{t('key.fingerprintHelp')}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('key.suite')}>{t(`key.suite.${status.suite}`)}</Descriptions.Item>
            <Descriptions.Item label={t('key.id')}>
              <span className="mono">{status.keyId}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('key.createdAt')}>
              <Space wrap>
                {formatDateTime(status.createdAt)}
                {status.rotated && <Tag color="blue">{t('key.rotated')}</Tag>}
                {status.retired > 0 && <Tag>{t('key.retired', { n: status.retired })}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('key.protection')}>{t(`key.protection.${status.protection}`)}</Descriptions.Item>
          </Descriptions>
          {outOfPolicy && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('key.outOfPolicy', { suite: t(`key.suite.${preferred}`) })} data-testid="key-out-of-policy" />}
          <Space wrap style={{ marginTop: 12 }}>
            <Button type="primary" icon={<DownloadOutlined />} onClick={() => void enrolment()}>
              {t('key.enrolment')}
            </Button>
            <Button icon={<SyncOutlined />} onClick={() => open('rotate')}>
              {t('key.rotate')}
            </Button>
            <Button danger onClick={() => open('replace')}>
              {t('key.replace')}
            </Button>
            <Typography.Text type="secondary">{t('key.enrolmentHelp')}</Typography.Text>
          </Space>
        </>
      ) : damaged ? (
        // A damaged file is not "no key": making a first one would be refused, so the way out is a replacement.
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="error" showIcon message={t('key.fail.damaged')} data-testid="key-damaged" />
          <Button danger icon={<KeyOutlined />} onClick={() => open('replace')}>
            {t('key.replace')}
          </Button>
        </Space>
      ) : (
        <>
          {exportedBefore && <Alert type="warning" showIcon data-testid="key-restored" style={{ marginBottom: 12 }} message={t('key.restoredTitle')} description={t('key.restoredHelp')} />}
          <Space wrap>
            <Typography.Text>{t('key.none')}</Typography.Text>
            <Button type="primary" icon={<KeyOutlined />} onClick={() => open('create')}>
              {t('key.create')}
            </Button>
          </Space>
        </>
      )}
      <Modal
        open={action !== null}
        title={action ? t(action === 'create' ? 'key.create' : action === 'rotate' ? 'key.rotate' : 'key.replace') : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: password === '', danger: action === 'replace' }}
        onOk={() => void run()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {action === 'rotate' && <Alert type="info" showIcon message={t('key.rotateConfirm')} />}
          {action === 'replace' && <Alert type="warning" showIcon message={t('key.replaceConfirm')} />}
          {action !== 'rotate' && (
            <Space>
              <span>{t('key.suite')}</span>
              <Select<CryptoSuite> value={suite} onChange={setSuite} style={{ width: 240 }} options={accepted.map((s) => ({ value: s, label: t(`key.suite.${s}`) }))} aria-label={t('key.suite')} />
            </Space>
          )}
          <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} placeholder={t('key.passwordHelp')} aria-label={t('key.password')} onPressEnter={() => password !== '' && void run()} autoFocus />
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      </Modal>
    </Card>
  );
}
