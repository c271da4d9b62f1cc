import { DEFAULT_SILENT_DAYS } from '../../shared/console/merge';
import { figuresStale, summaryRows, type UnitFigures, type UnitSummary } from '../../shared/console/summary';
import { unitCoverage } from './console';
import { FIGURE_SOURCES, refreshFigures } from './unitFigures';
import type { ZwDb } from './schema';

export { COMPLIANCE_DAYS, type UnitSummary } from '../../shared/console/summary';

/**
 * The aggregated view's rows: what was received of each enrolled unit, its
 * register (devices in use, isolation-card violations) and, where check-ins
 * were received, its inbox-check compliance. Figures kept by the import are
 * read as they are; a unit whose figures are missing or behind its last
 * entry (a database from before they were kept) is computed here.
 */
export async function unitSummaries(db: ZwDb, now: number = Date.now(), silentDays: number = DEFAULT_SILENT_DAYS): Promise<UnitSummary[]> {
  const coverage = await unitCoverage(db);
  const kept = await db.unitFigures.bulkGet(coverage.map((c) => c.unitId));
  const stale = coverage.filter((c, i) => figuresStale(c, kept[i]));
  const figures = new Map<string, UnitFigures>();
  kept.forEach((f) => f && figures.set(f.unitId, f));
  if (stale.length > 0) {
    await db.transaction('rw', FIGURE_SOURCES, () => Promise.all(stale.map(async (c) => figures.set(c.unitId, await refreshFigures(db, c.unitId, c.lastEntryAt!)))));
  }
  return summaryRows(coverage, figures, now, silentDays);
}

const SILENT_DAYS_KEY = 'console.silentDays';

/** After how many days without a bundle the office counts a unit as not reporting. */
export async function loadSilentDays(db: ZwDb): Promise<number> {
  const v = (await db.meta.get(SILENT_DAYS_KEY))?.value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 366 ? v : DEFAULT_SILENT_DAYS;
}

export async function saveSilentDays(db: ZwDb, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new RangeError('days');
  await db.meta.put({ key: SILENT_DAYS_KEY, value: days });
}
