import { useCallback, useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { accountInput, type Account } from '../../../shared/domain/account';
import { ROLES } from '../../../shared/domain/roles';
import { createAccount, disableAccount, listAccounts, updateAccount } from '../../db/accounts';
import { db } from '../../app/db';
import { invoke } from '../../app/ipc';
import { useT } from '../../app/i18n';
import { useActor } from '../../app/session';
import { formatDateTime } from '../../app/format';
import { useFormWrite, WriteErrors } from '../../app/useFormWrite';
import { PasswordFields } from '../../app/PasswordFields';
import { PageHead } from '../../app/PageHead';
import { zodRule } from '../../app/zodRule';

type Dialog = { kind: 'create' } | { kind: 'password'; account: Account } | { kind: 'disable'; account: Account };

/** Accounts of the unit, each with a role. Disabling is retirement: stamps stay resolvable. */
export function AccountsPage() {
  const t = useT();
  const actor = useActor();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [dialog, setDialog] = useState<Dialog>();
  const [form] = Form.useForm();
  const { busy, banner, run, clearBanner } = useFormWrite(form);

  const reload = useCallback(async () => setAccounts(await listAccounts(db, actor.unitId)), [actor.unitId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const open = (d: Dialog) => {
    form.resetFields();
    clearBanner();
    setDialog(d);
  };

  const submit = async () => {
    if (!dialog) return;
    const values = (await form.validateFields()) as Record<string, string>;
    const password = values.password ?? '';
    const done = await run(
      async () => {
        if (dialog.kind === 'create') {
          const { hash } = await invoke('auth:hashPassword', { password });
          await createAccount(db, actor, { username: values.username ?? '', displayName: values.displayName ?? '', role: values.role as Account['role'] }, hash);
        } else if (dialog.kind === 'password') {
          const { hash } = await invoke('auth:hashPassword', { password });
          await updateAccount(db, actor, dialog.account.id, dialog.account.rev, { passwordHash: hash });
        } else {
          await disableAccount(db, actor, dialog.account.id, dialog.account.rev, values.reason ?? '');
        }
      },
      dialog.kind === 'create' ? 'accounts.created' : dialog.kind === 'password' ? 'accounts.passwordReset' : 'accounts.disabled',
    );
    if (!done) return;
    setDialog(undefined);
    await reload();
  };

  return (
    <div className="page">
      <PageHead
        title={t('accounts.title')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
            {t('accounts.add')}
          </Button>
        }
      />
      <Table<Account>
        rowKey="id"
        size="middle"
        dataSource={[...accounts].sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || a.username.localeCompare(b.username))}
        pagination={false}
        columns={[
          { title: t('account.username'), dataIndex: 'username' },
          { title: t('account.displayName'), dataIndex: 'displayName' },
          { title: t('account.role'), render: (_, a) => <Tag color={a.role === 'admin' ? 'red' : 'blue'}>{t(`role.${a.role}`)}</Tag> },
          { title: t('device.updatedAt'), render: (_, a) => formatDateTime(a.updatedAt) },
          {
            title: t('device.status'),
            render: (_, a) => (a.retiredAt !== null ? <Tag>{`${t('accounts.disabled')}：${a.retiredReason ?? ''}`}</Tag> : <Tag color="green">{t('device.status.inUse')}</Tag>),
          },
          {
            title: t('common.actions'),
            render: (_, a) =>
              a.retiredAt === null && (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => open({ kind: 'password', account: a })}>
                    {t('accounts.resetPassword')}
                  </Button>
                  {a.id !== actor.accountId && (
                    <Button type="link" size="small" danger onClick={() => open({ kind: 'disable', account: a })}>
                      {t('accounts.disable')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={dialog !== undefined}
        title={dialog?.kind === 'create' ? t('accounts.add') : dialog?.kind === 'password' ? `${t('accounts.resetPassword')}：${dialog.account.username}` : dialog ? `${t('accounts.disable')}：${dialog.account.username}` : ''}
        onOk={() => void submit().catch(() => undefined)}
        okButtonProps={{ loading: busy, danger: dialog?.kind === 'disable' }}
        onCancel={() => setDialog(undefined)}
        destroyOnHidden
      >
        <WriteErrors messages={banner} />
        <Form form={form} layout="vertical" preserve={false} initialValues={{ role: 'docOfficer' }}>
          {dialog?.kind === 'create' && (
            <>
              <Form.Item name="username" required label={t('account.username')} rules={[zodRule(t, accountInput.shape.username)]}>
                <Input maxLength={32} autoComplete="off" />
              </Form.Item>
              <Form.Item name="displayName" required label={t('account.displayName')} rules={[zodRule(t, accountInput.shape.displayName)]}>
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name="role" label={t('account.role')}>
                <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
              </Form.Item>
              <PasswordFields />
            </>
          )}
          {dialog?.kind === 'password' && <PasswordFields />}
          {dialog?.kind === 'disable' && (
            <Form.Item name="reason" label={t('accounts.disableReason')} rules={[{ required: true, min: 2, message: t('err.retire.reason') }]}>
              <Input maxLength={200} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
