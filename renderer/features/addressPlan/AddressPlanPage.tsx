import { useMemo, useState } from 'react';
import { Button, Empty, Pagination, Select, Space, Table, Tag, Typography } from 'antd';
import { blocksOf, isHost, numberToIpv4, addressState, type AddressState, type RangeUsage } from '../../../shared/rules/addressPlan';
import { useT } from '../../i18n';
import { useCan } from '../../state/session';
import { PageHead } from '../../ui/PageHead';
import { DeviceFormDrawer } from '../devices/DeviceFormDrawer';
import { useDeviceView } from '../devices/deviceViewStore';
import { useAddressPlan, type AddressPlan, type StaleDevice } from './useAddressPlan';

const STATES: readonly AddressState[] = ['inUse', 'stale', 'conflict', 'retired', 'free'];

/** The address plan (IPAM): each range the office assigned, its addresses by state, and the next free one. */
export function AddressPlanPage() {
  const t = useT();
  const canEdit = useCan('devices.edit');
  const plan = useAddressPlan();
  const [rangeIndex, setRangeIndex] = useState(0);
  const [registering, setRegistering] = useState<string>();
  const openView = useDeviceView((v) => v.open);
  // The device's own page belongs to the register: open it there.
  const showDevice = (id: string) => {
    openView(id);
    window.location.hash = '/devices';
  };

  const usage = plan.usage[Math.min(rangeIndex, plan.usage.length - 1)];

  return (
    <div className="page address-plan" data-testid="address-plan" data-ready={!plan.loading || undefined}>
      <PageHead title={t('ipam.title')} rule={t('ipam.rule')} />
      {plan.ranges.length === 0 ? (
        <Empty description={t('ipam.noRanges')} />
      ) : (
        <div className="address-plan-body">
          <RangeTable usage={plan.usage} selected={rangeIndex} onSelect={setRangeIndex} canEdit={canEdit} onRegister={setRegistering} />
          {plan.outside > 0 && (
            <Tag color="orange" data-testid="ipam-outside">
              {t('ipam.outside', { n: plan.outside })}
            </Tag>
          )}
          {usage && <RangeGrid key={usage.range.text} usage={usage} plan={plan} canEdit={canEdit} onDevice={showDevice} onFree={setRegistering} />}
          <StaleList devices={plan.staleDevices} onOpen={showDevice} loading={plan.loading} />
        </div>
      )}
      <DeviceFormDrawer open={registering !== undefined} device={undefined} presetIp={registering} onClose={() => setRegistering(undefined)} />
    </div>
  );
}

