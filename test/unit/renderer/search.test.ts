import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filterDevices, incrementalFilter, indexDevice, planQuery, sortDevices, type DeviceFilters } from '../../../renderer/features/devices/search';
import { newRecord } from '../../../renderer/db/repository';
import { deviceInput as schema, type Device, type DeviceInput } from '../../../shared/domain/device';
import { deviceInput } from '../db/helpers';

function device(n: number, overrides: Partial<DeviceInput> = {}, retired = false): Device {
  const d: Device = { ...newRecord({ unitId: 'u', accountId: 'a', role: 'admin' }, schema.parse(deviceInput(n, overrides))), configCleared: null, configClearedBy: null, configClearedAt: null };
  return retired ? { ...d, retiredAt: 1, retiredReason: '报废' } : d;
}

const rows = [
  device(1, { ip: '10.1.2.3', mac: 'AA-BB-CC-00-11-22', owner: '李明', office: '信息科', location: '三楼 302' }),
  device(2, { ip: '10.1.20.4', mac: '02-00-00-AB-CD-EF', owner: '王芳', office: '秘书科', internetCapable: true }),
  device(3, { ip: '192.168.10.1', mac: '02:00:00:10:01:99', owner: '张伟', office: '信息科', kind: 'printer', status: 'repair' }),
  device(4, { ip: '10.1.2.30', mac: '02-00-00-00-00-04', owner: '赵静', office: '办公室' }, true),
].map(indexDevice);

const ips = (filters: Partial<DeviceFilters>) => filterDevices(rows, { ...DEFAULT_FILTERS, ...filters }).map((r) => r.device.ip);

describe('device search', () => {
  it.each([
    ['10.1.2', ['10.1.2.3', '10.1.20.4']],
    ['10.1.2.', ['10.1.2.3']],
    ['aabbcc', ['10.1.2.3']],
    ['AA-BB-CC', ['10.1.2.3']],
    ['cc:00:11', ['10.1.2.3']],
    ['abcd.ef', ['10.1.20.4']],
    ['1001', ['192.168.10.1']],
    ['信息科', ['10.1.2.3', '192.168.10.1']],
    ['302', ['10.1.2.3']],
    ['李', ['10.1.2.3']],
    ['nothing', []],
  ])('%s finds %j among active devices', (query, expected) => {
    expect(ips({ query })).toEqual(expected);
  });

  it('an IP-looking query does not match MAC digits', () => {
    expect(planQuery('10.1').macFragment).toBeUndefined();
    expect(planQuery('10').macFragment).toBe('10');
  });

  it('typing on never brings back a device the shorter query had hidden', () => {
    // With MAC digits only from two characters, "a" matched nobody here and "aa" a device.
    for (const query of ['a', 'aa', 'aab', '0', '02', '02-', '1', '10', '10.', '10.1']) {
      for (let i = 1; i < query.length; i++) {
        const shorter = new Set(ips({ query: query.slice(0, i) }));
        expect(ips({ query }).filter((ip) => !shorter.has(ip)), `${query.slice(0, i)} → ${query}`).toEqual([]);
      }
    }
    expect(planQuery('a').macFragment).toBe('a');
  });

  it('the incremental filter hands back the same list when a keystroke changes nothing shown', () => {
    const filter = incrementalFilter();
    const first = filter(rows, { ...DEFAULT_FILTERS, query: '1' });
    expect(filter(rows, { ...DEFAULT_FILTERS, query: '10' })).toBe(first);
    expect(filter(rows, { ...DEFAULT_FILTERS, query: '10.1.2' })).not.toBe(first);
  });

  it('filters by status, kind and violation', () => {
    expect(ips({ status: 'retired' })).toEqual(['10.1.2.30']);
    expect(ips({ status: 'all' })).toHaveLength(4);
    expect(ips({ status: 'repair' })).toEqual(['192.168.10.1']);
    expect(ips({ kind: 'printer' })).toEqual(['192.168.10.1']);
    expect(ips({ violationsOnly: true })).toEqual(['10.1.20.4']);
  });

  it('sorts IPs numerically and names by collation, both ways', () => {
    expect(sortDevices(rows, { key: 'ip', order: 'ascend' }).map((r) => r.device.ip)).toEqual(['10.1.2.3', '10.1.2.30', '10.1.20.4', '192.168.10.1']);
    expect(sortDevices(rows, { key: 'ip', order: 'descend' }).map((r) => r.device.ip)[0]).toBe('192.168.10.1');
    expect(sortDevices(rows, { key: 'status', order: 'ascend' }).map((r) => r.device.ip).at(-1)).toBe('10.1.2.30');
  });

  it('the incremental filter always equals a full scan', () => {
    const sequence = ['1', '10', '10.', '10.1', '10.1.2', '10.1', '', 'a', 'aa', 'aab', 'aabb', 'aabbc', '0', '02', '02-', '02-0', '1', '10', '100', '1001', '信', '信息', '信息科', '信', '5', '5 ', '5 楼', 'c', 'cc:', 'cc:0', 'cc:00:1'];
    for (const status of ['active', 'all'] as const) {
      const filter = incrementalFilter();
      for (const query of sequence) {
        const f = { ...DEFAULT_FILTERS, query, status };
        expect(filter(rows, f), `${status} ${query}`).toEqual(filterDevices(rows, f));
      }
    }
  });
});
