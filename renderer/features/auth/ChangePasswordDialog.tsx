import { Form, Modal, message } from 'antd';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { PasswordField } from '../../ui/LimitedInput';
import { PasswordFields } from '../../ui/PasswordFields';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { db } from '../../state/db';
import { updateAccount } from '../../db/accounts';
import { ValidationError } from '../../db/errors';
import { can } from '../../../shared/domain/roles';
import { formatTime } from '../../ui/format';

interface Values {
  current: string;
  password: string;
  confirm: string;
}

/**
 * Every user's own password: the current one, then the new one twice. Main
 * checks the current one and counts it like a sign-in, so this dialog is no
 * way round the lock.
 */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { account, unit } = useSession();
  const [form] = Form.useForm<Values>();
  const { busy, banner, run } = useFormWrite(form);
  if (!account || !unit) return null;

  const submit = async () => {
    const values = await form.validateFields();
    const done = await run(async () => {
      if (values.current === values.password) throw new ValidationError([{ field: 'password', code: 'password.sameAsCurrent' }]);
      const result = await invoke('auth:changePassword', { accountId: account.id, current: values.current, next: values.password });
      if (!result.ok) {
        if ('lockedUntil' in result) throw new ValidationError([{ field: 'current', code: 'password.locked', vars: { time: formatTime(result.lockedUntil) } }]);
        throw new ValidationError([{ field: 'current', code: 'password.currentLeft', vars: { n: String(result.left) } }]);
      }
      // The page's copy travels in backups to a new PC; only an administrator's account write may keep it current.
      if (can(account.role, 'accounts.manage')) {
        const fresh = await db.accounts.get(account.id);
        if (fresh) await updateAccount(db, { unitId: unit.id, accountId: account.id, role: account.role }, fresh.id, fresh.rev, { passwordHash: result.hash });
      }
    });
    if (!done) return;
    void message.success(t('password.changed'));
    onClose();
  };

  return (
    <Modal open={open} title={t('password.change')} onOk={() => void submit().catch(() => undefined)} okButtonProps={{ loading: busy }} onCancel={onClose} destroyOnHidden>
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="current" required label={t('password.current')} rules={[{ required: true, message: t('err.required') }]}>
          <PasswordField max={128} autoComplete="current-password" />
        </Form.Item>
        <PasswordFields label={t('password.new')} confirmLabel={t('password.newConfirm')} />
      </Form>
    </Modal>
  );
}
