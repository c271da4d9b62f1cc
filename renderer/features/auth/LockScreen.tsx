import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { signinFailureText } from './signinMessage';

/** Covers the app while the session is locked; the data behind it stays unrendered-interactive. */
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
    <Modal open closable={false} maskClosable={false} keyboard={false} footer={null} title={<><LockOutlined /> {t('lock.title')}</>} mask={{ blur: true }} width={400}>
      <Typography.Paragraph>{t('lock.hint', { name: account?.displayName ?? '' })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="password" label={t('account.password')} rules={[{ required: true, message: t('err.required') }]}>
          <Input.Password autoFocus autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Button onClick={signOut}>{t('signin.switchUser')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('lock.unlock')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
