import { describe, expect, it } from 'vitest';
import { createReminderService } from '../../../main/services/reminderService';
import type { Clock } from '../../../shared/checkins/reminders';

describe('desktop reminder service', () => {
  it('notifies once when a slot is near, once when it is due and once while it can still be checked late; the tray shows the next slot', () => {
    const t0 = new Date('2026-11-24T08:00:00').getTime();
    let now = t0;
    const timers: { at: number; fn: () => void }[] = [];
    const clock: Clock = {
      now: () => now,
      setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }),
      clearTimeout: () => undefined,
    };
    const run = (until: number) => {
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = next.at;
        next.fn();
      }
      now = until;
    };
    const notes: string[] = [];
    let status = '';
    let due = false;
    const service = createReminderService({ clock, notify: (_t, body) => notes.push(body), setStatus: (s, d) => ((status = s), (due = d)) });
    service.setPlan({ slots: [{ at: t0 + 30 * 60_000, label: '08:30', lateUntil: t0 + 50 * 60_000 }], checked: [], remindBeforeMinutes: 5, toleranceMinutes: 10 });
    expect(status).toBe('下一次查收：08:30');
    run(t0 + 29 * 60_000);
    expect(notes).toEqual(['08:30 应查收电子公文，还有 5 分钟']);
    expect(status).toBe('08:30 应查收电子公文，还有 1 分钟');
    expect(due).toBe(false);
    run(t0 + 35 * 60_000);
    expect(notes).toEqual(['08:30 应查收电子公文，还有 5 分钟', '现在该查收电子公文了（08:30）']);
    // The tray shows its variant with the amber dot while the check-in is wanted: due, then late.
    expect(due).toBe(true);
    run(t0 + 45 * 60_000);
    expect(status).toBe('08:30 尚未查收，现在签到记为迟查');
    expect(due).toBe(true);
    expect(notes.at(-1)).toBe('08:30 尚未查收，现在签到记为迟查');
    run(t0 + 60 * 60_000);
    expect(status).toBe('今天没有待查收的时间');
    expect(due).toBe(false);
    expect(notes).toHaveLength(3);
    service.dispose();
  });
});
