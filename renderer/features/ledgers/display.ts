import type { MessageKey } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { deviceLabel } from './useLedgerContext';
import type { FieldDef, LedgerContext } from './types';
import type { FieldChange } from './ChangeHistory';

/** A field's value as a reader sees it: in the detail, the history and the spreadsheet. */
export function fieldText(field: FieldDef, value: unknown, ctx: LedgerContext): string {
  const t = ctx.t;
  if (value === null || value === undefined || value === '') return '—';
  switch (field.kind) {
    case 'datetime':
      return typeof value === 'number' ? formatDateTime(value) : '—';
    case 'times':
      return Array.isArray(value) && value.length > 0 ? value.map((v) => formatDateTime(v as number)).join('；') : '—';
    case 'check':
      return t(value === true ? 'common.yes' : 'common.no');
    case 'select':
      return t(`${field.optionPrefix ?? field.name}.${String(value)}` as MessageKey);
    case 'device':
      return deviceLabel(ctx.devices.get(String(value)), String(value));
    case 'devices':
      return Array.isArray(value) && value.length > 0 ? value.map((id) => deviceLabel(ctx.devices.get(String(id)), String(id))).join('；') : '—';
    case 'maintainer':
      return ctx.maintainers.get(String(value))?.name ?? String(value);
    case 'tags':
      return Array.isArray(value) && value.length > 0 ? value.join('、') : '—';
    case 'checklist':
      return Array.isArray(value)
        ? (value as { item: string; result: string; note: string }[])
            .map((c) => `${c.item}：${t(`inspection.result.${c.result}` as MessageKey)}${c.note ? `（${c.note}）` : ''}`)
            .join('；')
        : '—';
    default:
      return String(value);
  }
}

/** What changed between two logged versions of a record, in the form's order, with retirement last. */
export function diffRecord(fields: readonly FieldDef[], before: Record<string, unknown> | undefined, after: Record<string, unknown>, ctx: LedgerContext): FieldChange[] {
  const changes: FieldChange[] = [];
  const retired: FieldDef = { name: 'retiredReason', label: 'ledger.retireReason', kind: 'text' };
  const all: FieldDef[] = [...fields, retired];
  for (const f of all) {
    const a = before?.[f.name];
    const b = after[f.name];
    if (before && JSON.stringify(a) === JSON.stringify(b)) continue;
    if (!before && (b === null || b === undefined || b === '' || (Array.isArray(b) && b.length === 0))) continue;
    changes.push({ field: f.name, label: ctx.t(f.label), before: before ? fieldText(f, a, ctx) : '', after: fieldText(f, b, ctx) });
  }
  return changes;
}
