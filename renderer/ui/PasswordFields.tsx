import { Form } from 'antd';
import type { z } from 'zod';
import { PasswordField } from './LimitedInput';
import { newPassword } from '../../shared/domain/account';
import { useT } from '../i18n';
import { zodRule } from './zodRule';

/** A new password and its confirmation, checked by the same rule as the repository's (or, for a passphrase, as main's). */
export function PasswordFields({ label, confirmLabel, rule = newPassword, hint }: { label?: string; confirmLabel?: string; rule?: z.ZodType<string>; hint?: string } = {}) {
  const t = useT();
  return (
    <>
      <Form.Item name="password" required label={label ?? t('account.password')} extra={hint ?? t('account.passwordHint')} rules={[zodRule(t, rule)]}>
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
