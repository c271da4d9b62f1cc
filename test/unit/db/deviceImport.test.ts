import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin, deviceInput } from './helpers';
import { applyDeviceImport } from '../../../renderer/db/deviceImport';
import { createDevice, listDevices } from '../../../renderer/db/devices';
import { verifyUnitChain } from '../../../renderer/db/integrity';

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
});
