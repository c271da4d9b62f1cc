import { INCIDENT_KINDS, type Incident } from '../../../../shared/ledgers/incident';
import { formatDateTime } from '../../../ui/format';
import type { LedgerDef } from '../types';

/** 安全事件 (第九条, 第十七条). */
export const incidentLedger: LedgerDef<Incident> = {
  table: 'incidents',
  title: 'incident.title',
  rule: 'incident.rule',
  noun: 'incident.noun',
  view: 'ledgers.view',
  edit: 'ledgers.write',
  fields: [
    { name: 'occurredAt', label: 'incident.occurredAt', kind: 'datetime', required: true },
    { name: 'kind', label: 'incident.kind', kind: 'select', options: INCIDENT_KINDS, optionPrefix: 'kind', required: true },
    { name: 'title', label: 'incident.name', kind: 'text', required: true, max: 100, wide: true },
    { name: 'description', label: 'incident.description', kind: 'textarea', required: true, max: 1000, wide: true },
    { name: 'deviceIds', label: 'incident.devices', kind: 'devices', wide: true },
    { name: 'protection', label: 'incident.protection', kind: 'textarea', max: 500, wide: true, help: 'incident.protectionHelp' },
    { name: 'reportedTo', label: 'incident.reportedTo', kind: 'text', max: 100, help: 'incident.reportedToHelp' },
    { name: 'reportedAt', label: 'incident.reportedAt', kind: 'datetime', nullable: true },
    { name: 'outcome', label: 'incident.outcome', kind: 'textarea', max: 500, wide: true },
  ],
  empty: (ctx) => ({ occurredAt: Math.floor(ctx.now / 60_000) * 60_000, kind: 'virus', title: '', description: '', deviceIds: [], protection: '', reportedTo: '', reportedAt: null, outcome: '' }),
  columns: [
    { key: 'occurredAt', title: 'incident.occurredAt', width: 130, value: (r) => formatDateTime(r.occurredAt) },
    { key: 'kind', title: 'incident.kind', width: 90, value: (r, c) => c.t(`kind.${r.kind}`) },
    { key: 'title', title: 'incident.name', width: 180, grow: true, value: (r) => r.title },
    { key: 'devices', title: 'incident.devices', width: 120, value: (r, c) => r.deviceIds.map((id) => c.devices.get(id)?.ip ?? id).join('、') },
    { key: 'reportedTo', title: 'incident.reportedTo', width: 130, value: (r) => r.reportedTo },
    {
      key: 'reportedAt',
      title: 'incident.reportedAt',
      width: 130,
      value: (r) => formatDateTime(r.reportedAt),
      render: (r, c) => (r.reportedAt === null ? <span className="zw-tag red">{c.t('incident.notReported')}</span> : formatDateTime(r.reportedAt)),
    },
    { key: 'outcome', title: 'incident.outcome', width: 160, grow: true, value: (r) => r.outcome },
  ],
  defaultSort: { key: 'occurredAt', order: 'descend' },
  filters: [{ key: 'reported', label: 'incident.reportState', options: [{ value: 'no', label: 'incident.notReported' }, { value: 'yes', label: 'incident.reported' }], test: (r, v) => (v === 'no') === (r.reportedAt === null) }],
  rowClassName: (r) => (r.reportedAt === null ? 'row-violation' : ''),
  headline: (r) => r.title,
};
