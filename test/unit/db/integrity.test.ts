import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin, deviceInput } from './helpers';
import { checkIntegrity } from '../../../renderer/db/integrity';
import { createDevice, retireDevice, updateDevice } from '../../../renderer/db/devices';
import { createLedgerRecords } from '../../../renderer/db/ledgers';
import { saveSchedule } from '../../../renderer/db/checkins';
import { newRecord } from '../../../renderer/db/repository';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';
import type { DutyLog } from '../../../shared/ledgers/duty';

const duty = { date: '2026-11-24', shift: 'day', staff: '赵六', equipment: 'normal', abnormality: '', events: '', faults: '', handover: '' };

/** A unit with a few of everything, all written through the repository. */
async function unitWithRecords() {
  const db = freshDb();
  const actor = await unitWithAdmin(db);
  const a = await createDevice(db, actor, deviceInput(1));
  const b = await createDevice(db, actor, deviceInput(2));
  const revised = await updateDevice(db, actor, a.id, 1, deviceInput(1, { owner: '张伟' }));
  await retireDevice(db, actor, b.id, 1, { reason: '报废', configCleared: true, clearedBy: '张伟', clearedAt: Date.now() - 60_000 });
  const [log] = await createLedgerRecords<DutyLog>(db, actor, 'dutyLogs', [duty]);
  await saveSchedule(db, actor, DEFAULT_SCHEDULE);
  return { db, actor, device: revised, retired: b, log: log! };
}

describe('integrity check of the live records against the change log', () => {
  it('finds nothing wrong in records written through the repository', async () => {
    const { db, actor } = await unitWithRecords();
    const report = await checkIntegrity(db, actor.unitId);
    expect(report.chain.ok).toBe(true);
    // unit, admin, two devices, one duty log, the schedule
    expect(report.records).toBe(6);
    expect(report.counts).toEqual({ unlogged: 0, edited: 0, missing: 0 });
    expect(report.findings).toEqual([]);
  });

  it('counts as unchanged what has the same JSON form (fields in another order, an undefined field), and reports what has none', async () => {
    const { db, actor, device } = await unitWithRecords();
    const reordered = Object.fromEntries(Object.entries(device).reverse());
    await db.devices.put({ ...reordered, extra: undefined } as never);
    expect((await checkIntegrity(db, actor.unitId)).findings).toEqual([]);
    // A value JSON cannot hold has no canonical form: reported, not a crash of the check.
    await db.devices.put({ ...device, configClearedAt: Number.NaN });
    expect((await checkIntegrity(db, actor.unitId)).findings).toEqual([expect.objectContaining({ problem: 'edited', fields: ['configClearedAt'] })]);
  });

  it('reports a device edited straight in IndexedDB, with the fields that differ, though the chain is intact', async () => {
    const { db, actor, device } = await unitWithRecords();
    await db.devices.put({ ...device, owner: '篡改者', ip: '10.9.9.9' });
    const report = await checkIntegrity(db, actor.unitId);
    expect(report.chain.ok).toBe(true);
    expect(report.findings).toEqual([
      expect.objectContaining({ table: 'devices', problem: 'edited', recordId: device.id, fields: ['ip', 'owner'], logged: expect.objectContaining({ owner: '张伟', ip: device.ip }), live: expect.objectContaining({ owner: '篡改者' }) }),
    ]);
  });

  it('reports an edit that also bumped the revision, and one that kept it', async () => {
    const { db, actor, device, log } = await unitWithRecords();
    await db.devices.put({ ...device, rev: device.rev + 1, note: '已改' });
    await db.dutyLogs.update(log.id, { staff: '冒名' });
    const report = await checkIntegrity(db, actor.unitId);
    expect(report.counts.edited).toBe(2);
    expect(report.findings.map((f) => [f.table, f.fields])).toEqual([
      ['devices', ['note', 'rev']],
      ['dutyLogs', ['staff']],
    ]);
  });

  it('reports records added straight in IndexedDB, in any logged table', async () => {
    const { db, actor } = await unitWithRecords();
    const planted = { ...newRecord(actor, deviceInput(3)), ip: '10.0.0.99' };
    await db.devices.add(planted as never);
    const fault = newRecord(actor, { reportedAt: Date.now(), reporter: '某人', description: '网络中断', deviceIds: [], maintainerId: planted.id });
    await db.faults.add(fault as never);
    const report = await checkIntegrity(db, actor.unitId);
    expect(report.counts).toEqual({ unlogged: 2, edited: 0, missing: 0 });
    expect(report.findings).toEqual([
      expect.objectContaining({ table: 'devices', problem: 'unlogged', recordId: planted.id, live: expect.objectContaining({ ip: '10.0.0.99' }) }),
      expect.objectContaining({ table: 'faults', problem: 'unlogged', recordId: fault.id, live: expect.objectContaining({ description: '网络中断' }) }),
    ]);
  });

  it('reports records whose row was deleted though the log has them', async () => {
    const { db, actor, retired } = await unitWithRecords();
    await db.devices.delete(retired.id);
    await db.schedules.clear();
    const report = await checkIntegrity(db, actor.unitId);
    expect(report.counts).toEqual({ unlogged: 0, edited: 0, missing: 2 });
    expect(report.findings).toEqual([
      expect.objectContaining({ table: 'devices', problem: 'missing', recordId: retired.id, logged: expect.objectContaining({ ip: retired.ip, retiredReason: '报废' }) }),
      expect.objectContaining({ table: 'schedules', problem: 'missing', recordId: actor.unitId }),
    ]);
  });

  it('reports the unit profile and an account edited in place, but not a password hash, which the log never holds', async () => {
    const { db, actor } = await unitWithRecords();
    await db.units.update(actor.unitId, { name: '别的单位' });
    await db.accounts.update(actor.accountId, { passwordHash: 'scrypt$other' });
    let report = await checkIntegrity(db, actor.unitId);
    expect(report.findings.map((f) => [f.table, f.problem, f.fields])).toEqual([['units', 'edited', ['name']]]);
    await db.accounts.update(actor.accountId, { role: 'admin', displayName: '冒名管理员' });
    report = await checkIntegrity(db, actor.unitId);
    expect(report.findings.map((f) => [f.table, f.fields])).toEqual([
      ['units', ['name']],
      ['accounts', ['displayName']],
    ]);
  });

  it('still compares the records when the chain itself is broken', async () => {
    const { db, actor, device } = await unitWithRecords();
    await db.changelog.delete([actor.unitId, 3]);
    await db.devices.put({ ...device, owner: '篡改者' });
    const report = await checkIntegrity(db, actor.unitId);
    expect(report.chain).toMatchObject({ ok: false, seq: 3, problem: 'sequence' });
    expect(report.findings).toEqual([expect.objectContaining({ table: 'devices', problem: 'edited', fields: ['owner'] })]);
  });

  it('reads the tables in pages: every row past the first page is compared too', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const { createDevices } = await import('../../../renderer/db/devices');
    const { created } = await createDevices(db, actor, Array.from({ length: 4100 }, (_, i) => deviceInput(i + 1)));
    const last = created.reduce((a, b) => (a.id > b.id ? a : b));
    await db.devices.put({ ...last, owner: '篡改者' });
    const report = await checkIntegrity(db, actor.unitId);
    expect(report.records).toBe(4102);
    expect(report.findings).toEqual([expect.objectContaining({ recordId: last.id, problem: 'edited' })]);
  });
});
