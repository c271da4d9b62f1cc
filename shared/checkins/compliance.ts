import type { Slot } from './slots';

/**
 * Which slots a day's check-ins satisfy.
 *
 * On time: within ±tolerance of the slot. Each check-in serves one slot;
 * slots are served in order, so a check-in that fits two overlapping windows
 * goes to the earlier slot and the later slot needs a check-in of its own.
 * Late: no check-in on time, but one after the window and before the next
 * slot's window opens (for the day's last slot: before midnight).
 * Missed: neither, once the window has closed. Pending: the window has not
 * closed yet.
 */

export type SlotStatus = 'onTime' | 'late' | 'missed' | 'pending';

export interface CheckinTime {
  id: string;
  at: number;
}

export interface SlotResult {
  slot: Slot;
  status: SlotStatus;
  checkin?: CheckinTime;
}

export function assessDay(slots: readonly Slot[], checkins: readonly CheckinTime[], toleranceMinutes: number, now: number): SlotResult[] {
  const tol = toleranceMinutes * 60_000;
  const sorted = [...checkins].sort((a, b) => a.at - b.at);
  const used = new Set<string>();
  const results: SlotResult[] = slots.map((slot) => ({ slot, status: 'missed' }));

  results.forEach((r) => {
    const hit = sorted.find((c) => !used.has(c.id) && Math.abs(c.at - r.slot.at) <= tol);
    if (hit) {
      used.add(hit.id);
      r.status = 'onTime';
      r.checkin = hit;
    }
  });

  results.forEach((r, i) => {
    if (r.status === 'onTime') return;
    const next = slots[i + 1];
    const from = r.slot.at + tol;
    const until = next ? next.at - tol : endOfDay(r.slot.at);
    const late = sorted.find((c) => !used.has(c.id) && c.at > from && c.at < until);
    if (late) {
      used.add(late.id);
      r.status = 'late';
      r.checkin = late;
    } else if (now <= from) {
      r.status = 'pending';
    }
  });
  return results;
}

function endOfDay(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

export interface Tally {
  /** Slots whose window has closed. */
  due: number;
  onTime: number;
  late: number;
  missed: number;
  pending: number;
}

export const EMPTY_TALLY: Tally = { due: 0, onTime: 0, late: 0, missed: 0, pending: 0 };

export function tally(results: readonly SlotResult[], into: Tally = { ...EMPTY_TALLY }): Tally {
  for (const r of results) {
    into[r.status] += 1;
    if (r.status !== 'pending') into.due += 1;
  }
  return into;
}

/** Share of due slots checked on time; null when nothing was due. */
export function onTimeRate(t: Tally): number | null {
  return t.due === 0 ? null : t.onTime / t.due;
}
