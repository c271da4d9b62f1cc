import { complianceWindow, figuresOf, type UnitFigures } from '../../shared/console/summary';
import type { Device } from '../../shared/domain/device';
import { calendarFrom, scheduleFrom } from './checkins';
import { mergedCalendars, mergedCheckins, mergedOf, mergedSchedule, mergedStoreNames } from './merged';
import type { ZwDb } from './schema';
import type { WorkCalendar } from '../../shared/calendar/calendar';
import type { WorkSchedule } from '../../shared/calendar/schedule';

/** The stores a unit's figures are computed from, for the transaction that computes them. */
export const FIGURE_SOURCES = [...mergedStoreNames(['devices', 'checkins', 'calendars', 'schedules']), 'unitFigures'];

/**
 * Recomputes one unit's row of the units view from what was received up to
 * its last entry. Runs inside the import's transaction (FIGURE_SOURCES), so
 * the row always matches the records.
 */
export async function refreshFigures(db: ZwDb, unitId: string, lastEntryAt: number): Promise<UnitFigures> {
  const { from, end } = complianceWindow(lastEntryAt);
  const [devices, checkins] = await Promise.all([mergedOf<Device>(db, 'devices', unitId), mergedCheckins(db, unitId, from.getTime(), end)]);
  let plan: { calendar: WorkCalendar; schedule: WorkSchedule } | null = null;
  if (checkins.length > 0) {
    const [years, schedule] = await Promise.all([mergedCalendars(db, unitId), mergedSchedule(db, unitId)]);
    plan = { calendar: calendarFrom(years).calendar, schedule: scheduleFrom(schedule).schedule };
  }
  const figures = figuresOf(unitId, lastEntryAt, devices, checkins, () => plan!);
  await db.unitFigures.put(figures);
  return figures;
}

