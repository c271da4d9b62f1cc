import type { FormInstance } from 'antd';
import { isQuotaError, ValidationError, StaleRecordError } from '../db/errors';
import { errorKey, type Translate } from '../i18n';
import { zh } from '../i18n/zh';

/** The message for an issue code, or the generic one with the code for anything unforeseen. */
export function issueText(t: Translate, code: string, vars?: Record<string, string>): string {
  const key = `err.${code}`;
  return key in zh ? t(errorKey(code), vars) : t('err.generic', { message: code });
}

/**
 * Shows a failed write beside the fields it concerns. Returns the messages
 * that belong to no field of the form, for a banner.
 */
export function showWriteError(form: FormInstance | undefined, error: unknown, t: Translate): string[] {
  if (error instanceof StaleRecordError) return [t('err.stale')];
  if (isQuotaError(error)) return [t('err.quota')];
  if (!(error instanceof ValidationError)) return [t('err.generic', { message: error instanceof Error ? error.message : String(error) })];
  const byField = new Map<string, string[]>();
  const loose: string[] = [];
  const known = new Set(form ? Object.keys(form.getFieldsValue(true) as object) : []);
  for (const issue of error.issues) {
    const text = issueText(t, issue.code, issue.vars);
    if (issue.field && known.has(issue.field)) byField.set(issue.field, [...(byField.get(issue.field) ?? []), text]);
    else loose.push(text);
  }
  form?.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return loose;
}

/**
 * Clears a field's write error as soon as the user edits it, so a message
 * from the last attempt never stands beside a corrected value.
 */
export function clearErrorsOnChange(form: FormInstance) {
  return (changed: Record<string, unknown>) => {
    form.setFields(Object.keys(changed).filter((name) => form.getFieldError(name).length > 0).map((name) => ({ name, errors: [] })));
  };
}
