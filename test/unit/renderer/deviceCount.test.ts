import { describe, expect, it } from 'vitest';
import { countInStatus, DEFAULT_FILTERS, filterDevices, indexDevice, inStatus, type StatusFilter } from '../../../renderer/features/devices/search';
import { newRecord } from '../../../renderer/db/repository';
import { DEVICE_STATUSES, deviceInput as schema, type Device, type DeviceInput } from '../../../shared/domain/device';
import { deviceInput } from '../db/helpers';

function device(n: number, overrides: Partial<DeviceInput> = {}, retired = false): Device {
  const d: Device = { ...newRecord({ unitId: 'u', accountId: 'a', role: 'admin' }, schema.parse(deviceInput(n, overrides))), configCleared: null, configClearedBy: null, configClearedAt: null };
  return retired ? { ...d, retiredAt: 1, retiredReason: '报废' } : d;
}

// Four in the register, one of them retired: the page said "共 5 / 4 台" in this shape.
const rows = [device(1), device(2, { status: 'spare' }), device(3, { status: 'repair' }), device(4, {}, true), device(5, {}, true)].map(indexDevice);

describe('the device counter', () => {
  it.each<[StatusFilter, number]>([
    ['all', 5],
    ['active', 3],
    ['retired', 2],
    ['inUse', 1],
    ['spare', 1],
    ['repair', 1],
  ])('status %s counts %i devices', (status, n) => {
    expect(countInStatus(rows, status)).toBe(n);
  });

  it('counts exactly what the list shows when nothing else narrows it', () => {
    for (const status of ['all', 'active', 'retired', ...DEVICE_STATUSES] as const) {
      expect(countInStatus(rows, status)).toBe(filterDevices(rows, { ...DEFAULT_FILTERS, status }).length);
    }
  });

  it('a retired device is never active, whatever status it had', () => {
    expect(inStatus('retired', 'active')).toBe(false);
    expect(inStatus('retired', 'inUse')).toBe(false);
    expect(inStatus('spare', 'active')).toBe(true);
  });
});
