import { z } from 'zod';
import { deviceBody, deviceInput, type Device, type DeviceBody } from './device';

/**
 * Changing one field of many devices at once (the register's batch edit).
 * IP and MAC are left out: each device has its own, so one value for many
 * would be a conflict by definition; the dedication attestation is left out
 * because it is ticked for the machine in front of the administrator.
 */
export const BATCH_FIELDS = ['owner', 'office', 'location', 'kind', 'status', 'internetCapable', 'isolationCard', 'note'] as const;
export type BatchField = (typeof BATCH_FIELDS)[number];

export const batchChange = z
  .object({
    field: z.enum(BATCH_FIELDS),
    value: z.union([z.string(), z.boolean()]),
  })
  .strict();

export type BatchChange = z.infer<typeof batchChange>;

/** A device as the caller saw it: a newer revision in the database refuses the whole batch. */
export const batchTargets = z.array(z.object({ id: z.string().min(1), rev: z.number().int().positive() }).strict()).min(1, 'batch.empty').max(100_000);
export type BatchTarget = z.infer<typeof batchTargets>[number];

export interface BatchPlan {
  /** Devices whose field changes, with the value each had. */
  changes: { device: Device; before: DeviceBody[BatchField] }[];
  /** Devices that already hold the value: nothing is written for them. */
  unchanged: Device[];
}

/** What a batch edit would do, told before it is confirmed and done the same way when it is. */
export function planBatchEdit(devices: readonly Device[], change: BatchChange): BatchPlan {
  const plan: BatchPlan = { changes: [], unchanged: [] };
  const value = typeof change.value === 'string' ? change.value.trim() : change.value;
  for (const device of devices) {
    if (device[change.field] === value) plan.unchanged.push(device);
    else plan.changes.push({ device, before: device[change.field] });
  }
  return plan;
}

/** The device's body with the field changed, checked by the register's own schema. */
export function editedBody(device: Device, change: BatchChange): ReturnType<typeof deviceInput.safeParse> {
  return deviceInput.safeParse({ ...deviceBody(device), [change.field]: change.value });
}

/** How many devices held each value before the change, most first: the confirmation says "科室 办公室（12 台）、财务科（3 台） → 信息科". */
export function beforeValues(plan: BatchPlan): { value: DeviceBody[BatchField]; count: number }[] {
  const counts = new Map<DeviceBody[BatchField], number>();
  for (const c of plan.changes) counts.set(c.before, (counts.get(c.before) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}
