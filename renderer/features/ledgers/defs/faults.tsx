import { FAULT_CAUSES, outsideBand } from '../../../../shared/rules/faultSla';
import type { Fault } from '../../../../shared/ledgers/fault';
import { faultStage } from '../../../../shared/ledgers/faultStages';
import { formatDateTime } from '../../../ui/format';
import { FaultPanel } from '../panels/FaultPanel';
import { RepairSheet, repairSheetFileName } from '../paper/RepairSheet';
import type { LedgerDef } from '../types';
import { assess, consequenceText, outsideBandQuestion, SLA_TONE, slaText } from './faultText';
import { faultMilestones, faultSteps, minuteNow, STAGE_TONE, stageText } from './faultSteps';

/** 故障报修与维修单 (第十三条, 第四十四条(一)). */
export const faultLedger: LedgerDef<Fault> = {
  table: 'faults',
  title: 'fault.title',
  rule: 'fault.rule',
  noun: 'fault.noun',
  view: 'ledgers.view',
  edit: 'faults.write',
  fields: [
    { name: 'reportedAt', label: 'fault.reportedAt', kind: 'datetime', required: true, section: 'fault.section.report' },
    { name: 'reporter', label: 'fault.reporter', kind: 'text', required: true, max: 30 },
    { name: 'maintainerId', label: 'fault.maintainer', kind: 'maintainer', required: true },
    { name: 'description', label: 'fault.description', kind: 'textarea', required: true, max: 500, wide: true },
    { name: 'deviceIds', label: 'fault.devices', kind: 'devices', wide: true },
    { name: 'urges', label: 'fault.urges', kind: 'times', help: 'fault.urgesHelp', section: 'fault.section.progress' },
    { name: 'arrivedAt', label: 'fault.arrivedAt', kind: 'datetime', nullable: true },
    { name: 'resolvedAt', label: 'fault.resolvedAt', kind: 'datetime', nullable: true, help: 'fault.resolvedHelp' },
    { name: 'resolution', label: 'fault.resolution', kind: 'textarea', max: 500, wide: true },
    { name: 'cause', label: 'fault.cause', kind: 'select', options: FAULT_CAUSES, nullable: true, section: 'fault.section.sheet' },
    { name: 'serious', label: 'fault.serious', kind: 'check', visibleWhen: (v) => v.cause === 'misoperation' },
    { name: 'sheetWork', label: 'fault.sheetWork', kind: 'textarea', max: 500, wide: true },
    { name: 'sheetSentOn', label: 'fault.sheetSentOn', kind: 'date' },
    { name: 'decidedPct', label: 'fault.decidedPct', kind: 'number', min: 0, max: 100, help: 'fault.decidedHelp', section: 'fault.section.decision' },
  ],
  empty: (ctx) => ({
    reportedAt: minuteNow(),
    reporter: ctx.me,
    description: '',
    deviceIds: [],
    maintainerId: [...ctx.maintainers.values()].find((m) => m.retiredAt === null)?.id ?? '',
    urges: [],
    arrivedAt: null,
    resolvedAt: null,
    resolution: '',
    cause: null,
    serious: false,
    sheetWork: '',
    sheetSentOn: '',
    decidedPct: null,
  }),
  columns: [
    { key: 'reportedAt', title: 'fault.reportedAt', width: 128, value: (r) => formatDateTime(r.reportedAt) },
    { key: 'maintainer', title: 'fault.maintainer', width: 110, grow: true, value: (r, c) => c.maintainers.get(r.maintainerId)?.name ?? '' },
    { key: 'description', title: 'fault.description', width: 140, grow: true, value: (r) => r.description },
    {
      key: 'sla',
      title: 'fault.sla',
      width: 128,
      value: (r, c) => slaText(assess(r, c), c),
      render: (r, c) => {
        const a = assess(r, c);
        return <span className={`zw-tag ${SLA_TONE[a.state]}`} data-testid="sla">{slaText(a, c)}</span>;
      },
    },
    { key: 'deadline', title: 'fault.deadline', width: 128, value: (r, c) => formatDateTime(assess(r, c).deadline) },
    { key: 'urges', title: 'fault.urgeCount', width: 64, value: (r, c) => assess(r, c).urges },
    {
      key: 'status',
      title: 'fault.status',
      width: 100,
      value: (r, c) => stageText(r, c),
      render: (r, c) => <span className={`zw-tag ${STAGE_TONE[faultStage(r)]}`} data-testid="stage">{stageText(r, c)}</span>,
    },
    { key: 'cause', title: 'fault.cause', width: 100, value: (r, c) => (r.cause ? c.t(`cause.${r.cause}`) : '') },
    {
      key: 'consequence',
      title: 'fault.consequence',
      width: 150,
      value: (r, c) => consequenceText(assess(r, c), c),
      render: (r, c) => {
        const text = consequenceText(assess(r, c), c);
        const a = assess(r, c);
        return text ? <span className={`zw-tag ${a.proposed || a.notice ? 'red' : ''}`} title={text} data-testid="consequence">{text}</span> : '—';
      },
    },
    {
      key: 'decidedPct',
      title: 'fault.decidedPct',
      width: 76,
      value: (r) => r.decidedPct,
      render: (r, c) =>
        outsideBand(r.decidedPct, assess(r, c).proposed) ? (
          <span className="zw-tag orange" title={c.t('fault.outsideBand')}>
            {r.decidedPct}% · {c.t('fault.outsideBandShort')}
          </span>
        ) : (
          r.decidedPct ?? ''
        ),
    },
  ],
  defaultSort: { key: 'reportedAt', order: 'descend' },
  filters: [
    {
      key: 'state',
      label: 'fault.status',
      options: [
        { value: 'open', label: 'fault.open' },
        { value: 'closed', label: 'fault.closed' },
        { value: 'overdue', label: 'fault.filter.overdue' },
      ],
      test: (r, v, c) => (v === 'open' ? r.resolvedAt === null : v === 'closed' ? r.resolvedAt !== null : assess(r, c).state === 'overdue' || assess(r, c).state === 'late'),
    },
  ],
  steps: faultSteps,
  milestones: faultMilestones,
  panel: FaultPanel,
  recordPaper: { title: 'paper.title.repair', fileName: repairSheetFileName, Form: RepairSheet },
  confirmSave: outsideBandQuestion,
  rowClassName: (r, c) => (assess(r, c).state === 'overdue' ? 'row-violation' : ''),
  headline: (r, c) => `${c.t('fault.noun')} ${formatDateTime(r.reportedAt)} ${r.description.slice(0, 20)}`,
};
