import { memo, useEffect, useMemo, useState } from 'react';
import { App, Form, Modal, Radio, Select, Typography } from 'antd';
import { DEVICE_KINDS, DEVICE_STATUSES, deviceInput, type Device } from '../../../shared/domain/device';
import { BATCH_FIELDS, beforeValues, planBatchEdit, type BatchChange, type BatchField } from '../../../shared/domain/deviceBatch';
import { editDevices, type BatchRefusal, type BatchResult } from '../../db/devices';
import { db } from '../../state/db';
import { useT } from '../../i18n';
import { useActor } from '../../state/session';
import { TextField } from '../../ui/LimitedInput';
import { SuggestField } from '../../ui/SuggestField';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { zodRule } from '../../ui/zodRule';
import { DEVICE_FIELD_LABELS, displayValue } from './deviceFields';
import { useDevices } from './deviceStore';
import { distinctValues } from './registerValues';
import { BatchRefusals, deviceList } from './BatchRefusals';

const TEXT_MAX: Partial<Record<BatchField, number>> = { owner: 30, office: 40, location: 60, note: 200 };
const BOOLEAN: ReadonlySet<BatchField> = new Set(['internetCapable', 'isolationCard']);

interface Values {
  field: BatchField | undefined;
  value: string | boolean | undefined;
}

/**
 * One field set to one value on the selected devices. What will change is
 * told before the button is pressed, and the repository checks every device
 * before it writes any.
 */
export const BatchEditModal = memo(function BatchEditModal({ devices, onClose, onDone }: { devices: readonly Device[] | undefined; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const actor = useActor();
  const upsertMany = useDevices((s) => s.upsertMany);
  const rows = useDevices((s) => s.rows);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const [refused, setRefused] = useState<BatchRefusal[]>([]);
  const field = Form.useWatch('field', form);
  const value = Form.useWatch('value', form);

  useEffect(() => {
    if (devices) {
      form.resetFields();
      clearBanner();
      setRefused([]);
    }
  }, [devices, form, clearBanner]);

  const active = useMemo(() => rows.filter((r) => r.state !== 'retired').map((r) => r.device), [rows]);
  const change = useMemo<BatchChange | undefined>(() => (field !== undefined && value !== undefined && (typeof value === 'boolean' || value.trim() !== '') ? { field, value } : undefined), [field, value]);
  const plan = useMemo(() => (devices && change ? planBatchEdit(devices, change) : undefined), [devices, change]);

  const submit = async () => {
    if (!devices || !change) return;
    await form.validateFields();
    setRefused([]);
    let result: BatchResult | undefined;
    const ok = await run(async () => {
      result = await editDevices(db, actor, devices.map((d) => ({ id: d.id, rev: d.rev })), change);
    });
    if (!ok || !result) return;
    if (result.refused.length > 0) {
      setRefused(result.refused);
      return;
    }
    upsertMany(result.saved);
    void message.success(t('batch.edited', { n: result.saved.length }));
    onDone();
    onClose();
  };

  const label = field ? t(DEVICE_FIELD_LABELS[field]!) : '';
  const shownValue = change ? displayValue(t, change.field, typeof change.value === 'string' ? change.value.trim() : change.value) : '';
  const n = plan?.changes.length ?? 0;

  return (
    <Modal
      open={devices !== undefined}
      title={t('batch.editTitle', { n: devices?.length ?? 0 })}
      okText={t('batch.confirmEdit', { n })}
      okButtonProps={{ loading: busy, disabled: n === 0 }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={600}
      destroyOnHidden
    >
      <BatchRefusals refused={refused} />
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical" initialValues={{ field: undefined, value: undefined }} onValuesChange={(changed: Partial<Values>) => {
        if ('field' in changed) form.setFieldValue('value', changed.field && BOOLEAN.has(changed.field) ? undefined : '');
      }}>
        <Form.Item name="field" label={t('batch.field')} rules={[{ required: true, message: t('batch.pickField') }]}>
          <Select<BatchField> aria-label={t('batch.field')} placeholder={t('batch.pickField')} options={BATCH_FIELDS.map((f) => ({ value: f, label: t(DEVICE_FIELD_LABELS[f]!) }))} />
        </Form.Item>
        {field && (
          <Form.Item name="value" label={t('batch.value')} rules={BOOLEAN.has(field) ? [{ required: true, message: t('err.requiredField') }] : [zodRule(t, deviceInput.shape[field])]}>
            {field === 'owner' || field === 'office' ? (
              <SuggestField suggestions={distinctValues(active, field).map((v) => v.value)} max={TEXT_MAX[field]!} />
            ) : field === 'kind' || field === 'status' ? (
              <Select aria-label={t('batch.value')} options={(field === 'kind' ? DEVICE_KINDS : DEVICE_STATUSES).map((v) => ({ value: v, label: displayValue(t, field, v) }))} />
            ) : BOOLEAN.has(field) ? (
              <Radio.Group options={[{ value: true, label: t('common.yes') }, { value: false, label: t('common.no') }]} />
            ) : (
              <TextField max={TEXT_MAX[field]!} />
            )}
          </Form.Item>
        )}
      </Form>
      {plan && change && (
        <div className="batch-summary" data-testid="batch-summary">
          {n === 0 ? (
            <Typography.Paragraph>{t('batch.summaryNothing', { field: label, value: shownValue })}</Typography.Paragraph>
          ) : (
            <>
              <Typography.Paragraph strong>{t('batch.summary', { n, field: label, value: shownValue })}</Typography.Paragraph>
              <Typography.Paragraph>
                {t('batch.summaryBefore', { list: beforeValues(plan).slice(0, 6).map((b) => t('batch.countOf', { value: displayValue(t, change.field, b.value), n: b.count })).join('、') })}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">{t('batch.summaryDevices', { list: deviceList(t, plan.changes.map((c) => c.device)) })}</Typography.Paragraph>
            </>
          )}
          {n > 0 && plan.unchanged.length > 0 && <Typography.Paragraph type="secondary">{t('batch.summaryUnchanged', { n: plan.unchanged.length })}</Typography.Paragraph>}
        </div>
      )}
    </Modal>
  );
});
