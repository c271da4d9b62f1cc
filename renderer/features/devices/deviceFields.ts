import type { Device } from '../../../shared/domain/device';
import type { MessageKey, Translate } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import type { FieldChange } from '../ledgers/ChangeHistory';

/** Labels and display of device fields, shared by the list, the form and the history. */
export const DEVICE_FIELD_LABELS: Partial<Record<keyof Device, MessageKey>> = {
  ip: 'device.ip',
  mac: 'device.mac',
  owner: 'device.owner',
  office: 'device.office',
  location: 'device.location',
  kind: 'device.kind',
  status: 'device.status',
  dedicatedConfirmed: 'device.dedicated',
  internetCapable: 'device.internet',
  isolationCard: 'device.isolationCard',
  note: 'device.note',
  retiredReason: 'device.retireReason',
  configCleared: 'device.configCleared',
  configClearedBy: 'device.clearedBy',
  configClearedAt: 'device.clearedAt',
};

export function displayValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (field === 'kind') return t(`device.kind.${value as Device['kind']}`);
  if (field === 'status') return t(`device.status.${value as Device['status']}`);
  if (typeof value === 'number' && /At$/.test(field)) return formatDateTime(value);
  return String(value);
}

/** What changed between two logged versions of a device, in the form's field order. */
export function diffDevice(t: Translate, before: Record<string, unknown> | undefined, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, label] of Object.entries(DEVICE_FIELD_LABELS)) {
    const a = before?.[field];
    const b = after[field];
    if (before && a === b) continue;
    if (!before && (b === null || b === undefined || b === '')) continue;
    changes.push({ field, label: t(label), before: before ? displayValue(t, field, a) : '', after: displayValue(t, field, b) });
  }
  return changes;
}
