import { memo, useEffect } from 'react';
import { Checkbox, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Device } from '../../../shared/domain/device';
import { retireDevice } from '../../db/devices';
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

/** Retirement with the reason and who cleared the network configuration (第十九条). Nothing is deleted. */
export const RetireModal = memo(function RetireModal({ device, onClose }: { device: Device | undefined; onClose: () => void }) {
  const t = useT();
  const actor = useActor();
  const upsert = useDevices((s) => s.upsert);
  const [form] = Form.useForm<Values>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const cleared = Form.useWatch('configCleared', form);

  useEffect(() => {
    if (device) {
      form.resetFields();
      clearBanner();
    }
  }, [device, form, clearBanner]);

  const submit = async () => {
    if (!device) return;
    await form.validateFields();
    const v = form.getFieldsValue(true) as Values;
    const retired = await run(async () => {
      upsert(
        await retireDevice(db, actor, device.id, device.rev, {
          reason: v.reason ?? '',
          configCleared: v.configCleared === true,
          clearedBy: v.clearedBy ?? '',
          clearedAt: v.clearedAt ? v.clearedAt.valueOf() : null,
        }),
      );
    }, 'device.retired');
    if (retired) onClose();
  };

  return (
    <Modal
      open={device !== undefined}
      title={t('device.retireTitle', { ip: device?.ip ?? '' })}
      okText={t('device.retire')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('device.retireHelp')}</Typography.Paragraph>
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
