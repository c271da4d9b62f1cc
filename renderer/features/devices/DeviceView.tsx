import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Descriptions, Empty, Space, Table, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { Device } from '../../../shared/domain/device';
import type { RecordMeta } from '../../../shared/domain/record';
import type { LedgerTable } from '../../../shared/ledgers/registry';
import { inRanges } from '../../../shared/rules/ipRanges';
import { recordsNamingDevice } from '../../db/deviceRecords';
import { fieldsOf, type LedgerRecord } from '../../db/ledgers';
import { db } from '../../state/db';
import { useCan } from '../../state/session';
import { PageHead } from '../../ui/PageHead';
import { formatDateTime } from '../../ui/format';
import { ChangeHistory, useRecordHistory } from '../ledgers/ChangeHistory';
import { LedgerDetailDrawer } from '../ledgers/LedgerDetailDrawer';
import { faultLedger, incidentLedger, scanLedger } from '../ledgers/defs';
import type { LedgerContext, LedgerDef } from '../ledgers/types';
import { useLedgerContext } from '../ledgers/useLedgerContext';
import { DEVICE_FIELD_LABELS, diffDevice, displayValue } from './deviceFields';
import { useDevices } from './deviceStore';

interface Props {
  id: string;
  onBack: () => void;
  onEdit: (device: Device) => void;
  onRetire: (device: Device) => void;
}

/** The records that name one device, read again whenever the device or a ledger changes. */
function useNamingRecords(unitId: string | undefined, id: string, rev: number | undefined): Map<LedgerTable, LedgerRecord[]> | undefined {
  const [records, setRecords] = useState<Map<LedgerTable, LedgerRecord[]>>();
  useEffect(() => {
    if (!unitId) return;
    let live = true;
    void recordsNamingDevice(db, unitId, id).then((found) => {
      if (live) setRecords(found);
    });
    return () => {
      live = false;
    };
  }, [unitId, id, rev]);
  return records;
}

/**
 * One device on its own page: what is registered, every change to it, and
 * the scans, fault tickets and incidents that name it, with the register's
 * actions.
 */
export function DeviceView({ id, onBack, onEdit, onRetire }: Props) {
  const ctx = useLedgerContext();
  const canEdit = useCan('devices.edit');
  const device = useDevices((s) => s.rows.find((r) => r.device.id === id)?.device);
  const entries = useRecordHistory('devices', device);
  const records = useNamingRecords(device?.unitId, id, device?.rev);
  const [opened, setOpened] = useState<{ def: LedgerDef<RecordMeta>; record: RecordMeta }>();

  if (!ctx) return null;
  const t = ctx.t;
  if (!device) {
    return (
      <div className="page">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('deviceView.back')}
        </Button>
        <Empty description={t('deviceView.notFound')} />
      </div>
    );
  }

  const scans = records?.get('scans') ?? [];
  const lastScan = scans.reduce<string | undefined>((last, s) => {
    const on = String(fieldsOf(s).scannedOn);
    return s.retiredAt === null && (last === undefined || on > last) ? on : last;
  }, undefined);
  const active = device.retiredAt === null;
  const outside = active && ctx.ranges.length > 0 && !inRanges(device.ip, ctx.ranges);

  const fieldItems = Object.entries(DEVICE_FIELD_LABELS)
    .filter(([field]) => active ? !['retiredReason', 'configCleared', 'configClearedBy', 'configClearedAt'].includes(field) : true)
    .map(([field, label]) => ({ key: field, label: t(label), children: displayValue(t, field, fieldsOf(device)[field]) }));
  fieldItems.push({ key: 'lastScan', label: t('deviceView.lastScan'), children: lastScan ?? t('deviceView.neverScanned') });
  if (!active) fieldItems.push({ key: 'retiredAt', label: t('device.status.retired'), children: formatDateTime(device.retiredAt) });

  const tab = <R extends RecordMeta>(def: LedgerDef<R>, rows: readonly LedgerRecord[] | undefined) => ({
    key: def.table,
    label: t('deviceView.recordsOf', { ledger: t(def.title), n: rows?.length ?? 0 }),
    children: <NamingRecords def={def} rows={(rows ?? []) as unknown as R[]} ctx={ctx} onOpen={(record) => setOpened({ def: def as unknown as LedgerDef<RecordMeta>, record })} />,
  });

  return (
    <div className="page device-view" data-testid="device-view">
      <PageHead
        title={t('deviceView.title', { ip: device.ip, owner: device.owner })}
        rule={[t(`device.kind.${device.kind}`), device.office, device.location].filter(Boolean).join(' · ')}
        actions={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
              {t('deviceView.back')}
            </Button>
            {canEdit && active && <Button onClick={() => onEdit(device)}>{t('common.edit')}</Button>}
            {canEdit && active && (
              <Button danger onClick={() => onRetire(device)}>
                {t('device.retire')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="device-view-body">
        <section>
          <Typography.Title level={5}>{t('deviceView.fields')}</Typography.Title>
          {device.retiredAt !== null && <Typography.Paragraph type="danger">{t('device.retiredInfo', { time: formatDateTime(device.retiredAt), reason: device.retiredReason ?? '' })}</Typography.Paragraph>}
          {outside && <Typography.Paragraph type="warning">{t('device.outsideRangeHelp', { ranges: ctx.ranges.map((x) => x.text).join('，') })}</Typography.Paragraph>}
          <Descriptions size="small" column={2} bordered items={fieldItems} />
        </section>
        <section>
          <Tabs
            items={[
              tab(scanLedger, records?.get('scans')),
              tab(faultLedger, records?.get('faults')),
              tab(incidentLedger, records?.get('incidents')),
              { key: 'history', label: `${t('device.history')}（${entries.length}）`, children: <ChangeHistory t={t} entries={entries} names={ctx.names} diff={(before, after) => diffDevice(t, before, after)} /> },
            ]}
          />
        </section>
      </div>
      {opened && <LedgerDetailDrawer def={opened.def} ctx={ctx} record={opened.record} onClose={() => setOpened(undefined)} />}
    </div>
  );
}

/** A ledger's records naming the device, in that ledger's own columns; a row opens the record. */
function NamingRecords<R extends RecordMeta>({ def, rows, ctx, onOpen }: { def: LedgerDef<R>; rows: readonly R[]; ctx: LedgerContext; onOpen: (record: R) => void }) {
  const columns = useMemo(
    () =>
      def.columns
        .filter((c) => !['ip', 'owner', 'devices'].includes(c.key))
        .slice(0, 6)
        .map((c) => ({ key: c.key, title: ctx.t(c.title), render: (_: unknown, r: R): ReactNode => (c.render ? c.render(r, ctx) : c.value(r, ctx)) })),
    [def, ctx],
  );
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ctx.t('deviceView.noRecords')} />;
  return (
    <Table<R>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows as R[]}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      rowClassName={(r) => (r.retiredAt !== null ? 'row-retired' : '')}
      onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' } })}
    />
  );
}
