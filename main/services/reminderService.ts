import { ReminderScheduler, type Clock, type PlannedSlot, type Reminder, type ReminderPlan } from '../../shared/checkins/reminders';

/**
 * Desktop reminders for the document officer: a notification when a slot is
 * near and when it is due (once each per slot), and a status line for the
 * tray. Plain Node: Electron's Notification and Tray are passed in.
 */
export interface ReminderOutputs {
  clock: Clock;
  notify(title: string, body: string): void;
  /** `due`: a check-in is wanted now (due or late), for the tray's variant with the amber dot. */
  setStatus(text: string, due: boolean): void;
}

export function statusText(reminder: Reminder | null, next: PlannedSlot | undefined): string {
  if (reminder?.phase === 'due') return `现在该查收电子公文了（${reminder.slot.label}）`;
  if (reminder?.phase === 'late') return `${reminder.slot.label} 尚未查收，现在签到记为迟查`;
  if (reminder?.phase === 'soon') return `${reminder.slot.label} 应查收电子公文，还有 ${reminder.minutesLeft} 分钟`;
  return next ? `下一次查收：${next.label}` : '今天没有待查收的时间';
}

export function createReminderService(out: ReminderOutputs) {
  const notified = new Set<string>();
  const scheduler = new ReminderScheduler(out.clock, (reminder, next) => {
    out.setStatus(statusText(reminder, next), reminder?.phase === 'due' || reminder?.phase === 'late');
    if (!reminder) return;
    const key = `${reminder.phase}:${reminder.slot.at}`;
    if (notified.has(key)) return;
    notified.add(key);
    out.notify('专网台账 · 查收电子公文', statusText(reminder, next));
  });
  return {
    setPlan(plan: ReminderPlan) {
      scheduler.setPlan(plan);
    },
    dispose() {
      scheduler.dispose();
    },
  };
}
