import { readFigures, type FigureReads, type UnitFigures } from '../../shared/console/summary';
import type { Device } from '../../shared/domain/device';
import { mergedCalendars, mergedCheckins, mergedOf, mergedSchedule, mergedStoreNames } from './merged';
import type { ZwDb } from './schema';

/** The stores a unit's figures are computed from, for the transaction that computes them. */
export const FIGURE_SOURCES = [...mergedStoreNames(['devices', 'checkins', 'calendars', 'schedules']), 'unitFigures'];

function figureReads(db: ZwDb): FigureReads {
  return {
    devices: (unitId) => mergedOf<Device>(db, 'devices', unitId),
    checkins: (unitId, from, end) => mergedCheckins(db, unitId, from, end),
    calendars: (unitId) => mergedCalendars(db, unitId),
    schedule: (unitId) => mergedSchedule(db, unitId),
  };
}

/**
 * Recomputes one unit's row of the units view from what was received up to
 * its last entry. Runs inside the import's transaction (FIGURE_SOURCES), so
 * the row always matches the records.
 */
export async function refreshFigures(db: ZwDb, unitId: string, lastEntryAt: number): Promise<UnitFigures> {
  const figures = await readFigures(figureReads(db), unitId, lastEntryAt);
  await db.unitFigures.put(figures);
  return figures;
}
