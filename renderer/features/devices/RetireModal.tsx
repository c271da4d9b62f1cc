import { memo, useEffect, useState } from 'react';
import { App, Checkbox, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Device } from '../../../shared/domain/device';
import { retireDevice, retireDevices, type BatchRefusal, type BatchResult } from '../../db/devices';
import { BatchRefusals, deviceList } from './BatchRefusals';
import { db } from '../../state/db';
import { useT } from '../../i18n';
import { useActor } from '../../state/session';
import { clearErrorsOnChange } from '../../ui/formErrors';
import { lengthRule, TextBox, TextField } from '../../ui/LimitedInput';
import { afterToday } from '../../ui/pastOnly';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { useDevices } from './deviceStore';

interface Values {
  reason: string;
  configCleared: boolean;
  clearedBy: string;
  clearedAt: Dayjs | null;
}

/**
 * Retirement with the reason and who cleared the network configuration
 * (第十九条), of one device or of several selected in the register, which
 * are all retired or none. Nothing is deleted.
 */
export const RetireModal = memo(function RetireModal({ devices, onClose, onDone }: { devices: readonly Device[] | undefined; onClose: () => void; onDone?: () => void }) {
  const t = useT();
  const actor = useActor();
  const { message } = App.useApp();
  const upsertMany = useDevices((s) => s.upsertMany);
  const [form] = Form.useForm<Values>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const [refused, setRefused] = useState<BatchRefusal[]>([]);
  const cleared = Form.useWatch('configCleared', form);
  const device = devices?.length === 1 ? devices[0] : undefined;
  const many = devices !== undefined && devices.length > 1;

  useEffect(() => {
    if (devices) {
      form.resetFields();
      clearBanner();
      setRefused([]);
    }
  }, [devices, form, clearBanner]);

  const submit = async () => {
    if (!devices || devices.length === 0) return;
    await form.validateFields();
    const v = form.getFieldsValue(true) as Values;
    const input = { reason: v.reason ?? '', configCleared: v.configCleared === true, clearedBy: v.clearedBy ?? '', clearedAt: v.clearedAt ? v.clearedAt.valueOf() : null };
    setRefused([]);
    let result: BatchResult | undefined;
    const ok = await run(
      async () => {
        result = device ? { saved: [await retireDevice(db, actor, device.id, device.rev, input)], refused: [] } : await retireDevices(db, actor, devices.map((d) => ({ id: d.id, rev: d.rev })), input);
        if (result.refused.length > 0) setRefused(result.refused);
        else upsertMany(result.saved);
      },
    );
    if (!ok || !result || result.refused.length > 0) return;
    void message.success(many ? t('batch.retired', { n: result.saved.length }) : t('device.retired'));
    onDone?.();
    onClose();
  };

  return (
    <Modal
      open={devices !== undefined}
      title={many ? t('batch.retireTitle', { n: devices.length }) : t('device.retireTitle', { ip: device?.ip ?? '' })}
      okText={many ? t('batch.confirmRetire', { n: devices.length }) : t('device.retire')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('device.retireHelp')}</Typography.Paragraph>
      {many && (
        <Typography.Paragraph data-testid="batch-summary">
          {t('batch.retireSummary', { n: devices.length })}
          <br />
          {deviceList(t, devices, 10)}
        </Typography.Paragraph>
      )}
      <BatchRefusals refused={refused} />
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical" // The attestation starts unticked: the person who cleared the configuration says so.
        initialValues={{ reason: '', configCleared: false, clearedBy: '', clearedAt: dayjs().second(0).millisecond(0) }} onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="reason" label={t('device.retireReason')} required rules={[lengthRule(t, 200)]}>
          <TextBox rows={2} max={200} />
        </Form.Item>
        <Form.Item name="configCleared" valuePropName="checked">
          <Checkbox>{t('device.configCleared')}</Checkbox>
        </Form.Item>
        {cleared !== false && (
          <>
            <Form.Item name="clearedBy" label={t('device.clearedBy')} required rules={[lengthRule(t, 30)]}>
              <TextField max={30} />
            </Form.Item>
            <Form.Item name="clearedAt" label={t('device.clearedAt')} required>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={afterToday} needConfirm={false} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
});
