import { describe, expect, it } from 'vitest';
import { currentReminder, ReminderScheduler, type Clock, type ReminderPlan } from '../../../shared/checkins/reminders';

const T0 = new Date('2026-11-24T08:00:00').getTime();
const min = 60_000;
const plan = (checked: number[] = []): ReminderPlan => ({
  slots: [
    { at: T0 + 30 * min, label: '08:30', lateUntil: T0 + 50 * min },
    { at: T0 + 60 * min, label: '09:00', lateUntil: T0 + 110 * min },
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
    // After the window, while a late check-in still counts for 08:30, the banner urges it.
    [40.1, 'late 08:30 0'],
    [49.9, 'late 08:30 0'],
    // 09:00's window opens at 08:50: a check-in now is on time for 09:00, so 08:30 is missed.
    [50, null],
    [55, 'soon 09:00 5'],
    [70.1, 'late 09:00 0'],
    [110, null],
  ])('at 08:00 + %s min: %s', (minutes, expected) => {
    const r = currentReminder(plan(), T0 + minutes * min);
    expect(r ? `${r.phase} ${r.slot.label} ${r.minutesLeft}` : null).toBe(expected);
  });

  it('a checked slot is not reminded, neither at it nor while it could be checked late', () => {
    expect(currentReminder(plan([T0 + 30 * min]), T0 + 30 * min)).toBeNull();
    expect(currentReminder(plan([T0 + 30 * min]), T0 + 45 * min)).toBeNull();
  });

  it('an earlier slot open for a late check-in comes before the next slot\'s countdown', () => {
    const early = { ...plan(), remindBeforeMinutes: 15 };
    expect(currentReminder(early, T0 + 46 * min)).toMatchObject({ phase: 'late', slot: { label: '08:30' } });
    expect(currentReminder(early, T0 + 50 * min)).toMatchObject({ phase: 'soon', slot: { label: '09:00' } });
  });

  it('the scheduler fires at the window edges as the clock moves, and nothing on a day without slots', () => {
    const clock = fakeClock(T0);
    const seen: string[] = [];
    const scheduler = new ReminderScheduler(clock, (r, next) => seen.push(r ? `${r.phase} ${r.slot.label}` : `none next ${next?.label ?? '-'}`));
    scheduler.setPlan(plan());
    clock.advance(25 * min);
    clock.advance(5 * min);
    clock.advance(11 * min);
    clock.advance(10 * min);
    expect(seen).toEqual(['none next 08:30', 'soon 08:30', 'soon 08:30', 'soon 08:30', 'soon 08:30', 'soon 08:30', 'due 08:30', 'late 08:30', 'none next 09:00']);
    scheduler.setPlan({ ...plan(), slots: [] });
    clock.advance(120 * min);
    expect(seen.at(-1)).toBe('none next -');
    scheduler.dispose();
  });
});
