import { Input, type FormRule } from 'antd';
import type { InputProps, PasswordProps, TextAreaProps } from 'antd/es/input';
import type { Translate } from '../i18n';

/**
 * Text fields that never cut what was typed or pasted. antd's `maxLength`
 * drops the rest of a paste without a word — a 10 MB paste into 备注 became
 * its first 200 characters and was saved as if that were what the user
 * meant. These keep everything, show the count once it nears the limit,
 * turn red past it, and `lengthRule` says how much is too long, so the user
 * decides what to cut.
 */

const NEAR = 0.8;

function counter(max: number) {
  return {
    max,
    show: ({ count }: { count: number }) => (count >= max * NEAR ? `${count.toLocaleString('zh-CN')} / ${max}` : null),
  };
}

type Limited<P> = Omit<P, 'maxLength' | 'count' | 'showCount'> & { max: number };

export function TextField({ max, ...rest }: Limited<InputProps>) {
  return <Input {...rest} count={counter(max)} />;
}

export function TextBox({ max, ...rest }: Limited<TextAreaProps>) {
  return <Input.TextArea {...rest} count={{ max, show: true }} />;
}

/** Passwords show no count (it would say how long the password is), but a paste is never cut either. */
export function PasswordField({ max, ...rest }: Limited<PasswordProps>) {
  return <Input.Password {...rest} count={{ max }} />;
}

/** The form's rule for a limited field: the message says the limit and how long the text is. */
export function lengthRule(t: Translate, max: number): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string') return;
      const length = value.trim().length;
      if (length > max) throw new Error(t('err.tooLongBy', { max, n: length.toLocaleString('zh-CN') }));
    },
  };
}
