import { z } from 'zod';
import { parseIpv4, parseMac } from '../rules/network';
import type { RecordMeta } from './record';
import { fromParser } from './fromParser';

export const DEVICE_KINDS = ['desktop', 'laptop', 'printer', 'switch', 'router', 'other'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Status of a device still on the register; a retired device has `retiredAt`. */
export const DEVICE_STATUSES = ['inUse', 'spare', 'repair'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

const ipv4 = fromParser(parseIpv4);
// MACs are normalised before any format check (DESIGN.md, Libraries): z.mac()
// alone would refuse the dashed form that `ipconfig /all` prints.
const mac = fromParser(parseMac);

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'tooLong').default('');

export const deviceInput = z
  .object({
    ip: ipv4,
    mac,
    owner: text(30),
    office: text(40),
    location: optionalText(60),
    kind: z.enum(DEVICE_KINDS, { message: 'device.kind' }),
    status: z.enum(DEVICE_STATUSES, { message: 'device.status' }),
    /** 第十九条: the user confirms the machine is dedicated to the private network. */
    dedicatedConfirmed: z.boolean({ message: 'bool' }),
    /** The machine can also reach the internet (dual-network PC). */
    internetCapable: z.boolean({ message: 'bool' }),
    isolationCard: z.boolean({ message: 'bool' }),
    note: optionalText(200),
  })
  .strict();

export type DeviceInput = z.input<typeof deviceInput>;
export type DeviceBody = z.output<typeof deviceInput>;

export interface Device extends RecordMeta, DeviceBody {
  /** Whether the network configuration was cleared on retirement (第十九条). */
  configCleared: boolean | null;
  configClearedBy: string | null;
  configClearedAt: number | null;
}

/** The fields a user enters, without the record's bookkeeping: what the form edits and what an import or batch edit compares. */
export function deviceBody(device: Device): DeviceBody {
  const { ip, mac, owner, office, location, kind, status, dedicatedConfirmed, internetCapable, isolationCard, note } = device;
  return { ip, mac, owner, office, location, kind, status, dedicatedConfirmed, internetCapable, isolationCard, note };
}

export const retireInput = z
  .object({
    reason: z.string().trim().min(2, 'retire.reason').max(200, 'tooLong'),
    configCleared: z.boolean(),
    clearedBy: z.string().trim().max(30, 'tooLong'),
    clearedAt: z.number().int().positive().nullable(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.configCleared) return;
    if (value.clearedBy === '') ctx.addIssue({ code: 'custom', path: ['clearedBy'], message: 'retire.clearedBy' });
    if (value.clearedAt === null) ctx.addIssue({ code: 'custom', path: ['clearedAt'], message: 'retire.clearedAt' });
  });

export type RetireInput = z.input<typeof retireInput>;

/**
 * 第十九条: a PC that also goes on the internet must carry a network isolation
 * card. Retired devices are off the network and no longer in violation.
 */
export function isolationViolation(device: Pick<Device, 'internetCapable' | 'isolationCard' | 'retiredAt'>): boolean {
  return device.retiredAt === null && device.internetCapable && !device.isolationCard;
}

export interface DeviceConflict {
  field: 'ip' | 'mac';
  other: Pick<Device, 'id' | 'ip' | 'mac' | 'owner' | 'office'>;
}

/**
 * Duplicate IP or MAC among the unit's active devices (DOMAIN.md §1). The
 * candidate's own id is skipped so that editing a device does not conflict
 * with itself.
 */
export function findConflicts(
  candidate: { id?: string; ip: string; mac: string },
  active: Iterable<Pick<Device, 'id' | 'ip' | 'mac' | 'owner' | 'office' | 'retiredAt'>>,
): DeviceConflict[] {
  const conflicts: DeviceConflict[] = [];
  for (const other of active) {
    if (other.retiredAt !== null || other.id === candidate.id) continue;
    if (other.ip === candidate.ip) conflicts.push({ field: 'ip', other });
    if (other.mac === candidate.mac) conflicts.push({ field: 'mac', other });
  }
  return conflicts;
}
