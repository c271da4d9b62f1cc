import { isoDay } from '../../../../shared/calendar/calendar';
import { DUTY_SHIFTS, EQUIPMENT_STATES, type DutyLog } from '../../../../shared/ledgers/duty';
import { formatDateTime } from '../../../ui/format';
import { DutyMonthPanel } from '../panels/DutyMonthPanel';
import { DutyLogForm } from '../paper/DutyLogForm';
import type { LedgerDef } from '../types';

/** 值班日志 (第十二条, 第二十三条). */
export const dutyLedger: LedgerDef<DutyLog> = {
  table: 'dutyLogs',
  title: 'duty.title',
  rule: 'duty.rule',
  noun: 'duty.noun',
  view: 'ledgers.view',
  edit: 'duty.write',
  fields: [
    { name: 'date', label: 'duty.date', kind: 'date', required: true },
    { name: 'shift', label: 'duty.shift', kind: 'select', options: DUTY_SHIFTS, optionPrefix: 'duty.shift', required: true },
    { name: 'staff', label: 'duty.staff', kind: 'text', required: true, max: 60, help: 'duty.staffHelp' },
    { name: 'equipment', label: 'duty.equipment', kind: 'select', options: EQUIPMENT_STATES, optionPrefix: 'duty.equipment', required: true },
    { name: 'abnormality', label: 'duty.abnormality', kind: 'textarea', max: 300, wide: true, required: true, visibleWhen: (v) => v.equipment === 'abnormal' },
    { name: 'events', label: 'duty.events', kind: 'textarea', max: 1000, wide: true },
    { name: 'faults', label: 'duty.faults', kind: 'textarea', max: 300, wide: true, help: 'duty.faultsHelp' },
    { name: 'handover', label: 'duty.handover', kind: 'textarea', max: 500, wide: true },
  ],
  empty: (ctx) => ({ date: isoDay(new Date(ctx.now)), shift: 'day', staff: ctx.me, equipment: 'normal', abnormality: '', events: '', faults: '', handover: '' }),
  columns: [
    { key: 'date', title: 'duty.date', width: 110, value: (r) => r.date },
    { key: 'shift', title: 'duty.shift', width: 80, value: (r, c) => c.t(`duty.shift.${r.shift}`) },
    { key: 'staff', title: 'duty.staff', width: 110, value: (r) => r.staff },
    {
      key: 'equipment',
      title: 'duty.equipment',
      width: 200,
      grow: true,
      value: (r, c) => (r.equipment === 'normal' ? c.t('duty.equipment.normal') : `${c.t('duty.equipment.abnormal')}：${r.abnormality}`),
      render: (r, c) => (r.equipment === 'normal' ? <span className="zw-tag green">{c.t('duty.equipment.normal')}</span> : <span className="zw-tag red" title={r.abnormality}>{c.t('duty.equipment.abnormal')}：{r.abnormality}</span>),
    },
    { key: 'events', title: 'duty.events', width: 200, grow: true, value: (r) => r.events },
    { key: 'handover', title: 'duty.handover', width: 160, grow: true, value: (r) => r.handover },
    { key: 'updatedAt', title: 'ledger.updatedAt', width: 130, value: (r) => formatDateTime(r.updatedAt) },
  ],
  defaultSort: { key: 'date', order: 'descend' },
  filters: [
    {
      key: 'equipment',
      label: 'duty.equipment',
      options: [
        { value: 'normal', label: 'duty.equipment.normal' },
        { value: 'abnormal', label: 'duty.equipment.abnormal' },
      ],
      test: (r, v) => r.equipment === v,
    },
  ],
  panel: DutyMonthPanel,
  paper: { title: 'paper.title.duty', period: 'month', day: (r) => r.date, Form: DutyLogForm },
  rowClassName: (r) => (r.equipment === 'abnormal' ? 'row-violation' : ''),
  headline: (r, c) => `${c.t('duty.noun')} ${r.date} ${c.t(`duty.shift.${r.shift}`)}`,
};
