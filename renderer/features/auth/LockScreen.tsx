import { useState } from 'react';
import { Alert, Button, Card, Form, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { signinFailureText } from './signinMessage';
import { PasswordField, lengthRule } from '../../ui/LimitedInput';

/**
 * Covers the whole window while the session is locked: an opaque layer, not a
 * dialog over the data, so nothing of the ledgers shows through.
 */
export function LockScreen() {
  const t = useT();
  const { account, unlock, signOut } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      const result = await unlock(password);
      if (result.ok) {
        setError(undefined);
        form.resetFields();
      } else {
        setError(signinFailureText(t, result));
        form.setFieldValue('password', '');
        if ('lockedUntil' in result) signOut();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lock-cover" role="dialog" aria-modal="true" aria-label={t('lock.title')}>
      <Card className="signin-card" title={<><LockOutlined /> {t('lock.title')}</>}>
      <Typography.Paragraph>{t('lock.hint', { name: account?.displayName ?? '' })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="password" label={t('account.password')} rules={[{ required: true, message: t('err.required') }, lengthRule(t, 128)]}>
          <PasswordField autoFocus autoComplete="current-password" max={128} />
        </Form.Item>
        <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Button onClick={signOut}>{t('signin.switchUser')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('lock.unlock')}
          </Button>
        </Space>
      </Form>
      </Card>
    </div>
  );
}
