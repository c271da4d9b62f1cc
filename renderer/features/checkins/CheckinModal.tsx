import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, InputNumber, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { isoDay } from '../../../shared/calendar/calendar';
import { classifyCheckin, type CheckinTime } from '../../../shared/checkins/compliance';
import { dueSlotsOn } from '../../../shared/checkins/report';
import { formatMinutes } from '../../../shared/calendar/schedule';
import { BACKFILL_GRACE_MS } from '../../../shared/domain/checkin';
import { listCheckins, recordCheckin } from '../../db/checkins';
import { db } from '../../state/db';
import { useT, type Translate } from '../../i18n';
import { useActor, useSession } from '../../state/session';
import { formatDateTime, formatTime } from '../../ui/format';
import { clearErrorsOnChange } from '../../ui/formErrors';
import { afterToday } from '../../ui/pastOnly';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { dayBounds, useCheckins } from './checkinStore';
import { countHint, type CountHint } from './countText';
import type { WorkCalendar } from '../../../shared/calendar/calendar';
import type { WorkSchedule } from '../../../shared/calendar/schedule';
import type { CheckinCount } from '../../../shared/checkins/compliance';
import { TextField, lengthRule } from '../../ui/LimitedInput';

interface Values {
  backfill: boolean;
  at: Dayjs | null;
  backfillReason: string;
  docsReceived: number | null;
  docsHandled: number | null;
  note: string;
}

/** How a check-in at `at` would count among the day's check-ins, by the rule compliance uses. */
function judge(t: Translate, at: number, dayCheckins: readonly CheckinTime[], calendar: WorkCalendar, schedule: WorkSchedule, since: number | undefined, today: number): { hint: CountHint; count: CheckinCount | undefined } {
  const day = dueSlotsOn(new Date(at), calendar, schedule, since);
  const count = day.kind === 'work' ? classifyCheckin(at, day.slots, dayCheckins, schedule.toleranceMinutes) : undefined;
  const dayLabel = isoDay(new Date(at)) === isoDay(new Date(today)) ? t('checkin.today') : ` ${isoDay(new Date(at))} `;
  return { hint: countHint(t, at, day, count, dayLabel), count };
}

/**
 * One-step check-in. Before saving it says for which slot the check-in will
 * count and how, and asks when it will count for none; a past time must be
 * declared as filled in afterwards, with its time and reason.
 */
export function CheckinModal() {
  const t = useT();
  const actor = useActor();
  const since = useSession((s) => s.unit?.createdAt);
  const { modal } = App.useApp();
  const { dialogOpen, closeDialog, reloadToday, calendar, schedule, today } = useCheckins();
  const [form] = Form.useForm<Values>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  const backfill = Form.useWatch('backfill', form);
  const pickedAt = Form.useWatch('at', form);
  const [now, setNow] = useState(() => Date.now());
  // Check-ins of a back-filled day other than today, for the hint.
  const [otherDay, setOtherDay] = useState<{ iso: string; list: CheckinTime[] } | undefined>();

  useEffect(() => {
    if (!dialogOpen) return;
    form.resetFields();
    clearBanner();
    setNow(Date.now());
    // The hint follows the clock while the dialog is open: a window may open or close meanwhile.
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [dialogOpen, form, clearBanner]);

  const at = backfill === true ? (pickedAt ? pickedAt.valueOf() : undefined) : now;
  const atIso = at === undefined ? undefined : isoDay(new Date(at));
  const todayIso = isoDay(new Date(now));
  useEffect(() => {
    if (!dialogOpen || atIso === undefined || atIso === todayIso || otherDay?.iso === atIso) return;
    let live = true;
    const [from, to] = dayBounds(new Date(at!));
    void listCheckins(db, actor.unitId, from, to).then((list) => live && setOtherDay({ iso: atIso, list }));
    return () => {
      live = false;
    };
  }, [dialogOpen, atIso, todayIso, otherDay?.iso, at, actor.unitId]);

  const dayCheckins = atIso === todayIso ? today : otherDay && otherDay.iso === atIso ? otherDay.list : undefined;
  const shown = at !== undefined && dayCheckins ? judge(t, at, dayCheckins, calendar, schedule, since, now).hint : undefined;

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    if (v.backfill) {
      try {
        await form.validateFields(['at', 'backfillReason']);
      } catch {
        return;
      }
    }
    const when = v.backfill && v.at ? v.at.valueOf() : Date.now();
    const [from, to] = dayBounds(new Date(when));
    // The day's check-ins as stored now, so the answer is the one the day view will give.
    const { hint, count } = judge(t, when, await listCheckins(db, actor.unitId, from, to), calendar, schedule, since, Date.now());
    if (hint.uncounted) {
      const go = await modal.confirm({
        title: t('checkin.confirmTitle'),
        content: `${hint.text}${t('checkin.confirmAsk')}`,
        okText: t('checkin.confirmOk'),
        cancelText: t('common.cancel'),
      });
      if (!go) return;
    }
    const counted = count && (count.kind === 'onTime' || count.kind === 'late') ? count : undefined;
    const done = await run(
      async () => {
        await recordCheckin(db, actor, {
          at: when,
          docsReceived: v.docsReceived ?? null,
          docsHandled: v.docsHandled ?? null,
          note: v.note ?? '',
          backfillReason: v.backfill ? (v.backfillReason ?? '') : null,
        });
        await reloadToday();
      },
      counted ? 'checkin.savedCounted' : hint.unknown ? 'checkin.saved' : 'checkin.savedUncounted',
      { time: formatDateTime(when), slot: counted ? formatMinutes(counted.slot.minute) : '', how: counted ? t(`compliance.status.${counted.kind}`) : '' },
    );
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
        {t('checkin.now')}：<strong>{formatDateTime(now)}</strong>
      </Typography.Paragraph>
      {shown && (
        <Alert
          data-testid="checkin-slot"
          data-uncounted={shown.uncounted || undefined}
          type={shown.unknown || shown.uncounted ? 'warning' : 'success'}
          showIcon
          message={shown.text}
          style={{ marginBottom: 16 }}
        />
      )}
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
        <Form.Item name="note" label={t('checkin.note')} rules={[lengthRule(t, 200)]}>
          <TextField max={200} />
        </Form.Item>
        <Form.Item name="backfill" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('checkin.backfill')}</Checkbox>
        </Form.Item>
        {backfill === true && (
          <>
            <Form.Item
              name="at"
              label={t('checkin.at')}
              required
              rules={[
                { required: true, message: t('err.checkin.atRequired') },
                {
                  validator: (_, value: Dayjs | null) =>
                    value && value.valueOf() > Date.now() + BACKFILL_GRACE_MS ? Promise.reject(new Error(t('err.checkin.futureBackfill'))) : Promise.resolve(),
                },
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={afterToday} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="backfillReason" label={t('checkin.backfillReason')} required rules={[{ required: true, whitespace: true, message: t('err.checkin.reasonRequired') }, lengthRule(t, 200)]}>
              <TextField max={200} />
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
