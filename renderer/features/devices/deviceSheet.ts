import { DEVICE_KINDS, DEVICE_STATUSES, type Device, type DeviceKind, type DeviceStatus } from '../../../shared/domain/device';
import { IMPORT_FIELDS, type ImportField, type Vocabulary } from '../../../shared/import/deviceSheet';
import { translate, type Translate } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { DEVICE_FIELD_LABELS } from './deviceFields';

/** The register as a sheet: the same headers for export, the import template and import's column matching. */

export function fieldLabel(t: Translate, field: ImportField): string {
  return t(DEVICE_FIELD_LABELS[field]!);
}

export function sheetHeader(t: Translate): string[] {
  return [...IMPORT_FIELDS.map((f) => fieldLabel(t, f)), t('device.retireReason'), t('device.updatedAt')];
}

export function sheetRow(t: Translate, d: Device): (string | number | null)[] {
  const yes = (b: boolean) => t(b ? 'common.yes' : 'common.no');
  return [
    d.ip, d.mac, d.owner, d.office, d.location,
    t(`device.kind.${d.kind}`),
    d.retiredAt !== null ? t('device.status.retired') : t(`device.status.${d.status}`),
    yes(d.dedicatedConfirmed), yes(d.internetCapable), yes(d.isolationCard), d.note,
    d.retiredReason ?? '', formatDateTime(d.updatedAt),
  ];
}

/** Kind and status words of both languages: a sheet made under English reads under Chinese. */
export function vocabulary(): Vocabulary {
  const langs = ['zh', 'en'] as const;
  return {
    kind: new Map(langs.flatMap((l) => DEVICE_KINDS.map((k) => [translate(l, `device.kind.${k}`), k] as const))),
    status: new Map(langs.flatMap((l) => DEVICE_STATUSES.map((s) => [translate(l, `device.status.${s}`), s] as const))),
  };
}

export function fieldLabels(t: Translate): Partial<Record<ImportField, string>> {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f, fieldLabel(t, f)]));
}

/** A field's value as the register shows it, for the import preview's "from → to". */
export function fieldValueText(t: Translate, field: ImportField, value: unknown): string {
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (field === 'kind') return t(`device.kind.${value as DeviceKind}`);
  if (field === 'status') return t(`device.status.${value as DeviceStatus}`);
  return value === '' || value === null || value === undefined ? t('import.empty') : String(value);
}
