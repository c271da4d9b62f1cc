import type { RecordMeta } from '../../../shared/domain/record';
import type { ComponentType, ReactNode } from 'react';
import type { z } from 'zod';
import type { Device } from '../../../shared/domain/device';
import type { Permission } from '../../../shared/domain/roles';
import type { UnitProfile } from '../../../shared/domain/unit';
import type { LedgerTable } from '../../../shared/ledgers/registry';
import type { Maintainer } from '../../../shared/ledgers/maintainer';
import type { IpRange } from '../../../shared/rules/ipRanges';
import type { LedgerRecord } from '../../db/ledgers';
import type { Actor } from '../../db/repository';
import type { MessageKey, Translate } from '../../i18n';
import type { PaperPeriod, PeriodKind } from '../../ui/paperPeriod';

/**
 * A ledger is declared, not built: its fields (the form), columns (the list,
 * search, sort and the Excel export), filters, quick actions and an optional
 * summary panel. LedgerPage turns a declaration into the list / form /
 * detail / history screens every ledger shares.
 */

/** What a declaration may read besides its own records. */
export interface LedgerContext {
  t: Translate;
  unit: UnitProfile;
  devices: ReadonlyMap<string, Device>;
  activeDevices: readonly Device[];
  maintainers: ReadonlyMap<string, Maintainer>;
  /** The signed-in user's name, the usual default for "who". */
  me: string;
  /** Account id → display name, for "by whom". */
  names: ReadonlyMap<string, string>;
  /** The address ranges the office's policy assigns this unit (none at the office's read-only view). */
  ranges: readonly IpRange[];
  now: number;
}

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'datetime'
  /** A list of moments, such as the urges on a fault ticket. */
  | 'times'
  | 'select'
  | 'check'
  | 'device'
  | 'devices'
  | 'maintainer'
  /** Free list of names. */
  | 'tags'
  | 'checklist';

export interface FieldDef {
  name: string;
  label: MessageKey;
  kind: FieldKind;
  required?: boolean;
  /** Options of a `select`, labelled `${optionPrefix}.${value}`. */
  options?: readonly string[];
  optionPrefix?: string;
  /** A select or moment that may be left empty (stored as null). */
  nullable?: boolean;
  max?: number;
  min?: number;
  help?: MessageKey;
  /** Whole row in the two-column form. */
  wide?: boolean;
  /** Shown only when this holds for the form's current values. */
  visibleWhen?: (values: Record<string, unknown>) => boolean;
  /** A section heading before this field. */
  section?: MessageKey;
  /**
   * The record schema's own rule for this field, run as the user types:
   * the form refuses what the repository would, in the same words (it also
   * says "请填写…" for an empty required field, so no second rule is added).
   */
  schema?: z.ZodType;
  placeholder?: string;
  autoFocus?: boolean;
  /** Values a text field offers as the user types (the register's people and offices). */
  suggestions?: (ctx: LedgerContext) => readonly string[];
  /** Warnings shown under this field for the form's current values (a PC on the internet without an isolation card). */
  after?: (values: Record<string, unknown>, ctx: LedgerContext) => ReactNode;
}

export interface ColumnDef<R> {
  key: string;
  title: MessageKey;
  width: number;
  grow?: boolean;
  /** The cell as text or number: for export, search and sorting. */
  value: (record: R, ctx: LedgerContext) => string | number | null;
  /** A richer cell on screen; defaults to `value`. */
  render?: (record: R, ctx: LedgerContext) => ReactNode;
  /** Not written to the spreadsheet (status badges duplicated by another column). */
  screenOnly?: boolean;
}

export interface FilterDef<R> {
  key: string;
  label: MessageKey;
  options: readonly { value: string; label: MessageKey }[];
  test: (record: R, value: string, ctx: LedgerContext) => boolean;
}

