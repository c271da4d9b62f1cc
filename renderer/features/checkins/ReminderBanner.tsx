import { useEffect, useState } from 'react';
import { Alert, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { ReminderScheduler, type PlannedSlot, type Reminder } from '../../../shared/checkins/reminders';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { invoke } from '../../state/ipc';
import { useCheckins, todayPlan } from './checkinStore';

const pageClock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  clearTimeout: (handle: unknown) => window.clearTimeout(handle as number),
};

/**
 * The in-app reminder: the same scheduler as the desktop notifications, on
 * the page's clock. It also hands today's plan to main, which notifies and
 * updates the tray where the app runs in Electron.
 */
export function ReminderBanner() {
  const t = useT();
  const { calendar, schedule, today, version, openDialog } = useCheckins();
  const since = useSession((s) => s.unit?.createdAt);
  const [state, setState] = useState<{ reminder: Reminder | null; next: PlannedSlot | undefined }>({ reminder: null, next: undefined });
  const [dayStatus, setDayStatus] = useState<{ kind: string; year?: number }>({ kind: 'work' });
  const [midnight, setMidnight] = useState(0);

  useEffect(() => {
    const now = Date.now();
    const { day, plan } = todayPlan(calendar, schedule, today, now, since);
    setDayStatus(day.kind === 'unknown' ? { kind: 'unknown', year: day.year } : { kind: day.kind });
    const scheduler = new ReminderScheduler(pageClock, (reminder, next) => setState({ reminder, next }));
    scheduler.setPlan(plan);
    if (plan) void invoke('reminders:setPlan', plan).catch(() => undefined);
    // A new day brings new slots.
    const d = new Date(now);
    const untilMidnight = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - now + 1000;
    const timer = window.setTimeout(() => setMidnight((m) => m + 1), untilMidnight);
    return () => {
      scheduler.dispose();
      window.clearTimeout(timer);
    };
  }, [calendar, schedule, today, version, midnight, since]);

  const { reminder, next } = state;
  let text: string;
  let type: 'info' | 'warning' | 'error' = 'info';
  if (dayStatus.kind === 'unknown') {
    text = t('reminder.unknown', { year: dayStatus.year ?? '' });
    type = 'warning';
  } else if (dayStatus.kind === 'rest') text = t('reminder.rest');
  else if (reminder?.phase === 'late') {
    text = t('reminder.late', { time: reminder.slot.label });
    type = 'error';
  } else if (reminder?.phase === 'due') {
    text = t('reminder.due', { time: reminder.slot.label });
    type = 'error';
  } else if (reminder?.phase === 'soon') {
    text = t('reminder.soon', { time: reminder.slot.label, n: reminder.minutesLeft });
    type = 'warning';
  } else text = next ? t('reminder.next', { time: next.label }) : t('reminder.none');

  return (
    <Alert
      className="reminder-banner"
      data-testid="reminder-banner"
      data-phase={reminder?.phase ?? 'idle'}
      type={type}
      showIcon
      icon={<BellOutlined />}
      message={text}
      action={
        <Button size="small" type={reminder ? 'primary' : 'default'} onClick={openDialog}>
          {t('checkin.button')}
        </Button>
      }
    />
  );
}
