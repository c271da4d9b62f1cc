import { Form } from 'antd';
import { PasswordField } from './LimitedInput';
import { newPassword } from '../../shared/domain/account';
import { useT } from '../i18n';
import { zodRule } from './zodRule';

/** A new password and its confirmation, checked by the same rule as the repository's. */
export function PasswordFields({ label, confirmLabel }: { label?: string; confirmLabel?: string } = {}) {
  const t = useT();
  return (
    <>
      <Form.Item name="password" required label={label ?? t('account.password')} extra={t('account.passwordHint')} rules={[zodRule(t, newPassword)]}>
        <PasswordField max={128} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        required
        label={confirmLabel ?? t('account.passwordConfirm')}
        dependencies={['password']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value !== getFieldValue('password')) throw new Error(t('err.password.mismatch'));
            },
          }),
        ]}
      >
        <PasswordField max={128} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
