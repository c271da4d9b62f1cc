import type { LoggedTable } from '../../../shared/changelog/tables';
import type { LedgerTable } from '../../../shared/ledgers/registry';
import type { MessageKey, Translate } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { DEVICE_FIELD_LABELS } from '../devices/deviceFields';
import { copyLedger, dutyLedger, faultLedger, incidentLedger, inspectionLedger, maintainerLedger, scanLedger, trainingLedger } from '../ledgers/defs';
import type { LedgerDef } from '../ledgers/types';

/**
 * What a user calls a record: a device by its IP and owner, a fault ticket by
 * its phenomenon, a duty log by its day and shift — never its id. The record
 * may have been planted straight in IndexedDB, so every field is read as
 * unknown and a record that names nothing is still shown as something.
 */

export interface NameLookup {
  /** "10.62.1.10 李明" for a device id, when the register has it. */
  device: (id: string) => string | undefined;
  /** An account's display name, when the unit has it. */
  person: (id: string) => string | undefined;
}

const MAX = 40;

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function clip(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
}

function moment(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatDateTime(value) : '';
}

function option(t: Translate, prefix: string, value: unknown): string {
  const v = text(value);
  return v ? t(`${prefix}.${v}` as MessageKey) : '';
}

export function deviceName(record: Record<string, unknown>): string {
  return [text(record.ip), text(record.owner)].filter(Boolean).join(' ');
}

export function recordName(t: Translate, table: LoggedTable, record: Record<string, unknown>, lookup: NameLookup): string {
  const r = record;
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
  let name: string;
  switch (table) {
    case 'units':
      name = text(r.name);
      break;
    case 'accounts':
      name = text(r.username) ? `${text(r.displayName)}（${text(r.username)}）` : text(r.displayName);
      break;
    case 'devices':
      name = deviceName(r);
      break;
    case 'checkins':
      name = moment(r.at) ? t('integrity.name.checkin', { at: moment(r.at), who: lookup.person(text(r.officerId)) ?? '' }).trim() : '';
      break;
    case 'calendars':
      name = text(r.year) ? t('integrity.name.calendar', { year: text(r.year) }) : '';
      break;
    case 'schedules':
      name = t('integrity.name.schedule');
      break;
    case 'dutyLogs':
      name = join(text(r.date), option(t, 'duty.shift', r.shift));
      break;
    case 'faults':
      name = join(moment(r.reportedAt), text(r.description));
      break;
    case 'scans':
      name = join(lookup.device(text(r.deviceId)) ?? '', text(r.scannedOn));
      break;
    case 'incidents':
      name = join(moment(r.occurredAt), text(r.title));
      break;
    case 'inspections':
      name = join(text(r.inspectedOn), text(r.inspectors));
      break;
    case 'trainings':
      name = join(text(r.heldOn), text(r.topic));
      break;
    case 'copyFilings':
      name = join(text(r.copiedOn), text(r.description));
      break;
    case 'maintainers':
      name = text(r.name);
      break;
    case 'networkNotices':
      name = text(r.year) ? t('integrity.name.networkNotice', { year: text(r.year), n: text(r.number) }) : '';
      break;
    case 'evaluationEntries':
      name = text(r.year) ? t('integrity.name.evaluationEntries', { year: text(r.year) }) : '';
      break;
    case 'selfAssessments':
      name = text(r.year) ? t('integrity.name.selfAssessment', { year: text(r.year) }) : '';
      break;
    case 'attachments':
      name = text(r.fileName);
      break;
  }
  return clip(name) || t('integrity.name.unknown');
}

const LEDGER_DEFS: Record<LedgerTable, LedgerDef> = {
  dutyLogs: dutyLedger as unknown as LedgerDef,
  faults: faultLedger as unknown as LedgerDef,
  scans: scanLedger as unknown as LedgerDef,
  incidents: incidentLedger as unknown as LedgerDef,
  inspections: inspectionLedger as unknown as LedgerDef,
  trainings: trainingLedger as unknown as LedgerDef,
  copyFilings: copyLedger as unknown as LedgerDef,
  maintainers: maintainerLedger as unknown as LedgerDef,
};

const OTHER_LABELS: Partial<Record<LoggedTable, Record<string, MessageKey>>> = {
  units: { name: 'unit.name', code: 'unit.code', leader: 'unit.leader', office: 'unit.office', adminName: 'unit.adminName', adminPhone: 'unit.adminPhone', docOfficerName: 'unit.docOfficerName', docOfficerPhone: 'unit.docOfficerPhone' },
  accounts: { username: 'account.username', displayName: 'account.displayName', role: 'account.role' },
  checkins: { at: 'checkin.at', note: 'checkin.note' },
};

/** Fields every record carries, in the words of the history drawer. */
const META_LABELS: Record<string, MessageKey> = {
  rev: 'integrity.field.rev',
  createdAt: 'integrity.field.createdAt',
  createdBy: 'integrity.field.createdBy',
  updatedAt: 'integrity.field.updatedAt',
  updatedBy: 'integrity.field.updatedBy',
  retiredAt: 'integrity.field.retiredAt',
  retiredReason: 'integrity.field.retiredReason',
  unitId: 'integrity.field.unitId',
};

/** The label a user sees on a field's form; a field no form shows keeps its stored name. */
export function fieldLabel(t: Translate, table: LoggedTable, field: string): string {
  const ledger = (LEDGER_DEFS as Partial<Record<LoggedTable, LedgerDef>>)[table];
  const key =
    (table === 'devices' ? (DEVICE_FIELD_LABELS as Record<string, MessageKey | undefined>)[field] : undefined) ??
    ledger?.fields.find((f) => f.name === field)?.label ??
    OTHER_LABELS[table]?.[field] ??
    META_LABELS[field];
  return key ? t(key) : field;
}
