import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin } from './helpers';
import { coverageScans, readUnitHome } from '../../../renderer/db/home';
import { readUnitTrend, trendCacheKey } from '../../../renderer/db/homeTrend';
import { backupDays, ownRecords } from '../../../renderer/db/evaluation';
import { recordCheckin } from '../../../renderer/db/checkins';
import { COVERAGE_POLICY_KEY } from '../../../renderer/db/coveragePolicy';
import { assignedRanges, appliedPolicy } from '../../../renderer/db/policy';
import { lastExport } from '../../../renderer/db/bundleExport';
import type { Actor } from '../../../renderer/db/repository';
import type { ZwDb } from '../../../renderer/db/schema';
import type { Checkin } from '../../../shared/domain/checkin';
import { isoDay } from '../../../shared/calendar/calendar';
import { factsOf } from '../../../shared/evaluation/facts';
import { lastMonths, monthlyTrends, unitHome } from '../../../shared/home/unitHome';
import { parseTrendCache } from '../../../shared/home/trendCache';

const H = 3_600_000;
const DAY = 24 * H;
const NOW = new Date(2026, 4, 20, 10, 0).getTime();
const START = new Date(2025, 4, 20).getTime();
const iso = (t: number) => isoDay(new Date(t));

/**
 * A year of a small unit's records, put straight into its tables the way the
 * bench does, with the cases a narrow read could get wrong: a device whose
 * latest scan is weeks old with threats left, one with old signatures, one
 * whose recent scan was retired, two scans of one device on one day, a
 * device never scanned, retired devices, logs and tickets, a skipped day of
 * check-ins.
 */
async function seed(db: ZwDb, actor: Actor): Promise<void> {
  let n = 0;
  const meta = (at: number, retired = false) => ({
    unitId: actor.unitId,
    id: `seed-${(n++).toString(36).padStart(6, '0')}`,
    rev: 1,
    createdAt: at,
    createdBy: actor.accountId,
    updatedAt: at,
    updatedBy: actor.accountId,
    retiredAt: retired ? at + H : null,
    retiredReason: retired ? '录入错误' : null,
  });
  await db.units.update(actor.unitId, { createdAt: START });
  const devices = Array.from({ length: 20 }, (_, i) => ({
    ...meta(START, i === 19),
    ip: `10.0.0.${i + 1}`,
    mac: `02:00:00:00:00:${(i + 16).toString(16).toUpperCase()}`,
    owner: `负责人${i}`,
    office: '办公室',
    location: '三楼',
    kind: 'desktop' as const,
    status: 'inUse' as const,
    dedicatedConfirmed: true,
    internetCapable: i % 4 === 0,
    isolationCard: i === 0,
    note: '',
    configCleared: null,
    configClearedBy: null,
    configClearedAt: null,
  }));
  const scan = (deviceId: string, day: number, over: Record<string, unknown> = {}, retired = false) => ({
    ...meta(day + 9 * H, retired),
    deviceId,
    scannedOn: iso(day),
    tool: '火绒安全',
    signatureVersion: 'v',
    signatureDate: iso(day - 2 * DAY),
    scope: 'full',
    threats: 0,
    action: '',
    resolved: true,
    note: '',
    ...over,
  });
  const scans: ReturnType<typeof scan>[] = [];
  for (let day = START + 3 * DAY; day <= NOW; day += 7 * DAY) {
    for (const [i, d] of devices.entries()) {
      if (i === 1) continue; // never scanned
      const stopped = i === 2 || i === 3; // no scan in the last three weeks
      if (stopped && day > NOW - 21 * DAY) continue;
      const last = day + 7 * DAY > NOW - 21 * DAY && day <= NOW - 21 * DAY;
      scans.push(scan(d.id, day, stopped && last ? (i === 2 ? { threats: 2, resolved: false, action: '已隔离' } : { signatureDate: iso(day - 40 * DAY) }) : {}));
    }
  }
  // Device 4: its only recent scan retired, so its latest active one is the week before.
  const recent4 = scans.filter((s) => s.deviceId === devices[4]!.id).at(-1)!;
  scans.splice(scans.indexOf(recent4), 1, { ...recent4, retiredAt: recent4.createdAt + H, retiredReason: '录入错误' });
  // Device 5: scanned twice on its latest day; the later entry found threats left.
  const recent5 = scans.filter((s) => s.deviceId === devices[5]!.id).at(-1)!;
  scans.push({ ...recent5, id: 'seed-dup', createdAt: recent5.createdAt + H, threats: 1, resolved: false });
  const dutyLogs: Record<string, unknown>[] = [];
  const checkins: Checkin[] = [];
  const slots = [[8, 30], [9, 0], [10, 0], [11, 0], [12, 0], [14, 30], [15, 0], [16, 0], [17, 0], [18, 0]] as const;
  for (let day = START; day < NOW - DAY; day += DAY) {
    const d = new Date(day);
    if (d.getDay() === 0 || d.getDay() === 6) continue;
    dutyLogs.push({ ...meta(day + 17 * H, d.getDate() === 12), date: iso(day), shift: 'allDay', staff: '李明', equipment: 'normal', abnormality: '', events: '正常', faults: '', handover: '' });
    if (iso(day) === '2026-03-10') continue;
    for (const [k, [h, m]] of slots.entries()) {
      if ((d.getDate() + k) % 9 === 0) continue;
      const at = new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m + ((d.getDate() * 7 + k) % 15)).getTime();
      checkins.push({ ...meta(at, k === 3 && d.getDate() === 5), officerId: actor.accountId, at, docsReceived: 1, docsHandled: 1, note: '', backfilled: false, backfillReason: null });
    }
  }
  const faults = Array.from({ length: 14 }, (_, i) => {
    const reportedAt = START + i * 27 * DAY + 9 * H;
    const arrivedAt = i >= 12 ? null : reportedAt + (i % 3) * 2 * H;
    return { ...meta(reportedAt, i === 6), reportedAt, reporter: '李明', description: `中断 ${i}`, deviceIds: [devices[i]!.id], maintainerId: '', urges: [], arrivedAt, resolvedAt: arrivedAt === null ? null : arrivedAt + H, resolution: '', cause: 'network', serious: false, sheetWork: '', sheetSentOn: '', decidedPct: null };
  });
  const trainings = [
    { ...meta(START + 30 * DAY), heldOn: iso(START + 30 * DAY), organiser: '市信息办', topic: '专网安全', attendees: ['李四'] },
    { ...meta(NOW - 60 * DAY, true), heldOn: iso(NOW - 60 * DAY), organiser: '市信息办', topic: '已作废', attendees: [] },
  ];
  await db.transaction('rw', [db.devices, db.scans, db.dutyLogs, db.checkins, db.faults, db.trainings], async () => {
    await db.devices.bulkPut(devices);
    await db.scans.bulkPut(scans as never[]);
    await db.dutyLogs.bulkPut(dutyLogs as never[]);
    await db.checkins.bulkPut(checkins);
    await db.faults.bulkPut(faults as never[]);
    await db.trainings.bulkPut(trainings as never[]);
  });
}

