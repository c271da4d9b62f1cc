import type { Maintainer } from '../../../../shared/ledgers/maintainer';
import type { LedgerDef } from '../types';

/** The telecom maintainer branches, and the monthly lease fee a deduction is a share of (第四十四条(一)). */
export const maintainerLedger: LedgerDef<Maintainer> = {
  table: 'maintainers',
  title: 'maintainer.title',
  rule: 'maintainer.rule',
  noun: 'maintainer.noun',
  view: 'ledgers.view',
  edit: 'ledgers.write',
  fields: [
    { name: 'name', label: 'maintainer.name', kind: 'text', required: true, max: 60, wide: true },
    { name: 'contact', label: 'maintainer.contact', kind: 'text', max: 30 },
    { name: 'phone', label: 'maintainer.phone', kind: 'text', max: 20 },
    { name: 'monthlyFee', label: 'maintainer.monthlyFee', kind: 'number', required: true, min: 0, help: 'maintainer.feeHelp' },
  ],
  empty: () => ({ name: '', contact: '', phone: '', monthlyFee: null }),
  columns: [
    { key: 'name', title: 'maintainer.name', width: 220, grow: true, value: (r) => r.name },
    { key: 'contact', title: 'maintainer.contact', width: 110, value: (r) => r.contact },
    { key: 'phone', title: 'maintainer.phone', width: 130, value: (r) => r.phone },
    { key: 'monthlyFee', title: 'maintainer.monthlyFee', width: 130, value: (r) => r.monthlyFee },
  ],
  defaultSort: { key: 'name', order: 'ascend' },
  headline: (r) => r.name,
};
