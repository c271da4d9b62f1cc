import { describe, expect, it } from 'vitest';
import { currentReminder, ReminderScheduler, type Clock, type ReminderPlan } from '../../../shared/checkins/reminders';

const T0 = new Date('2026-11-24T08:00:00').getTime();
const min = 60_000;
const plan = (checked: number[] = []): ReminderPlan => ({
  slots: [
    { at: T0 + 30 * min, label: '08:30' },
    { at: T0 + 60 * min, label: '09:00' },
  ],
  checked,
  remindBeforeMinutes: 5,
  toleranceMinutes: 10,
});

/** A clock whose time moves only when the test says so. */
function fakeClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let id = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      id += 1;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => timers.delete(h as number),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

describe('reminders', () => {
  it.each([
    [24, null],
    [25, 'soon 08:30 5'],
    [29.5, 'soon 08:30 1'],
    [30, 'due 08:30 0'],
    [40, 'due 08:30 0'],
    [40.1, null],
    [55, 'soon 09:00 5'],
  ])('at 08:00 + %s min: %s', (minutes, expected) => {
    const r = currentReminder(plan(), T0 + minutes * min);
    expect(r ? `${r.phase} ${r.slot.label} ${r.minutesLeft}` : null).toBe(expected);
  });

  it('a checked slot is not reminded', () => {
    expect(currentReminder(plan([T0 + 30 * min]), T0 + 30 * min)).toBeNull();
  });

  it('the scheduler fires at the window edges as the clock moves, and nothing on a day without slots', () => {
    const clock = fakeClock(T0);
    const seen: string[] = [];
    const scheduler = new ReminderScheduler(clock, (r, next) => seen.push(r ? `${r.phase} ${r.slot.label}` : `none next ${next?.label ?? '-'}`));
    scheduler.setPlan(plan());
    clock.advance(25 * min);
    clock.advance(5 * min);
    clock.advance(11 * min);
    expect(seen).toEqual(['none next 08:30', 'soon 08:30', 'soon 08:30', 'soon 08:30', 'soon 08:30', 'soon 08:30', 'due 08:30', 'none next 09:00']);
    scheduler.setPlan({ ...plan(), slots: [] });
    clock.advance(120 * min);
    expect(seen.at(-1)).toBe('none next -');
    scheduler.dispose();
  });
});
