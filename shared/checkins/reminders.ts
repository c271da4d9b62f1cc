import { formatMinutes, type WorkSchedule } from '../calendar/schedule';
import { assessDay, lateUntil, type CheckinTime } from './compliance';
import type { Slot } from './slots';

/**
 * When to remind the document officer: a number of minutes before each slot
 * ("soon"), at it until its window closes ("due"), and after that while a
 * late check-in still counts for it ("late"), unless the slot has a
 * check-in. Nothing on days without slots. The scheduler takes a clock, so
 * main (desktop notifications, tray) and the page (banner) run the same
 * logic, and tests move time without waiting.
 */

export interface PlannedSlot {
  at: number;
  /** `HH:mm`, for messages. */
  label: string;
  /** Until then a check-in still counts for this slot, as late (compliance.lateUntil). */
  lateUntil: number;
}

export interface ReminderPlan {
  slots: PlannedSlot[];
  /** Slot times (`at`) that already have a check-in, on time or late. */
  checked: number[];
  remindBeforeMinutes: number;
  toleranceMinutes: number;
}

/**
 * Today's plan from its due slots and check-ins: a slot with a check-in, on
 * time or late, is not reminded; each slot's late window is the one
 * compliance counts by.
 */
export function reminderPlan(slots: readonly Slot[], checkins: readonly CheckinTime[], schedule: Pick<WorkSchedule, 'toleranceMinutes' | 'remindBeforeMinutes'>, now: number): ReminderPlan {
  const tol = schedule.toleranceMinutes;
  const results = assessDay(slots, checkins, tol, now);
  return {
    slots: slots.map((s, i) => ({ at: s.at, label: formatMinutes(s.minute), lateUntil: lateUntil(slots, i, tol) })),
    checked: results.filter((r) => r.status === 'onTime' || r.status === 'late').map((r) => r.slot.at),
    remindBeforeMinutes: schedule.remindBeforeMinutes,
    toleranceMinutes: tol,
  };
}

export type Reminder = { phase: 'soon' | 'due' | 'late'; slot: PlannedSlot; minutesLeft: number };

export function currentReminder(plan: ReminderPlan, now: number): Reminder | null {
  const before = plan.remindBeforeMinutes * 60_000;
  const tol = plan.toleranceMinutes * 60_000;
  const checked = new Set(plan.checked);
  for (const slot of plan.slots) {
    if (checked.has(slot.at)) continue;
    if (now >= slot.at - before && now < slot.at) return { phase: 'soon', slot, minutesLeft: Math.ceil((slot.at - now) / 60_000) };
    if (now >= slot.at && now <= slot.at + tol) return { phase: 'due', slot, minutesLeft: 0 };
    // An earlier slot still open for a late check-in comes before the next one's countdown.
    if (now > slot.at + tol && now < slot.lateUntil) return { phase: 'late', slot, minutesLeft: 0 };
  }
  return null;
}

export function nextSlot(plan: ReminderPlan, now: number): PlannedSlot | undefined {
  return plan.slots.find((s) => s.at > now);
}

/** The next moment the reminder can change: a window opening or closing. */
function nextBoundary(plan: ReminderPlan, now: number): number | undefined {
  const before = plan.remindBeforeMinutes * 60_000;
  const tol = plan.toleranceMinutes * 60_000;
  let next: number | undefined;
  for (const s of plan.slots) {
    for (const t of [s.at - before, s.at, s.at + tol + 1, s.lateUntil]) if (t > now && (next === undefined || t < next)) next = t;
  }
  return next;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class ReminderScheduler {
  private plan: ReminderPlan | undefined;
  private timer: unknown;
  private last: string | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (reminder: Reminder | null, next: PlannedSlot | undefined) => void,
  ) {}

  setPlan(plan: ReminderPlan | undefined): void {
    this.plan = plan;
    this.last = undefined;
    this.tick();
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.plan = undefined;
  }

  private tick(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const plan = this.plan;
    if (!plan) return;
    const now = this.clock.now();
    const reminder = currentReminder(plan, now);
    const next = nextSlot(plan, now);
    const key = `${reminder?.phase}:${reminder?.slot.at}:${reminder?.minutesLeft}:${next?.at}`;
    if (key !== this.last) {
      this.last = key;
      this.onChange(reminder, next);
    }
    // Wake at the next window edge, or each minute while counting down.
    const boundary = nextBoundary(plan, now);
    const wait = reminder?.phase === 'soon' ? Math.min(60_000, (boundary ?? now + 60_000) - now) : boundary === undefined ? undefined : boundary - now;
    if (wait !== undefined) this.timer = this.clock.setTimeout(() => this.tick(), Math.max(1, wait));
  }
}
