import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin, deviceInput } from './helpers';
import { applyDeviceImport } from '../../../renderer/db/deviceImport';
import { createDevice, listDevices } from '../../../renderer/db/devices';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { dataRows, detectHeader } from '../../../shared/import/deviceSheet';

describe('applying a spreadsheet import', () => {
  it('creates and updates in one transaction, leaves refused rows out, and re-plans against the register as it is now', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const existing = await createDevice(db, actor, deviceInput(1));
    const rows = [
      { row: 2, input: { ...deviceInput(1), owner: '新负责人' } },
      { row: 3, input: deviceInput(2) },
      { row: 4, input: { ...deviceInput(3), ip: '999.1.1.1' } },
      { row: 5, input: deviceInput(4) },
    ];
    // Registered in another window after the preview: row 5 updates it rather than duplicating its MAC.
    await createDevice(db, actor, { ...deviceInput(4), ip: '10.200.0.1' });
    const { plan, saved } = await applyDeviceImport(db, actor, rows);
    expect([plan.create, plan.update, plan.refuse]).toEqual([1, 2, 1]);
    expect(saved).toHaveLength(3);
    const all = await listDevices(db, actor.unitId);
    expect(all).toHaveLength(3);
    expect(all.find((d) => d.id === existing.id)!.owner).toBe('新负责人');
    expect(all.filter((d) => d.mac === all.find((x) => x.ip === deviceInput(4).ip)?.mac)).toHaveLength(1);
    expect((await verifyUnitChain(db, actor.unitId)).ok).toBe(true);
  });

  it('a sheet without the compliance columns leaves them as registered on every device it updates', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const dual = await createDevice(db, actor, deviceInput(1, { internetCapable: true, isolationCard: true, kind: 'laptop' }));
    const plain = await createDevice(db, actor, deviceInput(2, { internetCapable: true, isolationCard: false }));
    const sheet = [
      ['IP地址', 'MAC地址', '使用人', '部门'],
      [dual.ip, dual.mac, '新负责人', dual.office],
      [plain.ip, plain.mac, plain.owner, '财务科'],
    ];
    const found = detectHeader(sheet, {})!;
    const { plan } = await applyDeviceImport(db, actor, dataRows(sheet, found.headerRow, found.mapping, { kind: new Map(), status: new Map() }));
    expect(plan.update).toBe(2);
    const after = new Map((await listDevices(db, actor.unitId)).map((d) => [d.id, d]));
    expect(after.get(dual.id)).toMatchObject({ owner: '新负责人', internetCapable: true, isolationCard: true, kind: 'laptop', location: dual.location, rev: 2 });
    expect(after.get(plain.id)).toMatchObject({ office: '财务科', internetCapable: true, isolationCard: false, rev: 2 });
  });
});
