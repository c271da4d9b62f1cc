import { memo, useEffect, useState } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Device } from '../../../shared/domain/device';
import { retireDevice } from '../../db/devices';
import { db } from '../../app/db';
import { useT } from '../../app/i18n';
import { useActor } from '../../app/session';
import { clearErrorsOnChange, showWriteError } from '../../app/formErrors';
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
  const { message } = App.useApp();
  const actor = useActor();
  const upsert = useDevices((s) => s.upsert);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string[]>([]);
  const cleared = Form.useWatch('configCleared', form);

  useEffect(() => {
    if (device) {
      form.resetFields();
      setBanner([]);
    }
  }, [device, form]);

  const submit = async () => {
    if (!device) return;
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    try {
      const saved = await retireDevice(db, actor, device.id, device.rev, {
        reason: v.reason ?? '',
        configCleared: v.configCleared === true,
        clearedBy: v.clearedBy ?? '',
        clearedAt: v.clearedAt ? v.clearedAt.valueOf() : null,
      });
      upsert(saved);
      message.success(t('device.retired'));
      onClose();
    } catch (error) {
      setBanner(showWriteError(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={device !== undefined}
      title={t('device.retireTitle', { ip: device?.ip ?? '' })}
      okText={t('device.retire')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('device.retireHelp')}</Typography.Paragraph>
      {banner.length > 0 && <Alert type="error" showIcon message={banner.join('；')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ reason: '', configCleared: true, clearedBy: '', clearedAt: dayjs() }} onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="reason" label={t('device.retireReason')} required>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="configCleared" valuePropName="checked">
          <Checkbox>{t('device.configCleared')}</Checkbox>
        </Form.Item>
        {cleared !== false && (
          <>
            <Form.Item name="clearedBy" label={t('device.clearedBy')} required>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="clearedAt" label={t('device.clearedAt')} required>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
});
