import { isoDay } from '../../../../shared/calendar/calendar';
import { COPY_CONTENTS, type CopyFiling } from '../../../../shared/ledgers/copyFiling';
import { CopyFilingForm } from '../paper/CopyFilingForm';
import type { LedgerDef } from '../types';

/** 复制备案 (第二十条): filed by hand, or by the app for each of its own exports. */
export const copyLedger: LedgerDef<CopyFiling> = {
  table: 'copyFilings',
  title: 'copy.title',
  rule: 'copy.rule',
  noun: 'copy.noun',
  view: 'ledgers.view',
  edit: 'ledgers.write',
  fields: [
    { name: 'copiedOn', label: 'copy.copiedOn', kind: 'date', required: true },
    { name: 'content', label: 'copy.content', kind: 'select', options: COPY_CONTENTS, optionPrefix: 'content', required: true },
    { name: 'description', label: 'copy.description', kind: 'text', required: true, max: 200, wide: true },
    { name: 'purpose', label: 'copy.purpose', kind: 'text', required: true, max: 200, wide: true },
    { name: 'copiedBy', label: 'copy.copiedBy', kind: 'text', required: true, max: 30 },
    { name: 'approvalRef', label: 'copy.approvalRef', kind: 'text', max: 60, help: 'copy.approvalHelp' },
  ],
  empty: (ctx) => ({ copiedOn: isoDay(new Date(ctx.now)), content: 'configuration', description: '', purpose: '', copiedBy: ctx.me, approvalRef: '', automatic: false }),
  columns: [
    { key: 'copiedOn', title: 'copy.copiedOn', width: 110, value: (r) => r.copiedOn },
    { key: 'content', title: 'copy.content', width: 90, value: (r, c) => c.t(`content.${r.content}`) },
    { key: 'description', title: 'copy.description', width: 220, grow: true, value: (r) => r.description },
    { key: 'purpose', title: 'copy.purpose', width: 150, grow: true, value: (r) => r.purpose },
    { key: 'copiedBy', title: 'copy.copiedBy', width: 90, value: (r) => r.copiedBy },
    { key: 'approvalRef', title: 'copy.approvalRef', width: 120, value: (r) => r.approvalRef },
    { key: 'automatic', title: 'copy.automatic', width: 90, value: (r, c) => c.t(r.automatic ? 'copy.auto' : 'copy.manual') },
  ],
  defaultSort: { key: 'copiedOn', order: 'descend' },
  filters: [{ key: 'automatic', label: 'copy.automatic', options: [{ value: 'auto', label: 'copy.auto' }, { value: 'manual', label: 'copy.manual' }], test: (r, v) => (v === 'auto') === r.automatic }],
  paper: { title: 'paper.title.copies', period: 'year', day: (r) => r.copiedOn, Form: CopyFilingForm },
  headline: (r) => `${r.copiedOn} ${r.description}`,
};
