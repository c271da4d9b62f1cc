import { isoDay } from '../../../../shared/calendar/calendar';
import { DEFAULT_CHECKLIST, INSPECTION_PARTIES, type Inspection } from '../../../../shared/ledgers/inspection';
import type { LedgerDef } from '../types';

/** 巡检 (第十一条). */
export const inspectionLedger: LedgerDef<Inspection> = {
  table: 'inspections',
  title: 'inspection.title',
  rule: 'inspection.rule',
  noun: 'inspection.noun',
  view: 'ledgers.view',
  edit: 'ledgers.write',
  fields: [
    { name: 'inspectedOn', label: 'inspection.inspectedOn', kind: 'date', required: true },
    { name: 'party', label: 'inspection.party', kind: 'select', options: INSPECTION_PARTIES, optionPrefix: 'party', required: true },
    { name: 'inspectors', label: 'inspection.inspectors', kind: 'text', required: true, max: 60, wide: true },
    { name: 'checklist', label: 'inspection.checklist', kind: 'checklist' },
    { name: 'findings', label: 'inspection.findings', kind: 'textarea', max: 1000, wide: true, help: 'inspection.findingsHelp' },
    { name: 'followUp', label: 'inspection.followUp', kind: 'textarea', max: 500, wide: true },
    { name: 'followUpDone', label: 'inspection.followUpDone', kind: 'check' },
  ],
  empty: (ctx) => ({
    inspectedOn: isoDay(new Date(ctx.now)),
    party: 'office',
    inspectors: '',
    checklist: DEFAULT_CHECKLIST.map((item) => ({ item: ctx.t(`check.${item}`), result: 'ok', note: '' })),
    findings: '',
    followUp: '',
    followUpDone: false,
  }),
  columns: [
    { key: 'inspectedOn', title: 'inspection.inspectedOn', width: 110, value: (r) => r.inspectedOn },
    { key: 'party', title: 'inspection.party', width: 110, value: (r, c) => c.t(`party.${r.party}`) },
    { key: 'inspectors', title: 'inspection.inspectors', width: 130, value: (r) => r.inspectors },
    {
      key: 'issues',
      title: 'inspection.issues',
      width: 90,
      value: (r) => r.checklist.filter((c) => c.result === 'issue').length,
      render: (r) => {
        const n = r.checklist.filter((c) => c.result === 'issue').length;
        return <span className={`zw-tag ${n > 0 ? 'orange' : 'green'}`}>{n}</span>;
      },
    },
    { key: 'findings', title: 'inspection.findings', width: 200, grow: true, value: (r) => r.findings },
    { key: 'followUp', title: 'inspection.followUp', width: 160, grow: true, value: (r) => r.followUp },
    { key: 'followUpDone', title: 'inspection.followUpDone', width: 90, value: (r, c) => c.t(r.followUpDone ? 'common.yes' : 'common.no') },
  ],
  defaultSort: { key: 'inspectedOn', order: 'descend' },
  filters: [{ key: 'open', label: 'inspection.followUpDone', options: [{ value: 'open', label: 'inspection.followUpOpen' }], test: (r) => r.findings !== '' && !r.followUpDone }],
  headline: (r, c) => `${c.t('inspection.noun')} ${r.inspectedOn} ${c.t(`party.${r.party}`)}`,
};
