import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Drawer, Empty, Table, Tabs, Tag, Typography } from 'antd';
import { UnitCheckinSlots } from './UnitCheckinSlots';
import { isolationViolation, type Device } from '../../../shared/domain/device';
import type { Checkin } from '../../../shared/domain/checkin';
import type { UnitProfile } from '../../../shared/domain/unit';
import type { Maintainer } from '../../../shared/ledgers/maintainer';
import type { LedgerRecord } from '../../db/ledgers';
import type { CalendarRecord, ScheduleRecord } from '../../db/schema';
import type { UnitSummary } from '../../../shared/console/summary';
import { isAttachable, type Attachment } from '../../../shared/attachments/attachment';
import { AttachmentsSection } from '../ledgers/AttachmentsSection';
import { formatDateTime } from '../../ui/format';
import { useT, type MessageKey } from '../../i18n';
import { copyLedger, dutyLedger, faultLedger, incidentLedger, inspectionLedger, maintainerLedger, scanLedger, trainingLedger } from '../ledgers/defs';
import type { LedgerContext, LedgerDef } from '../ledgers/types';
import type { ConsoleSource } from './consoleSource';
import { PgProblem } from './useConsoleSource';

const LEDGERS = [dutyLedger, faultLedger, scanLedger, incidentLedger, inspectionLedger, trainingLedger, copyLedger, maintainerLedger] as unknown as LedgerDef[];

/** What every list in the drawer shares: small rows keyed by record id, twenty to a page. */
const READ_ONLY_TABLE = { size: 'small', rowKey: 'id', pagination: { pageSize: 20, size: 'small', hideOnSinglePage: true } } as const;

interface Loaded {
  unit: UnitProfile | undefined;
  devices: Device[];
  checkins: Checkin[];
  calendars: CalendarRecord[];
  schedule: ScheduleRecord | undefined;
  ledgers: Map<string, LedgerRecord[]>;
  /** Received attachment records by the record they belong to. */
  attachments: Map<string, Attachment[]>;
}

function byOwner(list: readonly Attachment[]): Map<string, Attachment[]> {
  const out = new Map<string, Attachment[]>();
  for (const a of list) out.set(a.ownerId, [...(out.get(a.ownerId) ?? []), a]);
  return out;
}

/**
 * Any unit's records as received, read-only: the register, the check-ins and
 * every declared ledger, shown with the same columns the unit itself sees.
 */
