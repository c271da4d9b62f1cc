import type { WorkCalendar } from '../calendar/calendar';
import { seasonOn, toMinutes, type WorkSchedule } from '../calendar/schedule';

/**
 * 第二十七条: on every working day the document officer checks the inbox at
 * the start of work, at each full hour, and at the end of work.
 *
 * Each session gives: its start, every full hour strictly inside it, and its
 * end. A boundary that falls on a full hour (a session ending at 12:00) is
 * one slot — the end — not an end and an hour. When the morning ends where
 * the afternoon starts, that moment is one slot too.
 */

export type SlotKind = 'start' | 'hour' | 'end';

export interface Slot {
  /** Local epoch milliseconds. */
  at: number;
  /** Minutes after local midnight. */
  minute: number;
  kind: SlotKind;
  session: 'morning' | 'afternoon';
}

export type DaySlots =
  | { status: 'work'; slots: Slot[]; season: 'summer' | 'winter'; adjusted: boolean }
  | { status: 'rest'; holiday: boolean }
  | { status: 'unknown'; year: number };

export function sessionSlots(sessions: readonly { name: Slot['session']; start: number; end: number }[]): Omit<Slot, 'at'>[] {
  const out: Omit<Slot, 'at'>[] = [];
  for (const s of sessions) {
    const add = (minute: number, kind: SlotKind) => {
      if (out.some((o) => o.minute === minute)) return;
      out.push({ minute, kind, session: s.name });
    };
    add(s.start, 'start');
    for (let h = Math.floor(s.start / 60 + 1) * 60; h < s.end; h += 60) add(h, 'hour');
    add(s.end, 'end');
  }
  return out.sort((a, b) => a.minute - b.minute);
}

export function expectedSlots(day: Date, calendar: WorkCalendar, schedule: WorkSchedule): DaySlots {
  const kind = calendar.dayKind(day);
  if (kind.kind === 'unknown') return { status: 'unknown', year: kind.year };
  if (kind.kind === 'rest') return { status: 'rest', holiday: kind.holiday };
  const season = seasonOn(schedule, day);
  const { morning, afternoon } = schedule[season];
  const y = day.getFullYear();
  const m = day.getMonth();
  const d = day.getDate();
  const slots = sessionSlots([
    { name: 'morning', start: toMinutes(morning.start), end: toMinutes(morning.end) },
    { name: 'afternoon', start: toMinutes(afternoon.start), end: toMinutes(afternoon.end) },
  ]).map((s) => ({ ...s, at: new Date(y, m, d, Math.floor(s.minute / 60), s.minute % 60).getTime() }));
  return { status: 'work', slots, season, adjusted: kind.adjusted };
}
