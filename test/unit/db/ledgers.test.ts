import { describe, expect, it } from 'vitest';
import { freshDb, issueCodes, unitWithAdmin, deviceInput } from './helpers';
import { createLedgerRecords, listLedger, retireLedgerRecord, updateLedgerRecord } from '../../../renderer/db/ledgers';
import { createDevice, retireDevice } from '../../../renderer/db/devices';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import type { DutyLog } from '../../../shared/ledgers/duty';
import type { Fault } from '../../../shared/ledgers/fault';

const duty = (over: Record<string, unknown> = {}) => ({ date: '2026-11-24', shift: 'day', staff: '赵六', equipment: 'normal', abnormality: '', events: '', faults: '', handover: '', ...over });

const codes = issueCodes;

describe('declared ledgers through one repository', () => {
  it('creates, revises and retires with history in the chain', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const [log] = await createLedgerRecords<DutyLog>(db, actor, 'dutyLogs', [duty()]);
    const revised = await updateLedgerRecord<DutyLog>(db, actor, 'dutyLogs', log!.id, 1, duty({ events: '上午线路抖动' }));
    expect(revised.rev).toBe(2);
    const retired = await retireLedgerRecord<DutyLog>(db, actor, 'dutyLogs', log!.id, 2, '重复录入');
    expect(retired.retiredReason).toBe('重复录入');
    expect(await listLedger(db, 'dutyLogs', actor.unitId)).toHaveLength(1);
    const check = await verifyUnitChain(db, actor.unitId);
    expect(check.ok).toBe(true);
  });

  it('refuses bad input with field codes and saves nothing', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    expect(await codes(createLedgerRecords(db, actor, 'dutyLogs', [duty({ equipment: 'abnormal' })]))).toEqual(['abnormality:duty.abnormality']);
    expect(await codes(createLedgerRecords(db, actor, 'dutyLogs', [duty({ date: '2026-02-30' })]))).toEqual(['date:date']);
    expect(await codes(createLedgerRecords(db, actor, 'dutyLogs', [duty({ extra: 1 })]))).not.toEqual([]);
    expect(await listLedger(db, 'dutyLogs', actor.unitId)).toHaveLength(0);
  });

  it('one duty log per day and shift among active logs, checked in the file and against the ledger', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    expect(await codes(createLedgerRecords(db, actor, 'dutyLogs', [duty(), duty()]))).toEqual(['date:unique.dutyLogs']);
    const [log] = await createLedgerRecords<DutyLog>(db, actor, 'dutyLogs', [duty()]);
    expect(await codes(createLedgerRecords(db, actor, 'dutyLogs', [duty()]))).toEqual(['date:unique.dutyLogs']);
    await createLedgerRecords(db, actor, 'dutyLogs', [duty({ shift: 'night' })]);
    await retireLedgerRecord(db, actor, 'dutyLogs', log!.id, 1, '录错日期');
    expect(await codes(createLedgerRecords(db, actor, 'dutyLogs', [duty()]))).toEqual([]);
  });

  it('references must be this unit’s active records; a ticket keeps a device retired since', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const device = await createDevice(db, actor, deviceInput(1));
    const [m] = await createLedgerRecords(db, actor, 'maintainers', [{ name: '电信庄浪分公司', contact: '', phone: '', monthlyFee: 3000 }]);
    const fault = { reportedAt: Date.now() - 3_600_000, reporter: '赵六', description: '无法访问专网', deviceIds: [device.id], maintainerId: m!.id };
    expect(await codes(createLedgerRecords(db, actor, 'faults', [{ ...fault, deviceIds: ['nope'] }]))).toEqual(['deviceIds:ref.devices']);
    expect(await codes(createLedgerRecords(db, actor, 'faults', [{ ...fault, maintainerId: 'nope' }]))).toEqual(['maintainerId:ref.maintainers']);
    const [ticket] = await createLedgerRecords<Fault>(db, actor, 'faults', [fault]);
    await retireDevice(db, actor, device.id, 1, { reason: '报废', configCleared: true, clearedBy: '李四', clearedAt: Date.now() });
    const updated = await updateLedgerRecord<Fault>(db, actor, 'faults', ticket!.id, 1, { ...fault, urges: [Date.now() - 1000] });
    expect(updated.deviceIds).toEqual([device.id]);
    expect(await codes(createLedgerRecords(db, actor, 'faults', [fault]))).toEqual(['deviceIds:ref.devices']);
  });

  it('a batch of scans is one transaction: one refused device, nothing written', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const a = await createDevice(db, actor, deviceInput(1));
    const scan = (deviceId: string) => ({ deviceId, scannedOn: '2026-11-24', tool: '奇安信天擎', signatureVersion: '2026.11.20', signatureDate: '2026-11-20', scope: 'full', threats: 0, action: '', resolved: true, note: '' });
    expect(await codes(createLedgerRecords(db, actor, 'scans', [scan(a.id), scan('ghost')]))).toEqual(['deviceId:ref.devices']);
    expect(await listLedger(db, 'scans', actor.unitId)).toHaveLength(0);
    expect(await createLedgerRecords(db, actor, 'scans', [scan(a.id)])).toHaveLength(1);
  });

  it('roles: duty staff write duty logs and faults, not scans; copies file themselves for anyone', async () => {
    const db = freshDb();
    const admin = await unitWithAdmin(db);
    const dutyActor = { ...admin, role: 'duty' as const };
    expect(await createLedgerRecords(db, dutyActor, 'dutyLogs', [duty()])).toHaveLength(1);
    expect(await codes(createLedgerRecords(db, dutyActor, 'trainings', [{ heldOn: '2026-05-01', organiser: '市信息办', topic: '专网安全', attendees: ['李四'] }]))).toEqual([':forbidden']);
    const auditor = { ...admin, role: 'auditor' as const };
    const filed = await createLedgerRecords(db, auditor, 'copyFilings', [{ copiedOn: '2026-11-24', content: 'data', description: '导出设备登记', purpose: '台账导出', copiedBy: '审计', automatic: true }]);
    expect(filed).toHaveLength(1);
  });

  it('fault tickets: a resolution needs the maintenance sheet’s cause, and times cannot precede the report', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const [m] = await createLedgerRecords(db, actor, 'maintainers', [{ name: '电信', contact: '', phone: '', monthlyFee: 0 }]);
    const t = Date.now() - 7_200_000;
    const base = { reportedAt: t, reporter: '赵六', description: '断网', maintainerId: m!.id };
    expect(await codes(createLedgerRecords(db, actor, 'faults', [{ ...base, resolvedAt: t + 1000 }]))).toEqual(['cause:fault.causeRequired']);
    expect(await codes(createLedgerRecords(db, actor, 'faults', [{ ...base, arrivedAt: t - 1000 }]))).toEqual(['arrivedAt:fault.beforeReport']);
    const [f] = await createLedgerRecords<Fault>(db, actor, 'faults', [{ ...base, urges: [t + 3000, t + 1000] }]);
    expect(f!.urges).toEqual([t + 1000, t + 3000]);
  });
});
