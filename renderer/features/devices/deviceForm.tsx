import { Alert, Button, Form, Space } from 'antd';
import { addressBook, nextFreeAddress, type AddressBook } from '../../../shared/rules/addressPlan';
import { DEVICE_KINDS, DEVICE_STATUSES, deviceBody, deviceInput, type Device, type DeviceInput } from '../../../shared/domain/device';
import { parseIpv4 } from '../../../shared/rules/network';
import { inRanges } from '../../../shared/rules/ipRanges';
import type { FieldDef, LedgerContext } from '../ledgers/types';
import { distinctValues } from './registerValues';

/**
 * The device register's form, declared like every ledger's: its special
 * parts are rules and warnings of the declaration. IP and MAC are checked
 * by the schema that normalises them (the repository checks conflicts in
 * its transaction); the warnings say when a PC on the internet has no
 * isolation card (第十九条) and when an address lies outside the ranges the
 * office assigned.
 */

export const NEW_DEVICE: DeviceInput = {
  ip: '',
  mac: '',
  owner: '',
  office: '',
  location: '',
  kind: 'desktop',
  status: 'inUse',
  // An attestation (第十九条): the administrator ticks it for the machine in front of them.
  dedicatedConfirmed: false,
  internetCapable: false,
  isolationCard: false,
  note: '',
};

/** The form's first values: the device as registered, or a new one (at an address picked on the address plan). */
export function deviceFormInput(device: Device | undefined, presetIp?: string): DeviceInput {
  return device ? deviceBody(device) : { ...NEW_DEVICE, ip: presetIp ?? '' };
}

function deviceWarnings(values: Record<string, unknown>, ctx: LedgerContext) {
  const violation = values.internetCapable === true && values.isolationCard !== true;
  const ip = parseIpv4(typeof values.ip === 'string' ? values.ip : '');
  const outside = ctx.ranges.length > 0 && ip.ok && !inRanges(ip.value, ctx.ranges);
  if (!violation && !outside) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {violation && <Alert type="warning" showIcon message={ctx.t('device.violation')} />}
      {outside && <Alert type="warning" showIcon message={ctx.t('device.outsideRangeHelp', { ranges: ctx.ranges.map((x) => x.text).join('，') })} data-testid="outside-range-alert" />}
    </Space>
  );
}

const shape = deviceInput.shape;

const books = new WeakMap<readonly Device[], AddressBook>();

/** Offers the lowest free address of the assigned ranges while the IP field is empty. */
function NextFreeHint({ ctx }: { ctx: LedgerContext }) {
  const form = Form.useFormInstance();
  if (ctx.ranges.length === 0) return null;
  let book = books.get(ctx.activeDevices);
  if (!book) {
    book = addressBook(ctx.activeDevices);
    books.set(ctx.activeDevices, book);
  }
  const ip = nextFreeAddress(ctx.ranges, book);
  if (ip === null) return null;
  return (
    <Space className="next-free" data-testid="next-free-hint" style={{ marginBottom: 12 }}>
      <span className="muted">{ctx.t('ipam.nextFreeHint', { ip })}</span>
      <Button size="small" onClick={() => form.setFieldValue('ip', ip)}>
        {ctx.t('ipam.useIt')}
      </Button>
    </Space>
  );
}

// The list object is cached with the counts, so the field gets the same array until the register changes.
const valueLists = new WeakMap<object, string[]>();
function names(ctx: LedgerContext, key: 'owner' | 'office'): string[] {
  const counted = distinctValues(ctx.activeDevices, key);
  let list = valueLists.get(counted);
  if (!list) {
    list = counted.map((c) => c.value);
    valueLists.set(counted, list);
  }
  return list;
}

export const DEVICE_FORM_FIELDS: readonly FieldDef[] = [
  { name: 'ip', label: 'device.ip', kind: 'text', required: true, max: 15, schema: shape.ip, placeholder: '10.12.3.45', autoFocus: true },
  // Under the IP and MAC pair, so the two columns stay paired.
  { name: 'mac', label: 'device.mac', kind: 'text', required: true, max: 17, schema: shape.mac, placeholder: 'AA-BB-CC-DD-EE-FF', after: (values, ctx) => (values.ip === '' || values.ip === undefined ? <NextFreeHint ctx={ctx} /> : null) },
  { name: 'owner', label: 'device.owner', kind: 'text', required: true, max: 30, schema: shape.owner, suggestions: (ctx) => names(ctx, 'owner') },
  { name: 'office', label: 'device.office', kind: 'text', required: true, max: 40, schema: shape.office, suggestions: (ctx) => names(ctx, 'office') },
  { name: 'location', label: 'device.location', kind: 'text', max: 60, wide: true },
  { name: 'kind', label: 'device.kind', kind: 'select', options: DEVICE_KINDS, optionPrefix: 'device.kind' },
  { name: 'status', label: 'device.status', kind: 'select', options: DEVICE_STATUSES, optionPrefix: 'device.status' },
  { name: 'dedicatedConfirmed', label: 'device.dedicated', kind: 'check', help: 'device.dedicatedHelp', wide: true },
  { name: 'internetCapable', label: 'device.internet', kind: 'check' },
  { name: 'isolationCard', label: 'device.isolationCard', kind: 'check', after: deviceWarnings },
  { name: 'note', label: 'device.note', kind: 'textarea', max: 200, wide: true },
];
