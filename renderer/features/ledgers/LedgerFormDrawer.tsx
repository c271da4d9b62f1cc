import type { RecordMeta } from '../../../shared/domain/record';
import { useEffect, useMemo } from 'react';
import { App, Button, Drawer, Form, Space, Typography } from 'antd';
import { LEDGER_SPECS } from '../../../shared/ledgers/registry';
import { createLedgerRecords, fieldsOf, updateLedgerRecord } from '../../db/ledgers';
import { ValidationError } from '../../db/errors';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { clearErrorsOnChange } from '../../ui/formErrors';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { FieldInput } from './FieldInput';
import { fromFormValues, inputOf, toFormValues } from './formValues';
import { useLedgers } from './ledgerStore';
import type { FieldDef, LedgerContext, LedgerDef } from './types';

/**
 * Add or edit one record of any ledger. The repository parses the input with
 * the ledger's schema; its refusals come back beside the fields, nothing saved.
 */
export function LedgerFormDrawer<R extends RecordMeta>({ def, ctx, open, record, onClose }: { def: LedgerDef<R>; ctx: LedgerContext; open: boolean; record: R | undefined; onClose: () => void }) {
  const t = ctx.t;
  const actor = useActor();
  const upsert = useLedgers((s) => s.upsert);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const { modal } = App.useApp();
  const pastOnly = useMemo(() => new Set((LEDGER_SPECS[def.table].pastOnly ?? []).map((p) => p.field)), [def.table]);
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  // On create, a fanned-out ledger asks for many devices and writes one record each.
  const fanOut = record === undefined ? def.fanOut : undefined;
  const fields = useMemo<FieldDef[]>(
    () => def.fields.map((f) => (fanOut && f.name === fanOut.to ? { ...f, name: fanOut.from, kind: 'devices' as const, label: f.label } : f)),
    [def.fields, fanOut],
  );

  useEffect(() => {
    if (!open) return;
    clearBanner();
    form.resetFields();
    const empty = def.empty(ctx);
    const input = record ? inputOf(fieldsOf(record), empty) : empty;
    const initial = toFormValues(fields, input);
    if (fanOut) initial[fanOut.from] = [];
    form.setFieldsValue(initial);
    // Not on ctx: it ticks every 30 s, and the form must not reset while the user types.
  }, [open, record, def, form, clearBanner, fields, fanOut]);

  const save = async () => {
    await form.validateFields();
    const empty = def.empty(ctx);
    const base = record ? inputOf(fieldsOf(record), empty) : empty;
    const input = fromFormValues(fields, form.getFieldsValue(true) as Record<string, unknown>, base);
    const question = def.confirmSave?.(input, { ...ctx, now: Date.now() });
    if (question && !(await modal.confirm({ title: t('common.confirmTitle'), content: question, okText: t('common.confirmSave'), cancelText: t('common.back') }))) return;
    const ok = await run(async () => {
      if (record) {
        upsert(def.table, [await updateLedgerRecord<R>(db, actor, def.table, record.id, record.rev, input)]);
        return;
      }
      if (fanOut) {
        const ids = (input[fanOut.from] as string[] | undefined) ?? [];
        const rest = { ...input };
        delete rest[fanOut.from];
        const inputs = ids.length === 0 ? [{ ...rest, [fanOut.to]: '' }] : ids.map((id) => ({ ...rest, [fanOut.to]: id }));
        try {
          upsert(def.table, await createLedgerRecords<R>(db, actor, def.table, inputs));
        } catch (error) {
          // Refusals name the record's field; the form shows them on its list.
          if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => (i.field === fanOut.to ? { ...i, field: fanOut.from } : i)));
          throw error;
        }
        return;
      }
      upsert(def.table, await createLedgerRecords<R>(db, actor, def.table, [input]));
    }, 'common.saved');
    if (ok) onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t(record ? 'ledger.editNoun' : 'ledger.addNoun', { noun: t(def.noun) })}
      size={640}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical" className="form-grid" onValuesChange={clearErrorsOnChange(form)}>
        {fields.map((field) =>
          field.visibleWhen && !field.visibleWhen(values ?? {}) ? null : (
            <FieldBlock key={field.name} field={field} ctx={ctx} pastOnly={pastOnly.has(fanOut && field.name === fanOut.from ? fanOut.to : field.name)} />
          ),
        )}
      </Form>
    </Drawer>
  );
}

function FieldBlock({ field, ctx, pastOnly }: { field: FieldDef; ctx: LedgerContext; pastOnly: boolean }) {
  return (
    <>
      {field.section && (
        <Typography.Title level={5} className="form-wide form-section">
          {ctx.t(field.section)}
        </Typography.Title>
      )}
      <FieldInput field={field} ctx={ctx} pastOnly={pastOnly} />
    </>
  );
}
