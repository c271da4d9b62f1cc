import { useEffect, useRef, type ReactNode } from 'react';
import { App, Button, Drawer, Form, Space, Typography } from 'antd';
import type { MessageKey } from '../../i18n';
import { clearErrorsOnChange } from '../../ui/formErrors';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { FieldInput } from './FieldInput';
import { fromFormValues, toFormValues } from './formValues';
import type { FieldDef, LedgerContext } from './types';

export interface RecordFormProps {
  open: boolean;
  onClose: () => void;
  title: string;
  size: number;
  fields: readonly FieldDef[];
  ctx: LedgerContext;
  /** What the record is (or a new one's defaults); read when the drawer opens, so a ticking context does not reset what is typed. */
  input: () => Record<string, unknown>;
  /** The record being edited, or undefined for a new one: a change reopens the form. */
  record: unknown;
  /** Writes the input in one transaction; refusals it throws come back beside the fields. */
  save: (input: Record<string, unknown>) => Promise<void>;
  saved: MessageKey;
  /** Fields that record what already happened: days after today are greyed out. */
  pastOnly?: ReadonlySet<string>;
  /** A question before saving an unusual but allowed value; null when there is none. */
  confirm?: (input: Record<string, unknown>) => string | null;
  validateTrigger?: 'onChange' | 'onBlur';
}

/**
 * The form every ledger and the device register share: declared fields in a
 * two-column grid, each with its rules, warnings under the fields that ask
 * for them, and one save that either writes everything or shows why not.
 * How a record is written (the ledger repository, the device register with
 * its conflict checks) is the caller's `save`.
 */
export function RecordFormDrawer({ open, onClose, title, size, fields, ctx, input, record, save, saved, pastOnly, confirm, validateTrigger }: RecordFormProps) {
  const t = ctx.t;
  const [form] = Form.useForm<Record<string, unknown>>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const { modal } = App.useApp();
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const latestInput = useRef(input);
  latestInput.current = input;

  useEffect(() => {
    if (!open) return;
    clearBanner();
    form.resetFields();
    form.setFieldsValue(toFormValues(fields, latestInput.current()));
  }, [open, record, form, clearBanner, fields]);

  const submit = async () => {
    await form.validateFields();
    const next = fromFormValues(fields, form.getFieldsValue(true) as Record<string, unknown>, latestInput.current());
    const question = confirm?.(next);
    if (question && !(await modal.confirm({ title: t('common.confirmTitle'), content: question, okText: t('common.confirmSave'), cancelText: t('common.back') }))) return;
    if (await run(() => save(next), saved)) onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={size}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical" className="form-grid" validateTrigger={validateTrigger} onValuesChange={clearErrorsOnChange(form)}>
        {fields.map((field) =>
          field.visibleWhen && !field.visibleWhen(values ?? {}) ? null : (
            <FieldBlock key={field.name} field={field} ctx={ctx} pastOnly={pastOnly?.has(field.name) ?? false} after={field.after?.(values ?? {}, ctx)} />
          ),
        )}
      </Form>
    </Drawer>
  );
}

function FieldBlock({ field, ctx, pastOnly, after }: { field: FieldDef; ctx: LedgerContext; pastOnly: boolean; after: ReactNode }) {
  return (
    <>
      {field.section && (
        <Typography.Title level={5} className="form-wide form-section">
          {ctx.t(field.section)}
        </Typography.Title>
      )}
      <FieldInput field={field} ctx={ctx} pastOnly={pastOnly} />
      {after && <div className="form-wide">{after}</div>}
    </>
  );
}
