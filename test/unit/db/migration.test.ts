import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openDb, VERSIONS } from '../../../renderer/db/schema';
import { deviceInput, unitWithAdmin } from './helpers';
import { createDevice, parseDevice } from '../../../renderer/db/devices';
import { commit, newRecord } from '../../../renderer/db/repository';
import { verifyUnitChain } from '../../../renderer/db/integrity';

describe('schema migrations', () => {
  it('upgrades a database written by every earlier version to the current one', async () => {
    const latest = VERSIONS[VERSIONS.length - 1]!.version;
    for (const previous of VERSIONS.slice(0, -1)) {
      const name = `migrate-${previous.version}-${Math.random()}`;
      const old = openDb(name, previous.version);
      const actor = await unitWithAdmin(old);
      // Written the way that version could: without the indexes added later.
      const [d1, d2] = [1, 2].map((n) => ({ ...newRecord(actor, parseDevice(deviceInput(n))), configCleared: null, configClearedBy: null, configClearedAt: null }));
      await commit(old, actor, () => [
        { table: 'devices', op: 'create', record: d1! },
        { table: 'devices', op: 'create', record: d2! },
      ]);
      old.close();

      const db = openDb(name);
      await db.open();
      expect(db.verno).toBe(latest);
      expect(await db.devices.count()).toBe(2);
      // The v2 indexes answer for records written before they existed.
      expect(await db.devices.where('[unitId+ip]').equals([actor.unitId, d1!.ip]).toArray()).toEqual([d1!]);
      expect(await db.devices.where('[unitId+mac]').equals([actor.unitId, d1!.mac]).count()).toBe(1);
      expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 4 });
      // And the upgraded database keeps working: the chain continues.
      await expect(createDevice(db, actor, deviceInput(2))).rejects.toMatchObject({ issues: [{ code: 'conflict.ip' }, { code: 'conflict.mac' }] });
      await createDevice(db, actor, deviceInput(3));
      expect(await verifyUnitChain(db, actor.unitId)).toMatchObject({ ok: true, count: 5 });
      db.close();
    }
  });
});