export function UnitRecordsDrawer({ unit: row, source, onClose }: { unit: UnitSummary | null; source: ConsoleSource | null; onClose: () => void }) {
  const t = useT();
  const [data, setData] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const unitId = row?.unitId ?? null;

  useEffect(() => {
    setData(null);
    setProblem(null);
    if (!unitId || !source) return;
    let live = true;
    source.unitRecords(unitId).then(
      (tables) => {
        const of = <R,>(table: keyof typeof tables) => (tables[table] ?? []) as unknown as R[];
        // A unit's profile and schedule are the records whose id is the unit's.
        const unit = of<UnitProfile>('units').find((u) => u.id === unitId);
        const schedule = of<ScheduleRecord>('schedules').find((x) => x.id === unitId);
        if (live)
          setData({
            unit,
            devices: of<Device>('devices'),
            checkins: of<Checkin>('checkins'),
            calendars: of<CalendarRecord>('calendars'),
            schedule,
            ledgers: new Map(LEDGERS.map((d) => [d.table, of<LedgerRecord>(d.table)])),
            attachments: byOwner(of<Attachment>('attachments')),
          });
      },
      (e: unknown) => live && setProblem(e),
    );
    return () => {
      live = false;
    };
  }, [unitId, source]);

  const ctx: LedgerContext | null = useMemo(() => {
    if (!data?.unit) return null;
    const devices = new Map(data.devices.map((d) => [d.id, d]));
    const maintainers = new Map((data.ledgers.get('maintainers') ?? []).map((m) => [m.id, m as unknown as Maintainer]));
    return { t, unit: data.unit, devices, activeDevices: data.devices.filter((d) => d.retiredAt === null), maintainers, me: '', names: new Map(), ranges: [], now: Date.now() };
  }, [data, t]);

  const tab = (key: string, label: MessageKey, n: number, body: ReactNode) => ({ key, label: `${t(label)}（${n}）`, children: n === 0 ? <Empty description={t('console.unit.noRecords')} /> : body });

  const items =
    data && ctx
      ? [
          tab(
            'devices',
            'table.devices',
            data.devices.length,
            <Table<Device>
              {...READ_ONLY_TABLE}
              dataSource={data.devices}
              columns={[
                { title: t('device.ip'), dataIndex: 'ip', width: 130 },
                { title: t('device.mac'), dataIndex: 'mac', width: 160, render: (v: string) => <span className="mono">{v}</span> },
                { title: t('device.owner'), dataIndex: 'owner' },
                { title: t('device.office'), dataIndex: 'office' },
                { title: t('device.status'), key: 'status', render: (_, d) => (d.retiredAt !== null ? <Tag>{t('device.status.retired')}</Tag> : t(`device.status.${d.status}`)) },
                { title: t('console.units.violations'), key: 'violation', render: (_, d) => (isolationViolation(d) ? <Tag color="red">{t('device.violation')}</Tag> : null) },
              ]}
            />,
          ),
          tab(
            'checkins',
            'table.checkins',
            data.checkins.length,
            <>
            <UnitCheckinSlots checkins={data.checkins} calendars={data.calendars} schedule={data.schedule} lastEntryAt={row?.lastEntryAt ?? null} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('console.unit.allCheckins')}</Typography.Title>
            <Table<Checkin>
              {...READ_ONLY_TABLE}
              dataSource={data.checkins}
              columns={[
                { title: t('checkin.at'), dataIndex: 'at', render: (v: number) => formatDateTime(v) },
                { title: t('console.unit.officer'), key: 'officer', render: (_, c) => c.officerName ?? '—' },
                { title: t('checkin.docsReceived'), dataIndex: 'docsReceived', render: (v: number | null) => v ?? '—' },
                { title: t('checkin.docsHandled'), dataIndex: 'docsHandled', render: (v: number | null) => v ?? '—' },
                { title: t('checkin.backfill'), dataIndex: 'backfilled', render: (v: boolean, c) => (v ? <Tag color="orange" title={c.backfillReason ?? ''}>{t('checkin.backfill')}</Tag> : null) },
              ]}
            />
            </>,
          ),
          ...LEDGERS.map((def) => {
            const rows = data.ledgers.get(def.table) ?? [];
            const owner = def.table;
            const attached = (r: LedgerRecord) => data.attachments.get(r.id) ?? [];
            const columns = def.columns.map((c) => ({ key: c.key, title: t(c.title), width: c.width, render: (_: unknown, r: LedgerRecord) => (c.render ? c.render(r, ctx) : c.value(r, ctx)) }));
            return tab(
              def.table,
              def.title,
              rows.length,
              <Table<LedgerRecord>
                {...READ_ONLY_TABLE}
                dataSource={rows}
                scroll={{ x: true }}
                rowClassName={(r) => (r.retiredAt !== null ? 'row-retired' : '')}
                columns={
                  isAttachable(owner)
                    ? [...columns, { key: 'attachments', title: t('attachBundle.column'), width: 70, render: (_: unknown, r: LedgerRecord) => attached(r).filter((a) => a.retiredAt === null).length || '—' }]
                    : columns
                }
                expandable={
                  isAttachable(owner)
                    ? {
                        rowExpandable: (r) => attached(r).length > 0,
                        expandedRowRender: (r) => (
                          <AttachmentsSection owner={owner} recordId={r.id} ctx={ctx} canEdit={false} source={{ list: async () => attached(r), read: (a) => source!.attachmentFile(a) }} />
                        ),
                      }
                    : undefined
                }
              />,
            );
          }),
        ]
      : [];

  return (
    <Drawer open={unitId !== null} onClose={onClose} size={1080} title={t('console.unit.title', { unit: row?.unitName ?? '' })} destroyOnHidden>
      <PgProblem error={problem} />
      {data && <Tabs tabPosition="left" items={items} data-testid="unit-records" />}
    </Drawer>
  );
}
