import type { Slot } from './slots';

/**
 * Which slots a day's check-ins satisfy, and how each check-in counted. This
 * is the one place that decides it: the check-in dialog, the reminder banner,
 * the day view and every compliance figure ask it.
 *
 * On time: within ±tolerance of the slot. Each check-in serves one slot;
 * slots are served in order, so a check-in that fits two overlapping windows
 * goes to the earlier slot and the later slot needs a check-in of its own.
 * Late: no check-in on time, but one after the window and before the next
 * slot's window opens (for the day's last slot: before midnight).
 * Missed: neither, once that late window has closed. Overdue: the window has
 * closed but a late check-in is still possible. Pending: the window has not
 * closed yet.
 *
 * A check-in that serves no slot counts nowhere, and says why: it came before
 * the next slot's window opened (early), or the slot it falls to was already
 * served (repeat).
 */

export type SlotStatus = 'onTime' | 'late' | 'overdue' | 'missed' | 'pending';

export interface CheckinTime {
  id: string;
  at: number;
}

export interface SlotResult {
  slot: Slot;
  status: SlotStatus;
  checkin?: CheckinTime;
}

/** How one check-in counted. */
export type CheckinCount =
  | { kind: 'onTime' | 'late'; slot: Slot }
  /** Before `slot`'s window opened (`opensAt`), and no earlier slot was waiting for it. */
  | { kind: 'early'; slot: Slot; opensAt: number }
  /** `slot` already had its check-in. */
  | { kind: 'repeat'; slot: Slot }
  /** The day has no slot: a rest day, or before the ledger began. */
  | { kind: 'noSlot' };

export interface CheckinResult {
  checkin: CheckinTime;
  count: CheckinCount;
}

/** The moment a late check-in for `slots[i]` stops being possible. */
export function lateUntil(slots: readonly Slot[], i: number, toleranceMinutes: number): number {
  const next = slots[i + 1];
  return next ? next.at - toleranceMinutes * 60_000 : endOfDay(slots[i]!.at);
}

interface Assignment {
  /** Per slot, the check-in serving it and how. */
  served: ({ checkin: CheckinTime; how: 'onTime' | 'late' } | undefined)[];
  sorted: CheckinTime[];
}

function assign(slots: readonly Slot[], checkins: readonly CheckinTime[], toleranceMinutes: number): Assignment {
  const tol = toleranceMinutes * 60_000;
  // Ties in time are broken by id, so the same check-ins always give the same answer.
  const sorted = [...checkins].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Set<string>();
  const served: Assignment['served'] = slots.map(() => undefined);

  slots.forEach((slot, i) => {
    const hit = sorted.find((c) => !used.has(c.id) && Math.abs(c.at - slot.at) <= tol);
    if (hit) {
      used.add(hit.id);
      served[i] = { checkin: hit, how: 'onTime' };
    }
  });

  slots.forEach((slot, i) => {
    if (served[i]) return;
    const from = slot.at + tol;
    const until = lateUntil(slots, i, toleranceMinutes);
    const late = sorted.find((c) => !used.has(c.id) && c.at > from && c.at < until);
    if (late) {
      used.add(late.id);
      served[i] = { checkin: late, how: 'late' };
    }
  });
  return { served, sorted };
}

export interface DayAssessment {
  results: SlotResult[];
  checkins: CheckinResult[];
}

function slotResults(slots: readonly Slot[], { served }: Assignment, toleranceMinutes: number, now: number): SlotResult[] {
  const tol = toleranceMinutes * 60_000;
  return slots.map((slot, i): SlotResult => {
    const s = served[i];
    if (s) return { slot, status: s.how, checkin: s.checkin };
    if (now <= slot.at + tol) return { slot, status: 'pending' };
    if (now < lateUntil(slots, i, toleranceMinutes)) return { slot, status: 'overdue' };
    return { slot, status: 'missed' };
  });
}

