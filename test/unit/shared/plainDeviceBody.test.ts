import { describe, expect, it } from 'vitest';
import { NEW_DEVICE_DEFAULTS, plainDeviceBody, planDeviceImport } from '../../../shared/import/deviceSheet';
import { deviceInput, type Device, type DeviceBody } from '../../../shared/domain/device';
import { parseMac } from '../../../shared/rules/network';

/** A small deterministic generator, so a failure names a case that can be run again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const known: Device = {
  id: 'd1', unitId: 'u', rev: 3, createdAt: 0, createdBy: 'a', updatedAt: 0, updatedBy: 'a', retiredAt: null, retiredReason: null,
  ip: '10.0.0.9', mac: '02:7A:00:00:00:09', owner: '李明', office: '信息科', location: '3 楼', kind: 'laptop', status: 'spare',
  dedicatedConfirmed: true, internetCapable: true, isolationCard: true, note: '旧', configCleared: null, configClearedBy: null, configClearedAt: null,
};
const bodyOf = (d: Device): DeviceBody => ({ ip: d.ip, mac: d.mac, owner: d.owner, office: d.office, location: d.location, kind: d.kind, status: d.status, dedicatedConfirmed: d.dedicatedConfirmed, internetCapable: d.internetCapable, isolationCard: d.isolationCard, note: d.note });

const CHOICES: Record<string, readonly unknown[]> = {
  ip: ['10.0.0.1', ' 10.0.0.2 ', '10.0.0.01', '127.0.0.1', '10.0.0.256', '10.0.0', '', 17, '１0.0.0.1'],
  mac: ['02-7A-00-00-00-01', '02:7a:00:00:00:02', '027A.0000.0003', '027a00000004', '03-7A-00-00-00-05', '02-7A:00-00-00-06', '', 'zz', 5],
  owner: ['张三', '  李四  ', '', '   ', 'x'.repeat(30), ` ${'x'.repeat(30)} `, 'x'.repeat(31), 12],
  office: ['办公室', '', 'y'.repeat(40), 'y'.repeat(41), null],
  location: ['', '  2 楼 ', 'z'.repeat(60), 'z'.repeat(61), 3],
  kind: ['desktop', 'printer', 'desk', '', 1],
  status: ['inUse', 'repair', 'retired', ''],
  dedicatedConfirmed: [true, false, '是', 0],
  internetCapable: [true, false, '否'],
  isolationCard: [true, false, 'maybe'],
  note: ['', ' 备注 ', 'n'.repeat(200), 'n'.repeat(201), false],
  extra: ['x'],
};

function caseOf(next: () => number): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(CHOICES)) {
    // Each field is left out now and then (its column unmapped), the extra key rarely present.
    if (next() < (field === 'extra' ? 0.97 : 0.2)) continue;
    // Half the time the field's first, valid value, so whole rows pass often enough to compare bodies.
    input[field] = values[next() < 0.5 ? 0 : Math.floor(next() * values.length)];
  }
  return input;
}

describe('the plain check beside the device schema', () => {
  it('gives exactly what deviceInput gives, or hands the row to it, over 20,000 generated rows', () => {
    const next = random(20261203);
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = caseOf(next);
      const base = next() < 0.5 ? known : undefined;
      const merged = { ...(base ? bodyOf(base) : NEW_DEVICE_DEFAULTS), ...input };
      const schema = deviceInput.safeParse(merged);
      const mac = typeof input.mac === 'string' ? parseMac(input.mac) : null;
      const plain = mac?.ok ? plainDeviceBody(base ?? NEW_DEVICE_DEFAULTS, input, mac.value) : null;
      const label = JSON.stringify({ i, input, base: base ? 'known' : 'new' });
      if (plain) {
        fast += 1;
        expect(schema.success, label).toBe(true);
        // Same values in the same key order: the stored record is byte for byte what the schema made.
        expect(JSON.stringify(plain), label).toBe(JSON.stringify(schema.data));
      } else if (mac?.ok) {
        expect(schema.success, label).toBe(false);
      }
    }
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(fast).toBeGreaterThan(500);
  });

  it('leaves the plan as the schema alone would make it: refusals keep their issues, updates their changed fields', () => {
    const rows = [
      { row: 5, input: { ip: '10.0.0.9', mac: '02-7a-00-00-00-09', owner: '李明', office: '信息科' } },
      { row: 6, input: { ip: '10.0.0.10', mac: '02-7A-00-00-00-0A', owner: '', office: '办公室' } },
      { row: 7, input: { ip: '10.0.0.11', mac: '02-7A-00-00-00-0B', owner: '王五', office: '办公室', kind: '扫描仪' } },
      { row: 8, input: { ip: '10.0.0.12', mac: '02-7A-00-00-00-09', owner: '李明', office: '信息科', isolationCard: false } },
    ];
    const plan = planDeviceImport(rows, [known]);
    expect(plan.rows.map((r) => r.action)).toEqual(['unchanged', 'refuse', 'refuse', 'refuse']);
    expect(plan.rows[1]).toMatchObject({ issues: [{ field: 'owner', code: 'required' }] });
    expect(plan.rows[2]).toMatchObject({ issues: [{ field: 'kind', code: 'device.kind' }] });
    expect(plan.rows[3]).toMatchObject({ issues: [{ field: 'mac', code: 'import.duplicateMac', vars: { row: '5' } }] });
    const update = planDeviceImport([{ row: 5, input: { ip: '10.0.0.19', mac: '02-7A-00-00-00-09', owner: '李明', office: '信息科', isolationCard: false } }], [known]);
    expect(update.rows[0]).toMatchObject({ action: 'update', changed: ['ip', 'isolationCard'], body: { location: '3 楼', kind: 'laptop', internetCapable: true, note: '旧' } });
  });
});
