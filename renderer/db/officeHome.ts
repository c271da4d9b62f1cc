import { z } from 'zod';
import { VERDICTS, type Verdict } from '../../shared/bundle/verdicts';
import { arrivalWindow, officeReceivedOf, verdictCounts, type MonthArrivals, type OfficeReceived } from '../../shared/home/officeHome';
import type { SelfAssessment } from '../../shared/evaluation/selfAssessment';
import { loadSilentDays, unitSummaries, type UnitSummary } from './consoleSummary';
import { mergedStore } from './merged';
import type { ZwDb } from './schema';

/**
 * The office's home page: the units view's rows, bundle arrivals over twelve
 * months, the last import's verdicts and how far the year's evaluation has
 * come.
 */

const LAST_IMPORT_KEY = 'console.lastImport';
const lastImportSchema = z.object({ at: z.number(), counts: z.partialRecord(z.enum(VERDICTS), z.number().int().min(0)) });
export type LastImport = z.output<typeof lastImportSchema>;

/** Keeps the verdict counts of a batch of files just imported (meta is local and unsigned: a note, not a record). */
export async function noteLastImport(db: ZwDb, verdicts: readonly Verdict[], at = Date.now()): Promise<void> {
  if (verdicts.length === 0) return;
  await db.meta.put({ key: LAST_IMPORT_KEY, value: { at, counts: verdictCounts(verdicts) } });
}

export async function lastImport(db: ZwDb): Promise<LastImport | null> {
  const parsed = lastImportSchema.safeParse((await db.meta.get(LAST_IMPORT_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export interface EvaluationStanding {
  year: number;
  units: number;
  selfSubmitted: number;
  entered: number;
  notices: number;
}

export interface OfficeHomeData {
  units: UnitSummary[];
  arrivals: MonthArrivals[];
  lastImport: LastImport | null;
  standing: EvaluationStanding;
}

/** The home page's half about data received from units, from this PC's database (shared/home/officeHome.ts). */
export async function officeReceived(db: ZwDb, now: number, silentDays: number): Promise<OfficeReceived> {
  const { from } = arrivalWindow(now);
  const [units, received, selfs] = await Promise.all([unitSummaries(db, now, silentDays), db.receivedBundles.filter((b) => b.receivedAt >= from).toArray(), mergedStore<SelfAssessment>(db, 'selfAssessments').toArray()]);
  return officeReceivedOf(units, received, selfs, now);
}

/** Where that half is read: this PC's database, or the office's PostgreSQL server through main. */
export type OfficeReceivedRead = (now: number, silentDays: number) => Promise<OfficeReceived>;

/** The home page; the office's own half (its evaluation entries, notices, the last import's note) is always this PC's. */
export async function readOfficeHome(db: ZwDb, officeUnitId: string, now = Date.now(), received: OfficeReceivedRead = (at, days) => officeReceived(db, at, days)): Promise<OfficeHomeData> {
  const year = new Date(now).getFullYear();
  const [fromUnits, imported, entries, notices] = await Promise.all([
    loadSilentDays(db).then((days) => received(now, days)),
    lastImport(db),
    db.evaluationEntries.where('unitId').equals(officeUnitId).toArray(),
    db.networkNotices.where('unitId').equals(officeUnitId).toArray(),
  ]);
  return {
    units: fromUnits.units,
    arrivals: fromUnits.arrivals,
    lastImport: imported,
    standing: {
      year,
      units: fromUnits.units.length,
      selfSubmitted: fromUnits.selfSubmitted,
      entered: entries.filter((e) => e.year === year && e.retiredAt === null).length,
      notices: notices.filter((n) => n.year === year && n.retiredAt === null).length,
    },
  };
}