function RangeTable({ usage, selected, onSelect, canEdit, onRegister }: { usage: readonly RangeUsage[]; selected: number; onSelect: (i: number) => void; canEdit: boolean; onRegister: (ip: string) => void }) {
  const t = useT();
  return (
    <Table<RangeUsage & { index: number }>
      size="small"
      rowKey="index"
      pagination={false}
      dataSource={usage.map((u, index) => ({ ...u, index }))}
      rowClassName={(u) => (u.index === selected ? 'row-selected' : '')}
      onRow={(u) => ({ onClick: () => onSelect(u.index), style: { cursor: 'pointer' } })}
      columns={[
        { key: 'range', title: t('ipam.rangeColumn'), render: (_, u) => <span className="mono">{u.range.text}</span> },
        { key: 'hosts', title: t('ipam.hosts'), align: 'right', render: (_, u) => u.hosts.toLocaleString('zh-CN') },
        { key: 'used', title: t('ipam.used'), align: 'right', render: (_, u) => u.used.toLocaleString('zh-CN') },
        { key: 'free', title: t('ipam.free'), align: 'right', render: (_, u) => u.free.toLocaleString('zh-CN') },
        { key: 'conflicts', title: t('ipam.conflicts'), align: 'right', render: (_, u) => (u.conflicts > 0 ? <Tag color="red">{u.conflicts}</Tag> : 0) },
        { key: 'stale', title: t('ipam.stale'), align: 'right', render: (_, u) => (u.stale > 0 ? <Tag color="gold">{u.stale}</Tag> : 0) },
        {
          key: 'next',
          title: t('ipam.nextFree'),
          render: (_, u) =>
            u.nextFree === null ? (
              <Typography.Text type="secondary">{t('ipam.full')}</Typography.Text>
            ) : (
              <Space>
                <span className="mono" data-testid="ipam-next-free">{u.nextFree}</span>
                {canEdit && (
                  <Button
                    size="small"
                    onClick={(e) => {
                      e.stopPropagation();
                      onRegister(u.nextFree!);
                    }}
                  >
                    {t('ipam.registerAt')}
                  </Button>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}

/**
 * One /24 of the chosen range at a time: 256 cells whatever the range's
 * size, so a /16 is paged, never drawn as 65,536 elements.
 */
function RangeGrid({ usage, plan, canEdit, onDevice, onFree }: { usage: RangeUsage; plan: AddressPlan; canEdit: boolean; onDevice: (id: string) => void; onFree: (ip: string) => void }) {
  const t = useT();
  const blocks = useMemo(() => blocksOf(usage.range), [usage.range]);
  const [page, setPage] = useState(0);
  const block = blocks[Math.min(page, blocks.length - 1)]!;
  const cells = useMemo(() => {
    const list: { n: number; host: boolean; state: AddressState; ids: string[] }[] = [];
    for (let n = block.first; n <= block.last; n++) list.push({ n, host: isHost(usage.range, n), state: addressState(plan.book, n, plan.stale), ids: plan.book.active.get(n) ?? [] });
    return list;
  }, [block, usage.range, plan.book, plan.stale]);
  const counts = useMemo(() => {
    const c: Record<AddressState, number> = { inUse: 0, stale: 0, conflict: 0, retired: 0, free: 0 };
    for (const cell of cells) if (cell.host) c[cell.state] += 1;
    return c;
  }, [cells]);

  return (
    <section className="ipam-grid-box">
      <Space wrap className="ipam-grid-head">
        <Typography.Text strong>{t('ipam.range', { range: usage.range.text })}</Typography.Text>
        {blocks.length > 1 && (
          <>
            <Select
              size="small"
              style={{ width: 190 }}
              aria-label={t('ipam.block')}
              showSearch={{ optionFilterProp: 'label' }}
              value={page}
              onChange={setPage}
              options={blocks.map((b, i) => ({ value: i, label: b.label }))}
            />
            <Pagination simple size="small" showSizeChanger={false} current={page + 1} total={blocks.length} pageSize={1} onChange={(p) => setPage(p - 1)} />
          </>
        )}
        <span className="ipam-legend">
          {STATES.map((s) => (
            <span key={s} className="ipam-legend-item">
              <span className={`ipam-swatch ${s}`} />
              {t(`ipam.state.${s}`)} {counts[s]}
            </span>
          ))}
        </span>
      </Space>
      <div className="ipam-grid" role="grid" aria-label={block.label} data-testid="ipam-grid">
        {cells.map((cell) => {
          const ip = numberToIpv4(cell.n);
          const device = cell.ids.length > 0 ? plan.byId.get(cell.ids[0]!) : undefined;
          const title = !cell.host ? ip : device ? t('ipam.cellDevice', { ip, state: t(`ipam.state.${cell.state}`), owner: device.owner, office: device.office }) : t('ipam.cell', { ip, state: t(`ipam.state.${cell.state}`) });
          const clickable = cell.host && (device !== undefined || canEdit);
          return (
            <button
              key={cell.n}
              type="button"
              role="gridcell"
              className={`ipam-cell ${cell.host ? cell.state : 'reserved'}`}
              title={title}
              aria-label={title}
              disabled={!clickable}
              onClick={() => (device ? onDevice(device.id) : onFree(ip))}
            >
              {cell.n % 256}
            </button>
          );
        })}
      </div>
    </section>
  );
}

function StaleList({ devices, onOpen, loading }: { devices: readonly StaleDevice[]; onOpen: (id: string) => void; loading: boolean }) {
  const t = useT();
  return (
    <section>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('ipam.staleList')}（{devices.length}）
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ipam.staleHelp')}</Typography.Paragraph>
      <Table<StaleDevice>
        size="small"
        loading={loading}
        rowKey={(s) => s.device.id}
        dataSource={devices as StaleDevice[]}
        pagination={devices.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        onRow={(s) => ({ onClick: () => onOpen(s.device.id), style: { cursor: 'pointer' } })}
        data-testid="ipam-stale"
        columns={[
          { key: 'ip', title: t('device.ip'), render: (_, s) => <span className="mono">{s.device.ip}</span> },
          { key: 'owner', title: t('device.owner'), render: (_, s) => s.device.owner },
          { key: 'office', title: t('device.office'), render: (_, s) => s.device.office },
          { key: 'lastScan', title: t('ipam.lastSeen'), render: (_, s) => s.lastScan ?? t('deviceView.neverScanned') },
        ]}
      />
    </section>
  );
}
