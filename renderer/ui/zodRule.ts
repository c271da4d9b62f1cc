import type { FormRule } from 'antd';
import type { z } from 'zod';
import type { Translate } from '../i18n';
import { issueText } from './formErrors';

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * An antd form rule that runs a field's zod schema, so the form and the
 * repository check the same thing. A required field left empty says
 * "请填写<label>", not the format it would have had to follow.
 */
export function zodRule(t: Translate, schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const parsed = schema.safeParse(value ?? '');
      if (parsed.success) return;
      if (isEmpty(value)) throw new Error(t('err.requiredField'));
      const issue = parsed.error.issues[0];
      if (issue?.code === 'too_big' && typeof value === 'string') throw new Error(t('err.tooLongBy', { max: Number(issue.maximum), n: value.trim().length.toLocaleString('zh-CN') }));
      throw new Error(issueText(t, issue?.message ?? 'required'));
    },
  };
}
