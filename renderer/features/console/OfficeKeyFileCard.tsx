import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Space, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { newPassphrase } from '../../../shared/domain/passphrase';
import { utf8 } from '../../../shared/crypto/sm3';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { download } from '../../ui/files';
import { PasswordField } from '../../ui/LimitedInput';
import { PasswordFields } from '../../ui/PasswordFields';
import { keyFailureText } from '../bundles/unitKeyActions';

interface Fields {
  login: string;
  grant?: string;
  password: string;
  confirm: string;
}

/**
 * The office's encryption keys as a password-sealed file, for the command
 * line (`zwledger verify --office-key`, `ingest --office-key`). Main opens
 * the keys with the auditor's own password and seals the file with the one
 * typed here; the private keys never pass through the page in the clear.
 */
export function OfficeKeyFileCard() {
  const t = useT();
  const unit = useSession((s) => s.unit);
  const account = useSession((s) => s.account);
  const [form] = Form.useForm<Fields>();
  const [keys, setKeys] = useState<number | null>(null);
  const [needGrant, setNeedGrant] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string }>();

  useEffect(() => {
    if (unit) void invoke('sealKey:list', { unitId: unit.id }).then((r) => setKeys(r.keys.length));
  }, [unit]);
  if (!unit || !account) return null;

  const write = async (v: Fields) => {
    setBusy(true);
    setResult(undefined);
    try {
      const made = await invoke('sealKey:export', { unitId: unit.id, accountId: account.id, password: v.login, ...(v.grant ? { grant: v.grant } : {}), filePassword: v.password });
      if (!made.ok) {
        if (made.code === 'needGrant') setNeedGrant(true);
        return setResult({ type: 'error', text: t(keyFailureText(made.code)) });
      }
      const fileName = `office-key-${unit.code}-${dayjs().format('YYYYMMDD')}.json`;
      download(fileName, utf8(made.text));
      form.resetFields();
      setNeedGrant(false);
      setResult({ type: 'success', text: t('officeKeyFile.done', { file: fileName }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('officeKeyFile.title')} data-testid="office-key-file">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('officeKeyFile.help')}</Typography.Text>
        <Alert type="warning" showIcon message={t('officeKeyFile.keep')} />
        {keys === 0 ? (
          <Alert type="info" showIcon message={t('officeKeyFile.none')} />
        ) : (
          <Form<Fields> form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={(v) => void write(v)} requiredMark={false}>
            <Form.Item name="login" label={t('officeKeyFile.login')} rules={[{ required: true, message: t('err.requiredField') }]}>
              <PasswordField max={128} autoComplete="current-password" />
            </Form.Item>
            {needGrant && (
              <Form.Item name="grant" label={t('issue.grant')} rules={[{ required: true, message: t('err.requiredField') }]}>
                <PasswordField max={128} autoComplete="off" />
              </Form.Item>
            )}
            <PasswordFields label={t('officeKeyFile.password')} confirmLabel={t('officeKeyFile.confirm')} rule={newPassphrase} hint={t('passphrase.hint')} />
            <Button type="primary" htmlType="submit" icon={<ExportOutlined />} loading={busy}>
              {t('officeKeyFile.export')}
            </Button>
          </Form>
        )}
        {result && <Alert type={result.type} showIcon message={result.text} data-testid="office-key-file-result" />}
      </Space>
    </Card>
  );
}
