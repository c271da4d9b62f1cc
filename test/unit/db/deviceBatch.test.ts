import { describe, expect, it } from 'vitest';
import { deviceInput, entryCount, freshDb, unitWithAdmin } from './helpers';
import { createDevices, editDevices, listDevices, retireDevices, updateDevice } from '../../../renderer/db/devices';
import { recordHistory } from '../../../renderer/db/history';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { ValidationError } from '../../../renderer/db/errors';
import type { Device } from '../../../shared/domain/device';
import type { ZwDb } from '../../../renderer/db/schema';
import type { Actor } from '../../../renderer/db/repository';

async function registerThree(db: ZwDb, actor: Actor): Promise<Device[]> {
  const { created } = await createDevices(db, actor, [deviceInput(1), deviceInput(2, { office: '财务科' }), deviceInput(3)]);
  return created;
}

const targets = (devices: readonly Device[]) => devices.map((d) => ({ id: d.id, rev: d.rev }));
const RETIRE = { reason: '整体搬迁，旧机报废', configCleared: true, clearedBy: '李四', clearedAt: Date.now() - 60_000 };

describe('batch edit of devices', () => {
  it('sets one field on every selected device in one transaction, one history entry each', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    const before = await entryCount(db);
    const { saved, refused } = await editDevices(db, actor, targets(devices), { field: 'office', value: ' 信息科 ' });
    expect(refused).toEqual([]);
    expect(saved.map((d) => [d.office, d.rev])).toEqual([['信息科', 2], ['信息科', 2], ['信息科', 2]]);
    expect(await entryCount(db)).toBe(before + 3);
    for (const d of devices) expect((await recordHistory(db, 'devices', d.id)).map((e) => e.op)).toEqual(['create', 'update']);
    // one transaction: the three entries share one commit row of the change log
    expect(await db.changelog.count()).toBe(3);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true });
  });

  it('leaves alone the devices that already hold the value', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    const { saved } = await editDevices(db, actor, targets(devices), { field: 'office', value: '财务科' });
    expect(saved.map((d) => d.id)).toEqual([devices[0]!.id, devices[2]!.id]);
    expect(await recordHistory(db, 'devices', devices[1]!.id)).toHaveLength(1);
  });

  it('writes nothing when one device was changed elsewhere since it was read', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    await updateDevice(db, actor, devices[1]!.id, 1, deviceInput(2, { owner: '另一窗口' }));
    const before = await entryCount(db);
    const { saved, refused } = await editDevices(db, actor, targets(devices), { field: 'owner', value: '赵六' });
    expect(saved).toEqual([]);
    expect(refused).toMatchObject([{ id: devices[1]!.id, issues: [{ code: 'stale' }] }]);
    expect(await entryCount(db)).toBe(before);
    expect((await listDevices(db, actor.unitId)).map((d) => d.owner).sort()).toEqual(['另一窗口', '负责人1', '负责人3']);
  });

  it('writes nothing when one device would conflict with another active device', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    // A duplicate that got past the register (an old database): the batch refuses to save over it.
    await db.devices.put({ ...devices[0]!, id: 'twin-of-1', mac: '02:00:00:99:99:99' });
    const before = await entryCount(db);
    const { saved, refused } = await editDevices(db, actor, targets(devices), { field: 'status', value: 'repair' });
    expect(saved).toEqual([]);
    expect(refused).toMatchObject([{ id: devices[0]!.id, issues: [{ field: 'ip', code: 'conflict.ip', vars: { otherId: 'twin-of-1' } }] }]);
    expect(await entryCount(db)).toBe(before);
    expect((await listDevices(db, actor.unitId)).every((d) => d.status === 'inUse')).toBe(true);
  });

  it('checks the value with the register schema for every device', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    const { refused } = await editDevices(db, actor, targets(devices), { field: 'owner', value: '' });
    expect(refused.map((r) => r.issues[0]?.code)).toEqual(['required', 'required', 'required']);
    await expect(editDevices(db, actor, targets(devices), { field: 'ip' as 'owner', value: '10.0.0.1' })).rejects.toBeInstanceOf(ValidationError);
    await expect(editDevices(db, actor, [], { field: 'owner', value: 'x' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('is refused for a role that may not edit the register', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    await expect(editDevices(db, { ...actor, role: 'duty' }, targets(devices), { field: 'owner', value: '赵六' })).rejects.toMatchObject({ issues: [{ code: 'forbidden' }] });
  });
});

describe('batch retirement of devices', () => {
  it('retires every selected device with the reason, one entry each', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    const before = await entryCount(db);
    const { saved } = await retireDevices(db, actor, targets(devices.slice(0, 2)), RETIRE);
    expect(saved.map((d) => [d.retiredReason, d.configClearedBy])).toEqual([[RETIRE.reason, '李四'], [RETIRE.reason, '李四']]);
    expect(await entryCount(db)).toBe(before + 2);
    expect((await recordHistory(db, 'devices', devices[0]!.id)).map((e) => e.op)).toEqual(['create', 'retire']);
    expect((await listDevices(db, actor.unitId)).filter((d) => d.retiredAt === null)).toHaveLength(1);
  });

  it('retires none when one is already retired or out of date', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const devices = await registerThree(db, actor);
    await retireDevices(db, actor, targets([devices[2]!]), RETIRE);
    const before = await entryCount(db);
    const { saved, refused } = await retireDevices(db, actor, [...targets(devices.slice(0, 2)), { id: devices[2]!.id, rev: 2 }], RETIRE);
    expect(saved).toEqual([]);
    expect(refused).toMatchObject([{ id: devices[2]!.id, issues: [{ code: 'batch.retired' }] }]);
    expect(await entryCount(db)).toBe(before);
    await expect(retireDevices(db, actor, targets(devices.slice(0, 1)), { ...RETIRE, reason: '' })).rejects.toBeInstanceOf(ValidationError);
    expect((await listDevices(db, actor.unitId)).filter((d) => d.retiredAt === null)).toHaveLength(2);
  });
});
