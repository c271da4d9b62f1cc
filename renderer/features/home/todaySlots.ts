import { useMemo } from 'react';
import { assessDay, type SlotResult } from '../../../shared/checkins/compliance';
import { dueSlotsOn, type DaySlotsFrom } from '../../../shared/checkins/report';
import { useSession } from '../../state/session';
import { useCheckins } from '../checkins/checkinStore';

/** Today's due slots and how each stands now, by the compliance rule the check-in page uses. */
export function useTodaySlots(now: number): { day: DaySlotsFrom; results: SlotResult[] } {
  const { calendar, schedule, today, version } = useCheckins();
  const since = useSession((s) => s.unit?.createdAt);
  return useMemo(() => {
    const day = dueSlotsOn(new Date(now), calendar, schedule, since);
    return { day, results: day.kind === 'work' ? assessDay(day.slots, today, schedule.toleranceMinutes, now) : [] };
    // version: bumped by the store on every check-in.
  }, [calendar, schedule, today, version, now, since]);
}
