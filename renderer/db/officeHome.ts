import { z } from 'zod';
import { VERDICTS, type Verdict } from '../../shared/bundle/verdicts';
import { lastMonths } from '../../shared/home/unitHome';
import { monthlyArrivals, verdictCounts, type MonthArrivals } from '../../shared/home/officeHome';
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

export async function readOfficeHome(db: ZwDb, officeUnitId: string, now = Date.now()): Promise<OfficeHomeData> {
  const year = new Date(now).getFullYear();
  const months = lastMonths(now);
  const from = new Date(Number(months[0]!.slice(0, 4)), Number(months[0]!.slice(5)) - 1, 1).getTime();
  const units = await unitSummaries(db, now, await loadSilentDays(db));
  const [received, imported, selfs, entries, notices] = await Promise.all([
    db.receivedBundles.filter((b) => b.receivedAt >= from).toArray(),
    lastImport(db),
    mergedStore<SelfAssessment>(db, 'selfAssessments').toArray(),
    db.evaluationEntries.where('unitId').equals(officeUnitId).toArray(),
    db.networkNotices.where('unitId').equals(officeUnitId).toArray(),
  ]);
  const enrolled = new Set(units.map((u) => u.unitId));
  return {
    units,
    arrivals: monthlyArrivals(received, months),
    lastImport: imported,
    standing: {
      year,
      units: units.length,
      selfSubmitted: selfs.filter((s) => s.year === year && s.status === 'submitted' && s.retiredAt === null && enrolled.has(s.unitId)).length,
      entered: entries.filter((e) => e.year === year && e.retiredAt === null).length,
      notices: notices.filter((n) => n.year === year && n.retiredAt === null).length,
    },
  };
}
