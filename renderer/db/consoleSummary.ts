import { notReporting, DEFAULT_SILENT_DAYS } from '../../shared/console/merge';
import type { UnitFigures } from '../../shared/console/summary';
import { unitCoverage, type UnitCoverage } from './console';
import { FIGURE_SOURCES, refreshFigures } from './unitFigures';
import type { ZwDb } from './schema';

export { COMPLIANCE_DAYS } from '../../shared/console/summary';

export interface UnitSummary extends UnitCoverage, Omit<UnitFigures, 'unitId' | 'upTo'> {
  /** No bundle for longer than the office's limit (default 31 days), or none at all. */
  silent: boolean;
}

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
  const stale = coverage.filter((c, i) => c.lastEntryAt !== null && kept[i]?.upTo !== c.lastEntryAt);
  const fresh = new Map<string, UnitFigures>();
  if (stale.length > 0) {
    await db.transaction('rw', FIGURE_SOURCES, () => Promise.all(stale.map(async (c) => fresh.set(c.unitId, await refreshFigures(db, c.unitId, c.lastEntryAt!)))));
  }
  const rows = coverage.map((c, i): UnitSummary => {
    const f = fresh.get(c.unitId) ?? kept[i];
    return { ...c, activeDevices: f?.activeDevices ?? 0, violations: f?.violations ?? 0, compliance: f?.compliance ?? null, provisional: f?.provisional ?? false, silent: notReporting(c.lastReceivedAt, now, silentDays) };
  });
  return rows.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
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
