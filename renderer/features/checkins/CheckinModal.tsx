import { useEffect, useState } from 'react';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatMinutes } from '../../../shared/calendar/schedule';
import { recordCheckin } from '../../db/checkins';
import { db } from '../../app/db';
import { useT } from '../../app/i18n';
import { useActor } from '../../app/session';
import { formatDateTime, formatTime } from '../../app/format';
import { clearErrorsOnChange } from '../../app/formErrors';
import { useFormWrite, WriteErrors } from '../../app/useFormWrite';
import { useCheckins } from './checkinStore';
import { expectedSlots } from '../../../shared/checkins/slots';

interface Values {
  backfill: boolean;
  at: Dayjs | null;
  backfillReason: string;
  docsReceived: number | null;
  docsHandled: number | null;
  note: string;
}

/** One-step check-in; a past time must be declared as filled in afterwards, with the reason. */
export function CheckinModal() {
  const t = useT();
  const actor = useActor();
  const { dialogOpen, closeDialog, reloadToday, calendar, schedule } = useCheckins();
  const [form] = Form.useForm<Values>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const backfill = Form.useWatch('backfill', form);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!dialogOpen) return;
    form.resetFields();
    clearBanner();
    setNow(Date.now());
  }, [dialogOpen, form, clearBanner]);

  const day = expectedSlots(new Date(now), calendar, schedule);
  const nearest =
    day.status === 'work' ? [...day.slots].sort((a, b) => Math.abs(a.at - now) - Math.abs(b.at - now))[0] : undefined;

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    const at = v.backfill && v.at ? v.at.valueOf() : Date.now();
    const done = await run(async () => {
      await recordCheckin(db, actor, {
        at,
        docsReceived: v.docsReceived ?? null,
        docsHandled: v.docsHandled ?? null,
        note: v.note ?? '',
        backfillReason: v.backfill ? (v.backfillReason ?? '') : null,
      });
      await reloadToday();
    }, 'checkin.saved', { time: formatDateTime(at) });
    if (done) closeDialog();
  };

  return (
    <Modal
      open={dialogOpen}
      title={t('checkin.title')}
      okText={t('checkin.button')}
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={closeDialog}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('checkin.rule')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Space size="large">
          <span>
            {t('checkin.now')}：<strong>{formatDateTime(now)}</strong>
          </span>
          <span data-testid="checkin-slot">{nearest ? t('checkin.slotHint', { slot: formatMinutes(nearest.minute) }) : t('checkin.noSlotToday')}</span>
        </Space>
      </Typography.Paragraph>
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical" initialValues={{ backfill: false, at: null, backfillReason: '', docsReceived: null, docsHandled: null, note: '' }} onValuesChange={clearErrorsOnChange(form)}>
        <Space size="large">
          <Form.Item name="docsReceived" label={t('checkin.docsReceived')}>
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
          <Form.Item name="docsHandled" label={t('checkin.docsHandled')}>
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('checkin.note')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="backfill" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('checkin.backfill')}</Checkbox>
        </Form.Item>
        {backfill === true && (
          <>
            <Form.Item name="at" label={t('checkin.at')} required>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="backfillReason" label={t('checkin.backfillReason')} required>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('checkin.shortcut')} · {formatTime(now)}
      </Typography.Text>
    </Modal>
  );
}
