import { describe, expect, it } from 'vitest';
import { entryCount, freshDb, unitWithAdmin, deviceInput } from './helpers';
import { parseDevice, createDevice, createDevices, listDevices, retireDevice, updateDevice } from '../../../renderer/db/devices';
import { recordHistory } from '../../../renderer/db/history';
import { commit, newRecord } from '../../../renderer/db/repository';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { ValidationError, StaleRecordError } from '../../../renderer/db/errors';
import { sm3 } from '../../../shared/crypto/sm3';

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
    expect(await entryCount(db)).toBe(3);
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
    const result = await createDevices(db, actor, [deviceInput(10), deviceInput(11, { ip: deviceInput(10).ip }), deviceInput(12, { mac: deviceInput(1).mac }), deviceInput(13, { ip: 'x' })]);
    expect(result.created).toEqual([]);
    expect(result.refused.map((r) => r.index)).toEqual([3]);
    const second = await createDevices(db, actor, [deviceInput(10), deviceInput(11, { ip: deviceInput(10).ip }), deviceInput(12, { mac: deviceInput(1).mac })]);
    expect(second.refused.map((r) => [r.index, r.issues[0]?.code])).toEqual([[1, 'conflict.ip'], [2, 'conflict.mac']]);
    expect(await listDevices(db, actor.unitId)).toHaveLength(1);
    const ok = await createDevices(db, actor, [deviceInput(20), deviceInput(21)]);
    expect(ok.created).toHaveLength(2);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 5 });
  });
});

describe('permissions', () => {
  it('a document officer cannot write the device register, whatever calls the repository', async () => {
    const db = freshDb();
    const admin = await unitWithAdmin(db);
    const officer = { ...admin, accountId: 'officer', role: 'docOfficer' as const };
    await expect(createDevice(db, officer, deviceInput(1))).rejects.toMatchObject({ issues: [{ code: 'forbidden' }] });
    await expect(createDevices(db, { ...officer, role: 'duty' }, [deviceInput(2)])).rejects.toMatchObject({ issues: [{ code: 'forbidden' }] });
    expect(await db.devices.count()).toBe(0);
    expect(await entryCount(db)).toBe(2);
  });
});

describe('atomicity', () => {
  it('a write that fails after the record was put leaves neither record nor log entry', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const before = await entryCount(db);
    // The log append is the last step of the transaction: fail it, as a
    // full disk would, after the device itself has been put.
    db.changelog.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(createDevice(db, actor, deviceInput(1))).rejects.toThrow('disk full');
    expect(await db.devices.count()).toBe(0);
    expect(await entryCount(db)).toBe(before);
  });

  it('a guard that throws after putting a record writes nothing', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const before = await entryCount(db);
    const record = { ...newRecord(actor, parseDevice(deviceInput(1))), configCleared: null, configClearedBy: null, configClearedAt: null };
    await expect(
      commit(db, actor, async () => {
        await db.devices.put(record);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.devices.count()).toBe(0);
    expect(await entryCount(db)).toBe(before);
  });
});

describe('integrity check on stored data', () => {
  async function unitWithDevices(n: number) {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    for (let i = 1; i <= n; i++) await createDevice(db, actor, deviceInput(i));
    return { db, actor };
  }

  it('reports an intact chain of every write', async () => {
    const { db, actor } = await unitWithDevices(4);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 6 });
  });

  it('finds an edited entry', async () => {
    const { db, actor } = await unitWithDevices(4);
    const commit = (await db.changelog.get([actor.unitId, 4]))!;
    const entry = commit.entries[0]!;
    await db.changelog.put({ ...commit, entries: [{ ...entry, body: entry.body.replace('负责人2', '篡改者') }] });
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: false, seq: 4, problem: 'hash' });
  });

  it('finds an edited entry whose hash was recomputed, at the next link', async () => {
    const { db, actor } = await unitWithDevices(4);
    const commit = (await db.changelog.get([actor.unitId, 4]))!;
    const entry = commit.entries[0]!;
    const body = entry.body.replace('负责人2', '篡改者');
    const forged = { ...entry, body, hash: sm3(JSON.parse(body).prevHash + body) };
    await db.changelog.put({ ...commit, lastHash: forged.hash, entries: [forged] });
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: false, seq: 5, problem: 'link' });
  });

  it('finds a deleted entry', async () => {
    const { db, actor } = await unitWithDevices(4);
    await db.changelog.delete([actor.unitId, 3]);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: false, seq: 3, problem: 'sequence' });
  });

  it('finds reordered entries', async () => {
    const { db, actor } = await unitWithDevices(4);
    const c4 = (await db.changelog.get([actor.unitId, 4]))!;
    const c5 = (await db.changelog.get([actor.unitId, 5]))!;
    await db.changelog.bulkPut([
      { ...c5, seq: 4, lastSeq: 4 },
      { ...c4, seq: 5, lastSeq: 5 },
    ]);
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: false, seq: 4 });
  });

  it('finds a commit row whose summary disagrees with its entries', async () => {
    const { db, actor } = await unitWithDevices(2);
    const c3 = (await db.changelog.get([actor.unitId, 3]))!;
    await db.changelog.put({ ...c3, lastHash: '0'.repeat(64) });
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: false, seq: 3 });
  });

  it('never logs a password hash', async () => {
    const db = freshDb();
    await unitWithAdmin(db);
    const bodies = (await db.changelog.toArray()).flatMap((c) => c.entries.map((e) => e.body));
    expect(bodies.find((b) => b.includes('"table":"accounts"'))).toContain('"passwordHash":"[redacted]"');
    expect(bodies.join('')).not.toContain('scrypt$test');
  });

  it('stores a bulk write as a few commit rows and still finds each record\'s history', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const result = await createDevices(db, actor, Array.from({ length: 1200 }, (_, i) => deviceInput(i + 1)));
    expect(result.created).toHaveLength(1200);
    expect(await db.changelog.count()).toBe(1 + 3);
    const history = await recordHistory(db, 'devices', result.created[700]!.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ seq: 703, op: 'create', record: { ip: result.created[700]!.ip } });
    expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 1202 });
  });
});
