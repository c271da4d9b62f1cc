import { create } from 'zustand';
import { WorkCalendar, type YearCalendar } from '../../../shared/calendar/calendar';
import { DEFAULT_SCHEDULE, type WorkSchedule } from '../../../shared/calendar/schedule';
import { dueSlotsOn, type DaySlotsFrom } from '../../../shared/checkins/report';
import { reminderPlan, type ReminderPlan } from '../../../shared/checkins/reminders';
import type { Checkin } from '../../../shared/domain/checkin';
import { listCheckins, loadCalendar, loadSchedule } from '../../db/checkins';
import type { ScheduleRecord } from '../../db/schema';
import { db } from '../../state/db';

/**
 * The calendar, the schedule and today's check-ins of the signed-in unit:
 * what the reminder banner, the check-in dialog and the compliance page read.
 */
interface CheckinState {
  unitId: string | undefined;
  calendar: WorkCalendar;
  years: YearCalendar[];
  schedule: WorkSchedule;
  scheduleRecord: ScheduleRecord | undefined;
  today: Checkin[];
  /** Bumped on every change, so views recompute. */
  version: number;
  /** The check-in dialog, opened from anywhere (button, F8, notification). */
  dialogOpen: boolean;
  load: (unitId: string) => Promise<void>;
  reloadToday: () => Promise<void>;
  openDialog: () => void;
  closeDialog: () => void;
}

export function dayBounds(date: Date): [number, number] {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const end = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
  return [start, end];
}

export const useCheckins = create<CheckinState>((set, get) => ({
  unitId: undefined,
  calendar: new WorkCalendar([]),
  years: [],
  schedule: DEFAULT_SCHEDULE,
  scheduleRecord: undefined,
  today: [],
  version: 0,
  dialogOpen: false,
  load: async (unitId) => {
    const [{ calendar, years }, { schedule, record }] = await Promise.all([loadCalendar(db, unitId), loadSchedule(db, unitId)]);
    const [from, to] = dayBounds(new Date());
    const today = await listCheckins(db, unitId, from, to);
    set((s) => ({ unitId, calendar, years, schedule, scheduleRecord: record, today, version: s.version + 1 }));
  },
  reloadToday: async () => {
    const unitId = get().unitId;
    if (!unitId) return;
    const [from, to] = dayBounds(new Date());
    const today = await listCheckins(db, unitId, from, to);
    set((s) => ({ today, version: s.version + 1 }));
  },
  openDialog: () => set({ dialogOpen: true }),
  closeDialog: () => set({ dialogOpen: false }),
}));

/** Today's due slots and the reminder plan. */
export function todayPlan(
  calendar: WorkCalendar,
  schedule: WorkSchedule,
  today: readonly Checkin[],
  now: number,
  since?: number,
): { day: DaySlotsFrom; plan: ReminderPlan | undefined } {
  const day = dueSlotsOn(new Date(now), calendar, schedule, since);
  return { day, plan: day.kind === 'work' ? reminderPlan(day.slots, today, schedule, now) : undefined };
}
