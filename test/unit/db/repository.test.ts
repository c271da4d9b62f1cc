import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin, deviceInput } from './helpers';
import { parseDevice, createDevice, createDevices, listDevices, recordHistory, retireDevice, updateDevice } from '../../../renderer/db/devices';
import { commit, newRecord } from '../../../renderer/db/repository';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { ValidationError, StaleRecordError } from '../../../renderer/db/errors';

describe('device repository', () => {
  it('stores the canonical MAC and logs the write in the same chain', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const device = await createDevice(db, actor, deviceInput(1, { mac: 'aa-bb-cc-dd-ee-f0' }));
    expect(device.mac).toBe('AA:BB:CC:DD:EE:F0');
    expect(device.createdBy).toBe(actor.accountId);
    const history = await recordHistory(db, 'devices', device.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ seq: 3, op: 'create', rev: 1, by: actor.accountId });
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 3 });
  });

  it('refuses a duplicate IP or MAC among active devices, naming the other device', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const first = await createDevice(db, actor, deviceInput(1));
    const dupIp = createDevice(db, actor, deviceInput(2, { ip: first.ip }));
    await expect(dupIp).rejects.toBeInstanceOf(ValidationError);
    await expect(dupIp).rejects.toMatchObject({ issues: [{ field: 'ip', code: 'conflict.ip', vars: { otherId: first.id } }] });
    await expect(createDevice(db, actor, deviceInput(3, { mac: first.mac.toLowerCase() }))).rejects.toMatchObject({ issues: [{ field: 'mac', code: 'conflict.mac' }] });
    expect(await listDevices(db, actor.unitId)).toHaveLength(1);
    expect(await db.changelog.count()).toBe(3);
  });

  it('frees the address of a retired device', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const first = await createDevice(db, actor, deviceInput(1));
    const retired = await retireDevice(db, actor, first.id, first.rev, { reason: '改作他用', configCleared: true, clearedBy: '李四', clearedAt: Date.now() });
    expect(retired).toMatchObject({ rev: 2, retiredReason: '改作他用', configCleared: true, configClearedBy: '李四' });
    await expect(createDevice(db, actor, deviceInput(2, { ip: first.ip, mac: first.mac }))).resolves.toMatchObject({ ip: first.ip });
    expect(await listDevices(db, actor.unitId)).toHaveLength(2);
  });

  it('requires who cleared the configuration when it was cleared', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const d = await createDevice(db, actor, deviceInput(1));
    await expect(retireDevice(db, actor, d.id, d.rev, { reason: '报废', configCleared: true, clearedBy: '', clearedAt: null })).rejects.toMatchObject({
      issues: [{ field: 'clearedBy', code: 'retire.clearedBy' }, { field: 'clearedAt', code: 'retire.clearedAt' }],
    });
    await expect(retireDevice(db, actor, d.id, d.rev, { reason: '', configCleared: false, clearedBy: '', clearedAt: null })).rejects.toBeInstanceOf(ValidationError);
  });

  it('updates with a new revision and refuses a stale one', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const d = await createDevice(db, actor, deviceInput(1));
    const updated = await updateDevice(db, actor, d.id, 1, deviceInput(1, { owner: '赵六' }));
    expect(updated).toMatchObject({ rev: 2, owner: '赵六' });
    await expect(updateDevice(db, actor, d.id, 1, deviceInput(1, { owner: '钱七' }))).rejects.toBeInstanceOf(StaleRecordError);
    await expect(updateDevice(db, actor, d.id, 2, deviceInput(1, { owner: '钱七' }))).resolves.toMatchObject({ rev: 3 });
    const history = await recordHistory(db, 'devices', d.id);
    expect(history.map((e) => [e.op, e.rev, e.record.owner])).toEqual([['create', 1, '负责人1'], ['update', 2, '赵六'], ['update', 3, '钱七']]);
  });

  it('a device may keep its own address when edited', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const d = await createDevice(db, actor, deviceInput(1));
    await expect(updateDevice(db, actor, d.id, 1, deviceInput(1, { location: '四楼' }))).resolves.toMatchObject({ location: '四楼' });
  });

  it('bulk create refuses the whole batch when one row conflicts, inside the file or with the register', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await createDevice(db, actor, deviceInput(1));
    const result = await createDevices(db, actor, [deviceInput(10), deviceInput(11, { ip: '10.0.0.10' }), deviceInput(12, { mac: deviceInput(1).mac }), deviceInput(13, { ip: 'x' })]);
    expect(result.created).toEqual([]);
    expect(result.refused.map((r) => r.index)).toEqual([3]);
    const second = await createDevices(db, actor, [deviceInput(10), deviceInput(11, { ip: '10.0.0.10' }), deviceInput(12, { mac: deviceInput(1).mac })]);
    expect(second.refused.map((r) => [r.index, r.issues[0]?.code])).toEqual([[1, 'conflict.ip'], [2, 'conflict.mac']]);
    expect(await listDevices(db, actor.unitId)).toHaveLength(1);
    const ok = await createDevices(db, actor, [deviceInput(20), deviceInput(21)]);
    expect(ok.created).toHaveLength(2);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 5 });
  });
});

