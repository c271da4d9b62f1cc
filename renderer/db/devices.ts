import { deviceInput, findConflicts, retireInput, type Device, type DeviceBody, type DeviceConflict, type DeviceInput, type RetireInput } from '../../shared/domain/device';
import { futureIssues } from '../../shared/ledgers/pastOnly';
import { ValidationError, issuesFromZod, NotFoundError, type FieldIssue } from './errors';
import { commit, current, newRecord, revise, type Actor } from './repository';
import type { ZwDb } from './schema';

/** Repository of the networked-computer register (第十六条, 第十九条). */

export function parseDevice(input: DeviceInput): DeviceBody {
  const parsed = deviceInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  return parsed.data;
}

export function conflictIssues(conflicts: DeviceConflict[]): FieldIssue[] {
  return conflicts.map((c) => ({
    field: c.field,
    code: `conflict.${c.field}`,
    vars: { other: `${c.other.owner}（${c.other.office}）${c.other.ip} / ${c.other.mac}`, otherId: c.other.id },
  }));
}

async function activeWithSameAddress(db: ZwDb, unitId: string, ip: string, mac: string): Promise<Device[]> {
  const [byIp, byMac] = await Promise.all([
    db.devices.where('[unitId+ip]').equals([unitId, ip]).toArray(),
    db.devices.where('[unitId+mac]').equals([unitId, mac]).toArray(),
  ]);
  const unique = new Map([...byIp, ...byMac].map((d) => [d.id, d]));
  return [...unique.values()].filter((d) => d.retiredAt === null);
}

const CLEAR_RETIREMENT = { configCleared: null, configClearedBy: null, configClearedAt: null } as const;

export async function createDevice(db: ZwDb, actor: Actor, input: DeviceInput): Promise<Device> {
  const body = parseDevice(input);
  const device: Device = { ...newRecord(actor, body), ...CLEAR_RETIREMENT };
  await commit(db, actor, async () => {
    const conflicts = findConflicts(device, await activeWithSameAddress(db, actor.unitId, device.ip, device.mac));
    if (conflicts.length > 0) throw new ValidationError(conflictIssues(conflicts));
    return [{ table: 'devices', op: 'create', record: device }];
  });
  return device;
}

export async function updateDevice(db: ZwDb, actor: Actor, id: string, expectedRev: number, input: DeviceInput): Promise<Device> {
  const body = parseDevice(input);
  let saved: Device | undefined;
  await commit(db, actor, async () => {
    const previous = await current<Device>(db, 'devices', id, expectedRev);
    if (previous.retiredAt !== null) throw new ValidationError([{ field: '', code: 'stale' }]);
    const conflicts = findConflicts({ id, ...body }, await activeWithSameAddress(db, actor.unitId, body.ip, body.mac));
    if (conflicts.length > 0) throw new ValidationError(conflictIssues(conflicts));
    saved = revise(previous, body, actor);
    return [{ table: 'devices', op: 'update', record: saved }];
  });
  if (!saved) throw new NotFoundError(id);
  return saved;
}

/** Retirement, never deletion: the record stays with the reason and who cleared its configuration (第十九条). */
export async function retireDevice(db: ZwDb, actor: Actor, id: string, expectedRev: number, input: RetireInput): Promise<Device> {
  const parsed = retireInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  const r = parsed.data;
  const ahead = futureIssues([{ field: 'clearedAt', kind: 'moment' }], r, Date.now());
  if (ahead.length > 0) throw new ValidationError(ahead);
  let saved: Device | undefined;
  await commit(db, actor, async () => {
    const previous = await current<Device>(db, 'devices', id, expectedRev);
    const now = Date.now();
    saved = revise(previous, {
      retiredAt: now,
      retiredReason: r.reason,
      configCleared: r.configCleared,
      configClearedBy: r.configCleared ? r.clearedBy : null,
      configClearedAt: r.configCleared ? r.clearedAt : null,
    }, actor, now);
    return [{ table: 'devices', op: 'retire', record: saved }];
  });
  if (!saved) throw new NotFoundError(id);
  return saved;
}

export interface BulkRefusal {
  index: number;
  issues: FieldIssue[];
}

/**
 * Registers many devices in one transaction (bulk entry, spreadsheet import,
 * benchmarks). Every row is checked against the register and against the
 * other rows; if any row is refused nothing is written and the refusals are
 * returned.
 */
export async function createDevices(db: ZwDb, actor: Actor, inputs: readonly DeviceInput[]): Promise<{ created: Device[]; refused: BulkRefusal[] }> {
  const refused: BulkRefusal[] = [];
  const devices: Device[] = [];
  const now = Date.now();
  inputs.forEach((input, index) => {
    const parsed = deviceInput.safeParse(input);
    if (!parsed.success) refused.push({ index, issues: issuesFromZod(parsed.error.issues) });
    else devices.push({ ...newRecord(actor, parsed.data, now), ...CLEAR_RETIREMENT });
  });
  if (refused.length > 0) return { created: [], refused };
  await commit(db, actor, async () => {
    const byIp = new Map<string, Device>();
    const byMac = new Map<string, Device>();
    await db.devices.where('unitId').equals(actor.unitId).each((d) => {
      if (d.retiredAt !== null) return;
      byIp.set(d.ip, d);
      byMac.set(d.mac, d);
    });
    devices.forEach((device, index) => {
      const conflicts: DeviceConflict[] = [];
      const ipOther = byIp.get(device.ip);
      const macOther = byMac.get(device.mac);
      if (ipOther) conflicts.push({ field: 'ip', other: ipOther });
      if (macOther) conflicts.push({ field: 'mac', other: macOther });
      if (conflicts.length > 0) refused.push({ index, issues: conflictIssues(conflicts) });
      byIp.set(device.ip, device);
      byMac.set(device.mac, device);
    });
    if (refused.length > 0) return [];
    return devices.map((record) => ({ table: 'devices' as const, op: 'create' as const, record: record }));
  });
  return refused.length > 0 ? { created: [], refused } : { created: devices, refused };
}

export function listDevices(db: ZwDb, unitId: string): Promise<Device[]> {
  return db.devices.where('unitId').equals(unitId).toArray();
}