function checkinResults(slots: readonly Slot[], { served, sorted }: Assignment, toleranceMinutes: number): CheckinResult[] {
  const tol = toleranceMinutes * 60_000;
  const bySlot = new Map<string, { slot: Slot; how: 'onTime' | 'late' }>();
  served.forEach((s, i) => s && bySlot.set(s.checkin.id, { slot: slots[i]!, how: s.how }));
  return sorted.map((checkin): CheckinResult => {
    const hit = bySlot.get(checkin.id);
    if (hit) return { checkin, count: { kind: hit.how, slot: hit.slot } };
    if (slots.length === 0) return { checkin, count: { kind: 'noSlot' } };
    // Unused inside a slot's window means that slot was served already (else it would have taken this one).
    const inWindow = slots.find((s) => Math.abs(checkin.at - s.at) <= tol);
    if (inWindow) return { checkin, count: { kind: 'repeat', slot: inWindow } };
    const next = slots.find((s) => s.at - tol > checkin.at);
    if (next) return { checkin, count: { kind: 'early', slot: next, opensAt: next.at - tol } };
    return { checkin, count: { kind: 'repeat', slot: slots[slots.length - 1]! } };
  });
}

export interface DayAssessment {
  results: SlotResult[];
  checkins: CheckinResult[];
}

/** The day's slots with their outcome, and every check-in (oldest first) with how it counted. */
export function judgeDay(slots: readonly Slot[], checkins: readonly CheckinTime[], toleranceMinutes: number, now: number): DayAssessment {
  const a = assign(slots, checkins, toleranceMinutes);
  return { results: slotResults(slots, a, toleranceMinutes, now), checkins: checkinResults(slots, a, toleranceMinutes) };
}

export function assessDay(slots: readonly Slot[], checkins: readonly CheckinTime[], toleranceMinutes: number, now: number): SlotResult[] {
  return slotResults(slots, assign(slots, checkins, toleranceMinutes), toleranceMinutes, now);
}

/** Every check-in of the day, oldest first, with how it counted. */
export function countCheckins(slots: readonly Slot[], checkins: readonly CheckinTime[], toleranceMinutes: number): CheckinResult[] {
  return checkinResults(slots, assign(slots, checkins, toleranceMinutes), toleranceMinutes);
}

/**
 * How a check-in at `at` would count, given the day's check-ins so far. The
 * dialog says this before saving, and it is what the day view shows after.
 */
export function classifyCheckin(at: number, slots: readonly Slot[], existing: readonly CheckinTime[], toleranceMinutes: number): CheckinCount {
  const probe: CheckinTime = { id: '\u0000new', at };
  const result = countCheckins(slots, [...existing, probe], toleranceMinutes).find((r) => r.checkin === probe);
  return result!.count;
}

export function countsForSlot(count: CheckinCount): boolean {
  return count.kind === 'onTime' || count.kind === 'late';
}

/**
 * The next moment a slot's outcome changes by the clock alone: its window
 * closing (pending → overdue) or its late window closing (overdue → missed).
 * Views re-assess then, not on a fixed tick.
 */
export function nextChange(slots: readonly Slot[], toleranceMinutes: number, now: number): number | undefined {
  const tol = toleranceMinutes * 60_000;
  let next: number | undefined;
  slots.forEach((slot, i) => {
    for (const t of [slot.at + tol + 1, lateUntil(slots, i, toleranceMinutes)]) if (t > now && (next === undefined || t < next)) next = t;
  });
  return next;
}

function endOfDay(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

export interface Tally {
  /** Slots whose outcome is settled: on time, late or missed. */
  due: number;
  onTime: number;
  late: number;
  missed: number;
  /** Slots still open, an overdue slot that can still be checked late included. */
  pending: number;
}

export const EMPTY_TALLY: Tally = { due: 0, onTime: 0, late: 0, missed: 0, pending: 0 };

export function tally(results: readonly SlotResult[], into: Tally = { ...EMPTY_TALLY }): Tally {
  for (const r of results) {
    const key = r.status === 'overdue' ? 'pending' : r.status;
    into[key] += 1;
    if (key !== 'pending') into.due += 1;
  }
  return into;
}

/** Share of due slots checked on time; null when nothing was due. */
export function onTimeRate(t: Tally): number | null {
  return t.due === 0 ? null : t.onTime / t.due;
}
