import { useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { CryptoSuite } from '../../../shared/bundle/suites';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { Fingerprint } from '../../ui/Fingerprint';
import { keyFailureText } from '../bundles/unitKeyActions';

export type SealKeyStatus = ResponseOf<'sealKey:list'>['keys'][number];

/**
 * The office's encryption key for sealed bundles: made (or changed) here, in
 * the suite of the office's signing key, with the password typed for
 * signing; the next policy carries it to the units.
 */
export function SealKeyCard(props: { unitId: string; accountId: string; suite: CryptoSuite; password: string; grant: string | undefined; keys: SealKeyStatus[]; onKeys: (keys: SealKeyStatus[]) => void; onNeedGrant: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string }>();
  const current = props.keys.at(-1);

  const make = async () => {
    if (props.password === '') return setResult({ type: 'error', text: t('seal.office.needPassword') });
    setBusy(true);
    setResult(undefined);
    try {
      const made = await invoke('sealKey:create', { unitId: props.unitId, suite: props.suite, accountId: props.accountId, password: props.password, ...(props.grant ? { grant: props.grant } : {}) });
      if (!made.ok) {
        // The same grant as for signing: the key's administrator lets this auditor in once.
        if (made.code === 'needGrant') props.onNeedGrant();
        return setResult({ type: 'error', text: t(keyFailureText(made.code)) });
      }
      props.onKeys(made.keys);
      setResult({ type: 'success', text: t('seal.office.created') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('seal.office.title')} data-testid="seal-key-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('seal.office.help')}</Typography.Text>
        {current ? (
          <>
            <Typography.Text>{t('seal.office.current')}</Typography.Text>
            <Fingerprint value={current.fingerprint} testId="seal-fingerprint" />
            {props.keys.length > 1 && <Typography.Text type="secondary">{t('seal.office.older', { n: props.keys.length - 1 })}</Typography.Text>}
          </>
        ) : (
          <Alert type="warning" showIcon message={t('seal.office.none')} />
        )}
        <Button icon={<LockOutlined />} loading={busy} onClick={() => void make()} data-testid="seal-key-make">
          {current ? t('seal.office.rotate') : t('seal.office.create')}
        </Button>
        {result && <Alert type={result.type} showIcon message={result.text} data-testid="seal-key-result" />}
      </Space>
    </Card>
  );
}
