import type { Device } from '../../shared/domain/device';
import { planDeviceImport, type ImportPlan } from '../../shared/import/deviceSheet';
import { commit, newRecord, revise, type Actor, type Write } from './repository';
import type { ZwDb } from './schema';

/**
 * Applies a spreadsheet import in one transaction. The plan is made again
 * inside the transaction against the register as it is now, so a device
 * registered in another window since the preview cannot be duplicated; the
 * rows the plan refuses are left out, as the preview showed.
 */
export async function applyDeviceImport(db: ZwDb, actor: Actor, rows: readonly { row: number; input: Record<string, unknown> }[]): Promise<{ plan: ImportPlan; saved: Device[] }> {
  let plan: ImportPlan | undefined;
  const saved: Device[] = [];
  const now = Date.now();
  await commit(db, actor, async () => {
    const active = (await db.devices.where('unitId').equals(actor.unitId).toArray()).filter((d) => d.retiredAt === null);
    plan = planDeviceImport(rows, active);
    const writes: Write[] = [];
    for (const r of plan.rows) {
      if (r.action === 'create') {
        const device: Device = { ...newRecord(actor, r.body, now), configCleared: null, configClearedBy: null, configClearedAt: null };
        saved.push(device);
        writes.push({ table: 'devices', op: 'create', record: device });
      } else if (r.action === 'update') {
        const device = revise(r.target, r.body, actor, now);
        saved.push(device);
        writes.push({ table: 'devices', op: 'update', record: device });
      }
    }
    return writes;
  });
  return { plan: plan!, saved };
}
