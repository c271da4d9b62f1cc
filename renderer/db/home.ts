import { factsOf } from '../../shared/evaluation/facts';
import { unitHome, type UnitHome } from '../../shared/home/unitHome';
import type { Fault } from '../../shared/ledgers/fault';
import { lastExport } from './bundleExport';
import { OWN_FIGURE_SOURCES, ownRecords } from './evaluation';
import { appliedPolicy, assignedRanges, type AppliedPolicy } from './policy';
import type { ZwDb } from './schema';

/**
 * The unit's home page in one read: a year of its own records as the
 * evaluation reads them, and what this PC knows of its last backup, its last
 * export and the office's policy. One transaction, so every card shows the
 * same state of the database.
 */
export interface UnitHomeData {
  home: UnitHome<Fault>;
  activeDevices: number;
  policy: AppliedPolicy | null;
  enrolmentGiven: string | null;
}

/** Twelve months back to the start of the month, so the oldest month of the trend is whole. */
export function trendStart(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth() - 11, 1).getTime();
}

const enrolmentKey = (unitId: string) => `enrolmentGiven/${unitId}`;

/** Notes which key's enrolment file was handed out, so the first steps know the office can enrol it. */
export async function noteEnrolmentGiven(db: ZwDb, unitId: string, keyId: string): Promise<void> {
  await db.meta.put({ key: enrolmentKey(unitId), value: keyId });
}

export async function readUnitHome(db: ZwDb, unitId: string, now = Date.now()): Promise<UnitHomeData> {
  return db.transaction('r', OWN_FIGURE_SOURCES, async () => {
    const [{ records, context }, exported, policy, given] = await Promise.all([
      ownRecords(db, unitId, trendStart(now), now + 1),
      lastExport(db, unitId),
      appliedPolicy(db, unitId),
      db.meta.get(enrolmentKey(unitId)),
    ]);
    const facts = factsOf(records, { ...context, year: new Date(now).getFullYear(), now });
    const backupDays = context.backupDays ?? [];
    const home = unitHome({
      facts,
      devices: records.devices,
      faults: records.faults.filter((f) => f.retiredAt === null),
      ranges: assignedRanges(policy),
      lastBackupDay: backupDays.length > 0 ? backupDays[backupDays.length - 1]! : null,
      lastExportAt: exported?.at ?? null,
    });
    return {
      home,
      activeDevices: records.devices.filter((d) => d.retiredAt === null).length,
      policy,
      enrolmentGiven: typeof given?.value === 'string' ? given.value : null,
    };
  });
}