/** A one-click change of a record (an urge now, the technician arrived now). */
export interface RowAction<R> {
  key: string;
  label: MessageKey;
  visible: (record: R, ctx: LedgerContext) => boolean;
  /** The record's next input. */
  apply: (input: Record<string, unknown>, ctx: LedgerContext) => Record<string, unknown>;
  done: MessageKey;
}

/**
 * A step of a record's progress with a small form of its own (a fault
 * ticket's urge, arrival, closing and maintenance sheet): offered in the
 * list when it is the usual next one and in the detail drawer whenever it
 * may be taken. The full edit form stays for corrections.
 */
export interface StepDef<R> {
  key: string;
  /** The button. */
  label: MessageKey;
  /** The small form's title. */
  title: MessageKey;
  fields: readonly FieldDef[];
  /** May be taken now. */
  open: (record: R) => boolean;
  /** Offered in the list's row. */
  next: (record: R) => boolean;
  /** The form's first values (the time now, what the record already says). */
  values: (record: R, ctx: LedgerContext) => Record<string, unknown>;
  /** Writes the step through the repository; refusals come back beside the form's fields. */
  write: (actor: Actor, record: R, values: Record<string, unknown>) => Promise<R>;
  done: MessageKey;
}

/** A stage of a record's story as the detail drawer shows it. */
export interface Milestone {
  title: string;
  /** When it happened, or what is pending. */
  detail: string;
  done: boolean;
}

export interface PanelProps<R> {
  records: readonly R[];
  ctx: LedgerContext;
}

/** A form's records: those of its period still in force, oldest first. `ctx.t` is Chinese, as on every document. */
export interface PaperProps<R> {
  records: readonly R[];
  /** Every record in force, for figures that look before the period (a device's latest scan). */
  all: readonly R[];
  ctx: LedgerContext;
  period: PaperPeriod;
}

/** The ledger's A4 form for a period, printed from the list's toolbar. */
export interface LedgerPaper<R> {
  title: MessageKey;
  period: PeriodKind;
  /** The day a record belongs to, which puts it in a period. */
  day: (record: R) => string;
  Form: ComponentType<PaperProps<R>>;
}

/** One record on its own form (a fault ticket's 维修单), printed from its detail. */
export interface RecordPaper<R> {
  title: MessageKey;
  /** The file name, without `.pdf`. */
  fileName: (record: R, ctx: LedgerContext) => string;
  Form: ComponentType<{ record: R; ctx: LedgerContext }>;
}

export interface LedgerDef<R extends RecordMeta = LedgerRecord> {
  table: LedgerTable;
  title: MessageKey;
  /** The article it keeps, shown under the title. */
  rule: MessageKey;
  /** Name of one record, for "新增值班日志" and the history title. */
  noun: MessageKey;
  view: Permission;
  edit: Permission;
  fields: readonly FieldDef[];
  /** A new record's input. */
  empty: (ctx: LedgerContext) => Record<string, unknown>;
  columns: readonly ColumnDef<R>[];
  defaultSort: { key: string; order: 'ascend' | 'descend' };
  filters?: readonly FilterDef<R>[];
  actions?: readonly RowAction<R>[];
  steps?: readonly StepDef<R>[];
  /** The record's stages so far, for the detail drawer. */
  milestones?: (record: R, ctx: LedgerContext) => Milestone[];
  panel?: ComponentType<PanelProps<R>>;
  rowClassName?: (record: R, ctx: LedgerContext) => string;
  /** On create, one record per selected device (the weekly sweep): `from` is the form's list, `to` each record's field. */
  fanOut?: { from: string; to: string };
  /**
   * A question to confirm before saving an unusual but allowed value (a
   * deduction outside the proposed band); null when there is nothing to ask.
   */
  confirmSave?: (input: Record<string, unknown>, ctx: LedgerContext) => string | null;
  paper?: LedgerPaper<R>;
  recordPaper?: RecordPaper<R>;
  /** A record's title in the detail drawer. */
  headline: (record: R, ctx: LedgerContext) => string;
}
