import type { FormRule } from 'antd';
import type { z } from 'zod';
import type { Translate } from './i18n';
import { issueText } from './formErrors';

/** An antd form rule that runs a field's zod schema, so the form and the repository check the same thing. */
export function zodRule(t: Translate, schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const parsed = schema.safeParse(value ?? '');
      if (!parsed.success) throw new Error(issueText(t, parsed.error.issues[0]?.message ?? 'required'));
    },
  };
}