describe('atomicity', () => {
  it('a write that fails after the record was put leaves neither record nor log entry', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const before = await db.changelog.count();
    // The log append is the last step of the transaction: fail it, as a
    // full disk would, after the device itself has been put.
    db.changelog.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(createDevice(db, actor, deviceInput(1))).rejects.toThrow('disk full');
    expect(await db.devices.count()).toBe(0);
    expect(await db.changelog.count()).toBe(before);
  });

  it('a guard that throws after putting a record writes nothing', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const before = await db.changelog.count();
    const record = { ...newRecord(actor, parseDevice(deviceInput(1))), configCleared: null, configClearedBy: null, configClearedAt: null };
    await expect(
      commit(db, actor, async () => {
        await db.devices.put(record);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.devices.count()).toBe(0);
    expect(await db.changelog.count()).toBe(before);
  });
});

describe('integrity check on stored data', () => {
  it('reports intact, then the first broken link after an edit, a deletion and a reorder', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    for (let i = 1; i <= 4; i++) await createDevice(db, actor, deviceInput(i));
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 6 });

    const edited = freshDb();
    const a2 = await unitWithAdmin(edited);
    for (let i = 1; i <= 4; i++) await createDevice(edited, a2, deviceInput(i));
    const e4 = await edited.changelog.get([a2.unitId, 4]);
    await edited.changelog.put({ ...e4!, record: { ...e4!.record, owner: '篡改' } });
    expect(await verifyUnitChain(edited, a2.unitId)).toMatchObject({ ok: false, seq: 4, problem: 'hash' });

    const deleted = freshDb();
    const a3 = await unitWithAdmin(deleted);
    for (let i = 1; i <= 4; i++) await createDevice(deleted, a3, deviceInput(i));
    await deleted.changelog.delete([a3.unitId, 3]);
    expect(await verifyUnitChain(deleted, a3.unitId)).toMatchObject({ ok: false, seq: 3, problem: 'sequence' });

    const reordered = freshDb();
    const a4 = await unitWithAdmin(reordered);
    for (let i = 1; i <= 4; i++) await createDevice(reordered, a4, deviceInput(i));
    const x = await reordered.changelog.get([a4.unitId, 4]);
    const y = await reordered.changelog.get([a4.unitId, 5]);
    await reordered.changelog.bulkPut([{ ...y!, seq: 4 }, { ...x!, seq: 5 }]);
    expect(await verifyUnitChain(reordered, a4.unitId)).toMatchObject({ ok: false, seq: 4, problem: 'link' });
  });

  it('never logs a password hash', async () => {
    const db = freshDb();
    await unitWithAdmin(db);
    const entries = await db.changelog.toArray();
    const account = entries.find((e) => e.table === 'accounts');
    expect(account?.record.passwordHash).toBe('[redacted]');
    expect(JSON.stringify(entries)).not.toContain('scrypt$test');
  });
});
