import { useCallback, useEffect, useState } from 'react';
import { Button, Form, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { accountInput, type Account } from '../../../shared/domain/account';
import { ROLES } from '../../../shared/domain/roles';
import { checkAccountChange, checkNewAccount, createAccount, disableAccount, listAccounts, updateAccount } from '../../db/accounts';
import { ValidationError } from '../../db/errors';
import { v7 as uuidv7 } from 'uuid';
import { db } from '../../state/db';
import { invoke } from '../../state/ipc';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useT } from '../../i18n';
import { useActor, useSession } from '../../state/session';
import { formatDateTime } from '../../ui/format';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { PasswordFields } from '../../ui/PasswordFields';
import { PageHead } from '../../ui/PageHead';
import { zodRule } from '../../ui/zodRule';
import { TextField, lengthRule } from '../../ui/LimitedInput';

type Dialog = { kind: 'create' } | { kind: 'edit'; account: Account } | { kind: 'password'; account: Account } | { kind: 'disable'; account: Account };

/** main's answer to an account change, as a refusal beside the form's fields. */
function guarded(result: ResponseOf<'auth:saveAccount'>): { hash: string | null } {
  if (!result.ok) throw new ValidationError([{ field: result.code === 'lastAdmin' ? 'role' : result.code === 'exists' ? 'username' : '', code: `guard.${result.code}` }]);
  return result;
}

/**
 * Accounts of the unit, each with a role. Disabling is retirement: stamps
 * stay resolvable. Main holds passwords and roles, so each change is checked
 * here, told to main with the administrator's session, then written here.
 */
export function AccountsPage() {
  const t = useT();
  const actor = useActor();
  const session = useSession((s) => s.token) ?? '';
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

  // The edited account's own values, set once its fields exist: the shared form would otherwise keep the last dialog's.
  useEffect(() => {
    if (dialog?.kind === 'edit') form.setFieldsValue({ displayName: dialog.account.displayName, role: dialog.account.role });
  }, [dialog, form]);

  const submit = async () => {
    if (!dialog) return;
    const values = (await form.validateFields()) as Record<string, string>;
    const password = values.password ?? '';
    const done = await run(
      async () => {
        if (dialog.kind === 'create') {
          const input = { username: values.username ?? '', displayName: values.displayName ?? '', role: values.role as Account['role'] };
          const body = await checkNewAccount(db, actor, input);
          const id = uuidv7();
          const saved = guarded(await invoke('auth:saveAccount', { session, accountId: id, username: body.username, role: body.role, retired: false, password }));
          await createAccount(db, actor, input, saved.hash ?? '', id);
        } else if (dialog.kind === 'edit') {
          const a = dialog.account;
          const changes = { displayName: values.displayName ?? '', role: values.role as Account['role'] };
          await checkAccountChange(db, actor, a.id, changes);
          guarded(await invoke('auth:saveAccount', { session, accountId: a.id, username: a.username, role: changes.role, retired: false }));
          await updateAccount(db, actor, a.id, a.rev, changes);
        } else if (dialog.kind === 'password') {
          const a = dialog.account;
          const saved = guarded(await invoke('auth:saveAccount', { session, accountId: a.id, username: a.username, role: a.role, retired: false, password }));
          await updateAccount(db, actor, a.id, a.rev, { passwordHash: saved.hash ?? a.passwordHash });
        } else {
          const a = dialog.account;
          if ((values.reason ?? '').trim().length < 2) throw new ValidationError([{ field: 'reason', code: 'retire.reason' }]);
          guarded(await invoke('auth:saveAccount', { session, accountId: a.id, username: a.username, role: a.role, retired: true }));
          await disableAccount(db, actor, a.id, a.rev, values.reason ?? '');
        }
      },
      dialog.kind === 'create' ? 'accounts.created' : dialog.kind === 'edit' ? 'accounts.edited' : dialog.kind === 'password' ? 'accounts.passwordReset' : 'accounts.disabled',
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
                  <Button type="link" size="small" onClick={() => open({ kind: 'edit', account: a })}>
                    {t('accounts.edit')}
                  </Button>
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
        title={dialog?.kind === 'create' ? t('accounts.add') : dialog?.kind === 'edit' ? `${t('accounts.edit')}：${dialog.account.username}` : dialog?.kind === 'password' ? `${t('accounts.resetPassword')}：${dialog.account.username}` : dialog ? `${t('accounts.disable')}：${dialog.account.username}` : ''}
        onOk={() => void submit().catch(() => undefined)}
        okButtonProps={{ loading: busy, danger: dialog?.kind === 'disable' }}
        onCancel={() => setDialog(undefined)}
        destroyOnHidden
      >
        <WriteErrors messages={banner} />
        <Form form={form} layout="vertical" preserve={false} initialValues={{ role: 'docOfficer' }}>
          {dialog?.kind === 'create' && (
            <Form.Item name="username" required label={t('account.username')} rules={[zodRule(t, accountInput.shape.username)]}>
              <TextField max={32} autoComplete="off" />
            </Form.Item>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
            <>
              <Form.Item name="displayName" required label={t('account.displayName')} rules={[zodRule(t, accountInput.shape.displayName)]}>
                <TextField max={30} />
              </Form.Item>
              <Form.Item name="role" label={t('account.role')}>
                <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
              </Form.Item>
            </>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'password') && <PasswordFields />}
          {dialog?.kind === 'disable' && (
            <Form.Item name="reason" label={t('accounts.disableReason')} rules={[{ required: true, min: 2, message: t('err.retire.reason') }, lengthRule(t, 200)]}>
              <TextField max={200} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
