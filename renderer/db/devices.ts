import { deviceInput, findConflicts, retireInput, type Device, type DeviceBody, type DeviceConflict, type DeviceInput, type RetireInput } from '../../shared/domain/device';
import type { z } from 'zod';
import { batchChange, batchTargets, editedBody, planBatchEdit, type BatchChange, type BatchTarget } from '../../shared/domain/deviceBatch';
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
function parseRetirement(input: RetireInput): z.output<typeof retireInput> {
  const parsed = retireInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  const ahead = futureIssues([{ field: 'clearedAt', kind: 'moment' }], parsed.data, Date.now());
  if (ahead.length > 0) throw new ValidationError(ahead);
  return parsed.data;
}

function retirement(r: z.output<typeof retireInput>, now: number): Partial<Device> {
  return {
    retiredAt: now,
    retiredReason: r.reason,
    configCleared: r.configCleared,
    configClearedBy: r.configCleared ? r.clearedBy : null,
    configClearedAt: r.configCleared ? r.clearedAt : null,
  };
}

export async function retireDevice(db: ZwDb, actor: Actor, id: string, expectedRev: number, input: RetireInput): Promise<Device> {
  const r = parseRetirement(input);
  let saved: Device | undefined;
  await commit(db, actor, async () => {
    const previous = await current<Device>(db, 'devices', id, expectedRev);
    const now = Date.now();
    saved = revise(previous, retirement(r, now), actor, now);
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

export interface BatchRefusal {
  device: Device | undefined;
  id: string;
  issues: FieldIssue[];
}

export interface BatchResult {
  saved: Device[];
  /** Devices the batch would have failed on; when there is any, nothing was written. */
  refused: BatchRefusal[];
}

function parseTargets(targets: readonly BatchTarget[]): BatchTarget[] {
  const parsed = batchTargets.safeParse(targets);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  return parsed.data;
}

/**
 * Reads the selected devices inside the batch's transaction and checks each
 * against the revision the user saw: every device is checked before anything
 * is written, and one refusal refuses the batch.
 */
async function readTargets(db: ZwDb, unitId: string, targets: readonly BatchTarget[], refused: BatchRefusal[]): Promise<Device[]> {
  const found = await db.devices.bulkGet(targets.map((t) => t.id));
  const devices: Device[] = [];
  targets.forEach((target, i) => {
    const device = found[i];
    if (!device || device.unitId !== unitId) refused.push({ device: undefined, id: target.id, issues: [{ field: '', code: 'stale' }] });
    else if (device.retiredAt !== null) refused.push({ device, id: device.id, issues: [{ field: '', code: 'batch.retired' }] });
    else if (device.rev !== target.rev) refused.push({ device, id: device.id, issues: [{ field: '', code: 'stale' }] });
    else devices.push(device);
  });
  return devices;
}

/** Active devices by IP and by MAC, read once for the whole batch instead of twice per device. */
async function activeIndex(db: ZwDb, unitId: string): Promise<{ byIp: Map<string, Device[]>; byMac: Map<string, Device[]> }> {
  const byIp = new Map<string, Device[]>();
  const byMac = new Map<string, Device[]>();
  await db.devices.where('unitId').equals(unitId).each((d) => {
    if (d.retiredAt !== null) return;
    byIp.set(d.ip, [...(byIp.get(d.ip) ?? []), d]);
    byMac.set(d.mac, [...(byMac.get(d.mac) ?? []), d]);
  });
  return { byIp, byMac };
}

/**
 * One field set to one value on many devices (the register's batch edit):
 * one transaction, one change-log entry per device that changes. Devices
 * that already hold the value are left alone.
 */
export async function editDevices(db: ZwDb, actor: Actor, targets: readonly BatchTarget[], change: BatchChange): Promise<BatchResult> {
  const list = parseTargets(targets);
  const parsedChange = batchChange.safeParse(change);
  if (!parsedChange.success) throw new ValidationError(issuesFromZod(parsedChange.error.issues));
  const refused: BatchRefusal[] = [];
  const saved: Device[] = [];
  await commit(db, actor, async () => {
    const devices = await readTargets(db, actor.unitId, list, refused);
    const { byIp, byMac } = await activeIndex(db, actor.unitId);
    const now = Date.now();
    for (const { device } of planBatchEdit(devices, parsedChange.data).changes) {
      const body = editedBody(device, parsedChange.data);
      if (!body.success) {
        refused.push({ device, id: device.id, issues: issuesFromZod(body.error.issues) });
        continue;
      }
      const conflicts = findConflicts(device, [...(byIp.get(device.ip) ?? []), ...(byMac.get(device.mac) ?? [])]);
      if (conflicts.length > 0) refused.push({ device, id: device.id, issues: conflictIssues(conflicts) });
      else saved.push(revise(device, body.data, actor, now));
    }
    if (refused.length > 0) return [];
    return saved.map((record) => ({ table: 'devices' as const, op: 'update' as const, record }));
  });
  return refused.length > 0 ? { saved: [], refused } : { saved, refused };
}

/** Many devices retired with one reason and one attestation, all or none (第十九条). */
export async function retireDevices(db: ZwDb, actor: Actor, targets: readonly BatchTarget[], input: RetireInput): Promise<BatchResult> {
  const list = parseTargets(targets);
  const r = parseRetirement(input);
  const refused: BatchRefusal[] = [];
  const saved: Device[] = [];
  await commit(db, actor, async () => {
    const devices = await readTargets(db, actor.unitId, list, refused);
    if (refused.length > 0) return [];
    const now = Date.now();
    for (const device of devices) saved.push(revise(device, retirement(r, now), actor, now));
    return saved.map((record) => ({ table: 'devices' as const, op: 'retire' as const, record }));
  });
  return refused.length > 0 ? { saved: [], refused } : { saved, refused };
}

export function listDevices(db: ZwDb, unitId: string): Promise<Device[]> {
  return db.devices.where('unitId').equals(unitId).toArray();
}
