import Dexie from 'dexie';
import { isoDay } from '../../shared/calendar/calendar';
import type { Checkin } from '../../shared/domain/checkin';
import type { Device } from '../../shared/domain/device';
import { factsOf } from '../../shared/evaluation/facts';
import { parseTrendCache, sameBasis, settled, type TrendBasis } from '../../shared/home/trendCache';
import { lastMonths, monthlyTrends, type MonthTrend } from '../../shared/home/unitHome';
import type { Fault } from '../../shared/ledgers/fault';
import type { Scan } from '../../shared/ledgers/scan';
import { loadCalendar, loadSchedule } from './checkins';
import { coveragePolicy } from './coveragePolicy';
import { ValidationError } from './errors';
import { chainHead } from './repository';
import type { ZwDb } from './schema';
import { unitRows } from './unitRows';

/**
 * The home page's 12-month trend. Computing it needs a year of check-ins and
 * scans, so the page draws it after the cards, and the figures of settled past
 * months are kept in meta with what they were computed from (trendCache.ts):
 * a reopen reads and computes only the months still moving, usually just the
 * current one.
 */

export const trendCacheKey = (unitId: string) => `homeTrend/${unitId}`;

const BASIS_SOURCES = ['changelog', 'calendars', 'meta'];
const TREND_SOURCES = [...BASIS_SOURCES, 'units', 'devices', 'checkins', 'scans', 'faults', 'schedules'];

async function trendBasis(db: ZwDb, unitId: string): Promise<TrendBasis> {
  const [head, coverage, calendar] = await Promise.all([chainHead(db, unitId), coveragePolicy(db), loadCalendar(db, unitId)]);
  return { seq: head.seq, hash: head.hash, coverage, calendarYears: calendar.years.map((y) => y.year).sort((a, b) => a - b) };
}

/** Local midnight starting `month` (`YYYY-MM`). */
function monthStart(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(y, m - 1, 1).getTime();
}

/**
 * The figures of `months` (oldest first) from the unit's check-ins and scans
 * since the first of them, its register and tickets, through the
 * evaluation's own facts and figures.
 */
async function computeMonths(db: ZwDb, unitId: string, months: readonly string[], now: number): Promise<MonthTrend[]> {
  const first = months[0]!;
  const [profile, devices, checkins, scans, faults, calendar, schedule, coverage] = await Promise.all([
    db.units.get(unitId),
    unitRows<Device>(db, 'devices', unitId),
    db.checkins.where('[unitId+at]').between([unitId, monthStart(first)], [unitId, now + 1], true, false).toArray() as Promise<Checkin[]>,
    db.scans.where('[unitId+scannedOn]').between([unitId, `${first}-01`], [unitId, Dexie.maxKey], true, true).toArray() as Promise<Scan[]>,
    unitRows<Fault>(db, 'faults', unitId),
    loadCalendar(db, unitId),
    loadSchedule(db, unitId),
    coveragePolicy(db),
  ]);
  if (!profile || profile.unitId !== unitId) throw new ValidationError([{ field: '', code: 'evaluation.noUnit' }]);
  const facts = factsOf(
    { profile, devices, checkins, scans, dutyLogs: [], faults, trainings: [], incidents: [], inspections: [], copyFilings: [] },
    { calendar: calendar.calendar, schedule: schedule.schedule, coverage, year: new Date(now).getFullYear(), now },
  );
  return monthlyTrends(facts, months);
}

export async function readUnitTrend(db: ZwDb, unitId: string, now = Date.now()): Promise<MonthTrend[]> {
  const today = isoDay(new Date(now));
  const months = lastMonths(now);
  const { basis, trends, fresh } = await db.transaction('r', TREND_SOURCES, async () => {
    const [basis, row] = await Promise.all([trendBasis(db, unitId), db.meta.get(trendCacheKey(unitId))]);
    const cache = parseTrendCache(row?.value);
    const kept = cache && sameBasis(cache.basis, basis) ? cache.months : {};
    const missing = months.filter((m) => !(settled(m, today) && kept[m]));
    const computed = missing.length > 0 ? await computeMonths(db, unitId, missing, now) : [];
    const byMonth = new Map([...Object.entries(kept), ...computed.map((t) => [t.month, t] as const)]);
    return { basis, trends: months.map((m) => byMonth.get(m)!), fresh: computed.some((t) => settled(t.month, today)) };
  });
  if (!fresh) return trends;
  const keep = Object.fromEntries(trends.filter((t) => settled(t.month, today)).map((t) => [t.month, t]));
  // Kept only if nothing was written since the read: figures of an older state must never pass for the new one.
  await db.transaction('rw', BASIS_SOURCES, async () => {
    if (sameBasis(await trendBasis(db, unitId), basis)) await db.meta.put({ key: trendCacheKey(unitId), value: { basis, months: keep } });
  });
  return trends;
}
