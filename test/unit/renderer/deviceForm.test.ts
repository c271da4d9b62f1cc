import { describe, expect, it } from 'vitest';
import { DEVICE_FORM_FIELDS, deviceFormInput, NEW_DEVICE } from '../../../renderer/features/devices/deviceForm';
import { deviceInput } from '../../../shared/domain/device';
import { fromFormValues, toFormValues } from '../../../renderer/features/ledgers/formValues';

describe('the device register declared as a ledger form', () => {
  it('declares one field per field of the device schema, in the form every new device starts from', () => {
    expect(DEVICE_FORM_FIELDS.map((f) => f.name).sort()).toEqual(Object.keys(deviceInput.shape).sort());
    expect(Object.keys(NEW_DEVICE).sort()).toEqual(Object.keys(deviceInput.shape).sort());
    // Attestations start unticked.
    expect(NEW_DEVICE).toMatchObject({ dedicatedConfirmed: false, internetCapable: false, isolationCard: false });
  });

  it('the required text fields carry the schema’s own rule, so the form refuses what the repository would', () => {
    for (const name of ['ip', 'mac', 'owner', 'office']) {
      const field = DEVICE_FORM_FIELDS.find((f) => f.name === name)!;
      expect(field.required, name).toBe(true);
      expect(field.schema, name).toBe(deviceInput.shape[name as keyof typeof deviceInput.shape]);
    }
  });

  it('a device round-trips through the form values unchanged', () => {
    const input = deviceFormInput({ ...NEW_DEVICE, ip: '10.0.0.1', mac: 'AA:BB:CC:DD:EE:01', owner: '张三', office: '办公室', internetCapable: true } as never);
    expect(fromFormValues(DEVICE_FORM_FIELDS, toFormValues(DEVICE_FORM_FIELDS, input), NEW_DEVICE)).toEqual(input);
  });

  it('warns under the isolation card for a PC on the internet without one, and for an address outside the assigned ranges', () => {
    const after = DEVICE_FORM_FIELDS.find((f) => f.name === 'isolationCard')!.after!;
    const ctx = { t: (k: string) => k, ranges: [{ text: '10.1.0.0/16', first: 10 * 2 ** 24 + 2 ** 16, last: 10 * 2 ** 24 + 2 * 2 ** 16 - 1 }] } as never;
    expect(after({ internetCapable: false, isolationCard: false, ip: '10.1.2.3' }, ctx)).toBeNull();
    expect(after({ internetCapable: true, isolationCard: false, ip: '10.1.2.3' }, ctx)).not.toBeNull();
    expect(after({ internetCapable: true, isolationCard: true, ip: '10.9.2.3' }, ctx)).not.toBeNull();
  });
});