/** The page as it was first built: a year of every record through the evaluation's facts. */
async function fullRead(db: ZwDb, unitId: string, now: number) {
  const from = new Date(new Date(now).getFullYear(), new Date(now).getMonth() - 11, 1).getTime();
  const { records, context } = await ownRecords(db, unitId, from, now + 1);
  const facts = factsOf(records, { ...context, year: new Date(now).getFullYear(), now });
  const backups = await backupDays(db);
  const home = unitHome({
    facts,
    devices: records.devices,
    faults: records.faults.filter((f) => f.retiredAt === null),
    ranges: assignedRanges(await appliedPolicy(db, unitId)),
    lastBackupDay: backups.at(-1) ?? null,
    lastExportAt: (await lastExport(db, unitId))?.at ?? null,
  });
  return { home, trends: monthlyTrends(facts, lastMonths(now)) };
}

describe('the home page’s narrow reads', () => {
  it('give the cards and the trend the same figures as reading the whole year', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await seed(db, actor);
    const full = await fullRead(db, actor.unitId, NOW);
    // The seeded cases are there: coverage decided by old scans, a retired recent one, same-day scans.
    expect(full.home.scan).toMatchObject({ total: 19, unresolvedThreats: 2, staleSignatures: 1 });
    expect(full.home.scan.overdue).toBe(4);
    const cards = await readUnitHome(db, actor.unitId, NOW);
    expect(cards.home).toEqual(full.home);
    expect(cards.activeDevices).toBe(19);
    expect(await readUnitTrend(db, actor.unitId, NOW)).toEqual(full.trends);
    // Reopened from the kept months, the same again.
    expect(await readUnitTrend(db, actor.unitId, NOW)).toEqual(full.trends);
  });

  it('find the scans coverage rests on the same way one device at a time and from the index keys of all', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await seed(db, actor);
    // Device 3's last scan, weeks before the period, withdrawn: its answer is the scan before that.
    const device3 = (await db.devices.where('unitId').equals(actor.unitId).filter((d) => d.ip === '10.0.0.4').first())!;
    const last3 = (await db.scans.where('[unitId+deviceId+scannedOn]').between([actor.unitId, device3.id, ''], [actor.unitId, device3.id, '\uffff']).last())!;
    await db.scans.update(last3.id, { retiredAt: last3.createdAt + H, retiredReason: '录入错误' });
    const active = (await db.devices.where('unitId').equals(actor.unitId).toArray()).filter((d) => d.retiredAt === null).map((d) => d.id);
    const from = iso(NOW - 14 * DAY);
    const byId = (list: { id: string }[]) => list.map((x) => x.id).sort();
    const oneByOne = await coverageScans(db, actor.unitId, active, from, iso(NOW), Infinity);
    const fromKeys = await coverageScans(db, actor.unitId, active, from, iso(NOW), 0);
    expect(byId(fromKeys)).toEqual(byId(oneByOne));
    // The cases are there: devices answered by an earlier scan, the withdrawn one by the scan before it, one never scanned.
    const older = oneByOne.filter((x) => x.scannedOn < from);
    expect(older.some((x) => x.deviceId === device3.id && x.scannedOn < last3.scannedOn)).toBe(true);
    expect(oneByOne.some((x) => x.id === last3.id)).toBe(false);
  });

  it('reads the coverage period by day on a database upgraded from version 9', async () => {
    const { openDb, VERSIONS } = await import('../../../renderer/db/schema');
    const name = `home-migrate-${Math.random()}`;
    const old = openDb(name, 9);
    const actor = await unitWithAdmin(old);
    await seed(old, actor);
    const before = await old.scans.where('unitId').equals(actor.unitId).count();
    old.close();
    const db = openDb(name);
    await db.open();
    // Upgraded through every later version, the home page's (10) among them.
    expect(db.verno).toBe(VERSIONS.at(-1)!.version);
    expect(await db.scans.where('[unitId+scannedOn]').between([actor.unitId, ''], [actor.unitId, '\uffff']).count()).toBe(before);
    expect(await db.dutyLogs.where('[unitId+date]').between([actor.unitId, '2026-05-01'], [actor.unitId, '2026-05-31']).count()).toBe(13);
    expect((await readUnitHome(db, actor.unitId, NOW)).home).toEqual((await fullRead(db, actor.unitId, NOW)).home);
    db.close();
  });
});

