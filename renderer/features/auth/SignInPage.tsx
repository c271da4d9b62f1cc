import { useState } from 'react';
import { Alert, Button, Card, Form, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { LanguageSwitch } from '../settings/LanguageSwitch';
import { signinFailureText } from './signinMessage';
import { RestoredNotice } from '../backup/RestoredNotice';
import { PasswordField, TextField, lengthRule } from '../../ui/LimitedInput';

export function SignInPage() {
  const t = useT();
  const unit = useSession((s) => s.unit);
  const signIn = useSession((s) => s.signIn);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ username: string; password: string }>();

  const submit = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await signIn(username, password);
      if (!result.ok) {
        setError(signinFailureText(t, result));
        form.setFieldValue('password', '');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-page">
      <Card className="signin-card" extra={<LanguageSwitch />} title={t('app.name')}>
        <Typography.Paragraph type="secondary">{unit?.name}</Typography.Paragraph>
        <RestoredNotice />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="username" label={t('account.username')} rules={[{ required: true, message: t('err.required') }, lengthRule(t, 32)]}>
            <TextField prefix={<UserOutlined />} autoComplete="username" autoFocus max={32} />
          </Form.Item>
          <Form.Item name="password" label={t('account.password')} rules={[{ required: true, message: t('err.required') }, lengthRule(t, 128)]}>
            <PasswordField prefix={<LockOutlined />} autoComplete="current-password" max={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signin.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
