import dayjs, { type Dayjs } from 'dayjs';
import type { FieldDef } from './types';

/**
 * Between a ledger's input (what the schema parses: days as `YYYY-MM-DD`,
 * moments as epoch milliseconds) and antd form values (dayjs objects).
 */

export function toFormValues(fields: readonly FieldDef[], input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const f of fields) {
    const v = input[f.name];
    if (f.kind === 'date') out[f.name] = typeof v === 'string' && v !== '' ? dayjs(v) : null;
    else if (f.kind === 'datetime') out[f.name] = typeof v === 'number' ? dayjs(v) : null;
    else if (f.kind === 'times') out[f.name] = Array.isArray(v) ? v.map((t) => dayjs(t as number)) : [];
  }
  return out;
}

const isDayjs = (v: unknown): v is Dayjs => dayjs.isDayjs(v);

export function fromFormValues(fields: readonly FieldDef[], values: Record<string, unknown>, base: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const f of fields) {
    if (!(f.name in values)) continue;
    const v = values[f.name];
    if (f.kind === 'date') out[f.name] = isDayjs(v) ? v.format('YYYY-MM-DD') : '';
    else if (f.kind === 'datetime') out[f.name] = isDayjs(v) ? v.second(0).millisecond(0).valueOf() : null;
    else if (f.kind === 'times') out[f.name] = Array.isArray(v) ? v.filter(isDayjs).map((d) => d.second(0).millisecond(0).valueOf()) : [];
    else if (f.kind === 'number') out[f.name] = typeof v === 'number' ? v : null;
    else if (f.kind === 'select' && f.nullable) out[f.name] = v === undefined || v === '' ? null : v;
    else if (f.kind === 'text' || f.kind === 'textarea') out[f.name] = typeof v === 'string' ? v : '';
    else out[f.name] = v;
  }
  return out;
}

/** The input a stored record was made from: the keys of a new record's input. */
export function inputOf(record: Record<string, unknown>, empty: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(empty)) out[key] = key in record ? record[key] : empty[key];
  return out;
}
