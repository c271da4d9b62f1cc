import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Popconfirm, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { newPassphrase } from '../../../shared/domain/passphrase';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { formatDateTime } from '../../ui/format';
import { PasswordField } from '../../ui/LimitedInput';
import { PasswordFields } from '../../ui/PasswordFields';

interface Fields {
  login: string;
  password: string;
  confirm: string;
}

/**
 * 用口令加密备份: sets, changes or drops the passphrase every backup is sealed
 * with from then on. Main keeps what it needs (backupPassphrase.ts); the
 * page only ever sends the passphrase once, with an administrator's password.
 */
export function PassphraseCard({ onChange }: { onChange?: (set: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const unit = useSession((s) => s.unit);
  const account = useSession((s) => s.account);
  const [form] = Form.useForm<Fields>();
  const [status, setStatus] = useState<ResponseOf<'backupPass:status'>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    const s = await invoke('backupPass:status', {});
    setStatus(s);
    onChange?.(s.set);
  }, [onChange]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (!unit || !account || !status) return null;

  const run = async (call: () => Promise<ResponseOf<'backupPass:set'>>, done: 'backupPass.saved' | 'backupPass.cleared') => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await call();
      if (!answer.ok) return setError(t(`backupPass.fail.${answer.code}`));
      form.resetFields();
      void message.success(t(done));
      await refresh();
    } finally {
      setBusy(false);
    }
  };

  const set = (v: Fields) => run(() => invoke('backupPass:set', { unitId: unit.id, accountId: account.id, password: v.login, passphrase: v.password }), 'backupPass.saved');
  const clear = async () => {
    const login = form.getFieldValue('login') as string | undefined;
    if (!login) return form.validateFields(['login']).catch(() => undefined);
    await run(() => invoke('backupPass:clear', { accountId: account.id, password: login }), 'backupPass.cleared');
  };

  return (
    <Card title={t('backupPass.title')} size="small" data-testid="backup-passphrase">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('backupPass.help')}</Typography.Text>
        {status.set ? <Alert type="success" showIcon message={t('backupPass.on', { time: formatDateTime(status.setAt) })} data-testid="backup-passphrase-state" /> : <Alert type="warning" showIcon message={t('backupPass.off')} data-testid="backup-passphrase-state" />}
        <Alert type="warning" showIcon message={t('backupPass.forget')} />
        <Form<Fields> form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={(v) => void set(v)} requiredMark={false}>
          <Form.Item name="login" label={t('backupPass.login')} rules={[{ required: true, message: t('err.requiredField') }]}>
            <PasswordField max={128} autoComplete="current-password" />
          </Form.Item>
          <PasswordFields label={t('backupPass.passphrase')} confirmLabel={t('backupPass.confirm')} rule={newPassphrase} hint={t('passphrase.hint')} />
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<LockOutlined />} loading={busy}>
              {t(status.set ? 'backupPass.change' : 'backupPass.set')}
            </Button>
            {status.set && (
              <Popconfirm title={t('backupPass.clearConfirm')} onConfirm={() => void clear()} okText={t('backupPass.clear')} cancelText={t('common.cancel')}>
                <Button disabled={busy}>{t('backupPass.clear')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
        {error && <Alert type="error" showIcon message={error} data-testid="backup-passphrase-error" />}
      </Space>
    </Card>
  );
}
