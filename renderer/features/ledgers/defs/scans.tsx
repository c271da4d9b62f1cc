import { isoDay } from '../../../../shared/calendar/calendar';
import { SCAN_SCOPES, type Scan } from '../../../../shared/ledgers/scan';
import { CoveragePanel } from '../panels/CoveragePanel';
import { ScanForm } from '../paper/ScanForm';
import type { LedgerDef } from '../types';

/** 病毒查杀记录 (第二十二条): one row per device and scan; a sweep of many devices is one entry. */
export const scanLedger: LedgerDef<Scan> = {
  table: 'scans',
  title: 'scan.title',
  rule: 'scan.rule',
  noun: 'scan.noun',
  view: 'ledgers.view',
  edit: 'ledgers.write',
  fanOut: { from: 'deviceIds', to: 'deviceId' },
  fields: [
    { name: 'deviceId', label: 'scan.device', kind: 'device', required: true, wide: true, help: 'scan.deviceHelp' },
    { name: 'scannedOn', label: 'scan.scannedOn', kind: 'date', required: true },
    { name: 'scope', label: 'scan.scope', kind: 'select', options: SCAN_SCOPES, optionPrefix: 'scope', required: true },
    { name: 'tool', label: 'scan.tool', kind: 'text', required: true, max: 40 },
    { name: 'signatureVersion', label: 'scan.signatureVersion', kind: 'text', required: true, max: 40 },
    { name: 'signatureDate', label: 'scan.signatureDate', kind: 'date', required: true },
    { name: 'threats', label: 'scan.threats', kind: 'number', required: true, min: 0 },
    { name: 'action', label: 'scan.action', kind: 'textarea', max: 300, wide: true, visibleWhen: (v) => typeof v.threats === 'number' && v.threats > 0, required: true },
    { name: 'resolved', label: 'scan.resolved', kind: 'check', visibleWhen: (v) => typeof v.threats === 'number' && v.threats > 0 },
    { name: 'note', label: 'scan.note', kind: 'text', max: 200, wide: true },
  ],
  empty: (ctx) => ({ deviceId: '', scannedOn: isoDay(new Date(ctx.now)), tool: '', signatureVersion: '', signatureDate: '', scope: 'full', threats: 0, action: '', resolved: false, note: '' }),
  columns: [
    { key: 'scannedOn', title: 'scan.scannedOn', width: 110, value: (r) => r.scannedOn },
    { key: 'ip', title: 'device.ip', width: 120, value: (r, c) => c.devices.get(r.deviceId)?.ip ?? '' },
    { key: 'owner', title: 'device.owner', width: 100, value: (r, c) => c.devices.get(r.deviceId)?.owner ?? '' },
    { key: 'tool', title: 'scan.tool', width: 120, grow: true, value: (r) => r.tool },
    { key: 'signatureVersion', title: 'scan.signatureVersion', width: 120, value: (r) => r.signatureVersion },
    { key: 'signatureDate', title: 'scan.signatureDate', width: 110, value: (r) => r.signatureDate },
    { key: 'scope', title: 'scan.scope', width: 80, value: (r, c) => c.t(`scope.${r.scope}`) },
    {
      key: 'threats',
      title: 'scan.threats',
      width: 80,
      value: (r) => r.threats,
      render: (r) => (r.threats > 0 ? <span className={`zw-tag ${r.resolved ? 'orange' : 'red'}`}>{r.threats}</span> : '0'),
    },
    { key: 'action', title: 'scan.action', width: 160, grow: true, value: (r) => r.action },
  ],
  defaultSort: { key: 'scannedOn', order: 'descend' },
  filters: [
    {
      key: 'threats',
      label: 'scan.threats',
      options: [
        { value: 'found', label: 'scan.filter.found' },
        { value: 'unresolved', label: 'scan.filter.unresolved' },
      ],
      test: (r, v) => (v === 'found' ? r.threats > 0 : r.threats > 0 && !r.resolved),
    },
  ],
  panel: CoveragePanel,
  paper: { title: 'paper.title.scans', period: 'range', day: (r) => r.scannedOn, Form: ScanForm },
  rowClassName: (r) => (r.threats > 0 && !r.resolved ? 'row-violation' : ''),
  headline: (r, c) => `${c.t('scan.noun')} ${r.scannedOn} ${c.devices.get(r.deviceId)?.ip ?? ''}`,
};