describe('the kept trend months', () => {
  it('are used while nothing changed, and dropped by any write, a back-filled check-in or a new coverage setting', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await seed(db, actor);
    const first = await readUnitTrend(db, actor.unitId, NOW);
    const kept = parseTrendCache((await db.meta.get(trendCacheKey(actor.unitId)))?.value)!;
    // Settled months only: April ended 20 days ago, May is still running.
    expect(Object.keys(kept.months).sort()).toEqual(lastMonths(NOW).slice(0, 11));

    // A kept month is taken as kept (marked here so that its use shows), the running month never.
    const marked = { value: 0.123, provisional: false, coveredDays: 1, periodDays: 1 };
    const mark = async () => {
      const row = parseTrendCache((await db.meta.get(trendCacheKey(actor.unitId)))?.value)!;
      row.months['2026-03'] = { ...row.months['2026-03']!, checkinOnTimeRate: marked };
      row.months['2026-05'] = { ...first[11]!, checkinOnTimeRate: marked };
      await db.meta.put({ key: trendCacheKey(actor.unitId), value: row });
    };
    await mark();
    const reopened = await readUnitTrend(db, actor.unitId, NOW);
    expect(reopened[9]!.checkinOnTimeRate).toEqual(marked);
    expect(reopened[11]).toEqual(first[11]);

    // A check-in back-filled into March moves the chain head: March is computed again and now counts it.
    await recordCheckin(db, { ...actor, role: 'docOfficer' }, { at: new Date(2026, 2, 10, 8, 31).getTime(), docsReceived: 1, docsHandled: 1, note: '', backfillReason: '停电后补录' }, NOW);
    const after = await readUnitTrend(db, actor.unitId, NOW);
    expect(after).toEqual((await fullRead(db, actor.unitId, NOW)).trends);
    expect(after[9]!.checkinOnTimeRate!.value).toBeGreaterThan(first[9]!.checkinOnTimeRate!.value!);

    // The coverage setting lives outside the log; changing it drops the kept months too.
    await mark();
    await db.meta.put({ key: COVERAGE_POLICY_KEY, value: { periodDays: 14, maxSignatureAgeDays: 14 } });
    const wider = await readUnitTrend(db, actor.unitId, NOW);
    expect(wider).toEqual((await fullRead(db, actor.unitId, NOW)).trends);
    expect(wider[9]!.checkinOnTimeRate).not.toEqual(marked);

    // A row this version did not write is ignored, not trusted.
    await db.meta.put({ key: trendCacheKey(actor.unitId), value: { basis: 'x', months: { '2026-03': 1 } } });
    expect(await readUnitTrend(db, actor.unitId, NOW)).toEqual(wider);
  });
});
