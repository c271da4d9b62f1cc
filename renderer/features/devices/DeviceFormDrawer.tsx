import { memo, useEffect } from 'react';
import { Alert, Button, Checkbox, Drawer, Form, Select, Space } from 'antd';
import { DEVICE_KINDS, DEVICE_STATUSES, deviceInput, type Device, type DeviceInput } from '../../../shared/domain/device';
import { createDevice, updateDevice } from '../../db/devices';
import { db } from '../../state/db';
import { useT } from '../../i18n';
import { useActor } from '../../state/session';
import { clearErrorsOnChange } from '../../ui/formErrors';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { zodRule } from '../../ui/zodRule';
import { lengthRule, TextBox, TextField } from '../../ui/LimitedInput';
import { useDevices } from './deviceStore';
import { parseIpv4 } from '../../../shared/rules/network';
import { inRanges } from '../../../shared/rules/ipRanges';
import { usePolicy } from '../policy/policyStore';

const EMPTY: DeviceInput = {
  ip: '',
  mac: '',
  owner: '',
  office: '',
  location: '',
  kind: 'desktop',
  status: 'inUse',
  // An attestation (第十九条): the administrator ticks it for the machine in front of them.
  dedicatedConfirmed: false,
  internetCapable: false,
  isolationCard: false,
  note: '',
};

function toInput(device: Device): DeviceInput {
  const { ip, mac, owner, office, location, kind, status, dedicatedConfirmed, internetCapable, isolationCard, note } = device;
  return { ip, mac, owner, office, location, kind, status, dedicatedConfirmed, internetCapable, isolationCard, note };
}

/** Add or edit one device. A conflicting IP or MAC is named beside the field and nothing is saved. */
export const DeviceFormDrawer = memo(function DeviceFormDrawer({ open, device, onClose }: { open: boolean; device: Device | undefined; onClose: () => void }) {
  const t = useT();
  const actor = useActor();
  const upsert = useDevices((s) => s.upsert);
  const [form] = Form.useForm<DeviceInput>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const internet = Form.useWatch('internetCapable', form);
  const card = Form.useWatch('isolationCard', form);
  const typedIp = Form.useWatch('ip', form) as string | undefined;
  const ranges = usePolicy((p) => p.ranges);
  const parsedIp = parseIpv4(typedIp ?? '');
  const outside = ranges.length > 0 && parsedIp.ok && !inRanges(parsedIp.value, ranges);
  const shape = deviceInput.shape;

  useEffect(() => {
    if (!open) return;
    clearBanner();
    form.resetFields();
    form.setFieldsValue(device ? toInput(device) : EMPTY);
  }, [open, device, form, clearBanner]);

  const save = async () => {
    const values = await form.validateFields();
    const input = { ...EMPTY, ...values };
    const saved = await run(async () => {
      upsert(device ? await updateDevice(db, actor, device.id, device.rev, input) : await createDevice(db, actor, input));
    }, 'device.saved');
    if (saved) onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t(device ? 'device.edit' : 'device.add')}
      size={520}
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
      <Form form={form} layout="vertical" initialValues={EMPTY} validateTrigger="onBlur" onValuesChange={clearErrorsOnChange(form)}>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="ip" required label={t('device.ip')} rules={[zodRule(t, shape.ip)]} style={{ flex: 1 }}>
            <TextField placeholder="10.12.3.45" max={15} autoFocus />
          </Form.Item>
          <Form.Item name="mac" required label={t('device.mac')} rules={[zodRule(t, shape.mac)]} style={{ flex: 1 }}>
            <TextField placeholder="AA-BB-CC-DD-EE-FF" max={17} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="owner" required label={t('device.owner')} rules={[zodRule(t, shape.owner), lengthRule(t, 30)]} style={{ flex: 1 }}>
            <TextField max={30} />
          </Form.Item>
          <Form.Item name="office" required label={t('device.office')} rules={[zodRule(t, shape.office), lengthRule(t, 40)]} style={{ flex: 1 }}>
            <TextField max={40} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="location" label={t('device.location')} rules={[lengthRule(t, 60)]}>
          <TextField max={60} />
        </Form.Item>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="kind" label={t('device.kind')} style={{ flex: 1 }}>
            <Select options={DEVICE_KINDS.map((k) => ({ value: k, label: t(`device.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="status" label={t('device.status')} style={{ flex: 1 }}>
            <Select options={DEVICE_STATUSES.map((s) => ({ value: s, label: t(`device.status.${s}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="dedicatedConfirmed" valuePropName="checked" extra={t('device.dedicatedHelp')} style={{ marginBottom: 8 }}>
          <Checkbox>{t('device.dedicated')}</Checkbox>
        </Form.Item>
        <Space size="large">
          <Form.Item name="internetCapable" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('device.internet')}</Checkbox>
          </Form.Item>
          <Form.Item name="isolationCard" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('device.isolationCard')}</Checkbox>
          </Form.Item>
        </Space>
        {internet === true && card !== true && <Alert type="warning" showIcon message={t('device.violation')} style={{ marginBottom: 16 }} />}
        {outside && <Alert type="warning" showIcon message={t('device.outsideRangeHelp', { ranges: ranges.map((x) => x.text).join('，') })} style={{ marginBottom: 16 }} data-testid="outside-range-alert" />}
        <Form.Item name="note" label={t('device.note')} rules={[lengthRule(t, 200)]}>
          <TextBox max={200} rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
});
