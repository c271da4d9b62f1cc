import { useEffect, useMemo, useState } from 'react';
import { Button, Input, InputNumber, Space, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { loadSilentDays, saveSilentDays, type UnitSummary } from '../../db/consoleSummary';
import { db } from '../../state/db';
import { entryRange, formatDateTime } from '../../ui/format';
import { useT, type Translate } from '../../i18n';
import { PageHead } from '../../ui/PageHead';
import { useSheetExport } from '../ledgers/useSheetExport';
import { UnitRecordsDrawer } from './UnitRecordsDrawer';
import { PgProblem, PgSourceTag, useConsoleSource } from './useConsoleSource';

const pct = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`);
const gapsText = (t: Translate, u: UnitSummary) => (u.gaps.length === 0 ? t('console.units.noGaps') : u.gaps.map((g) => t('console.units.gapText', { range: entryRange(t, g.from, g.to) })).join('；'));
const when = (t: Translate, v: number | null) => (v === null ? t('console.units.never') : formatDateTime(v));

/** One row per unit from the bundles received: how current, how complete, its register and its check-ins. */
export function ConsoleUnitsPage() {
  const t = useT();
  const exportSheet = useSheetExport();
  const [rows, setRows] = useState<UnitSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<UnitSummary | null>(null);
  const [silentDays, setSilentDays] = useState<number | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const source = useConsoleSource();

  useEffect(() => {
    void loadSilentDays(db).then(setSilentDays);
  }, []);
  useEffect(() => {
    if (silentDays === null || !source) return;
    setProblem(null);
    source.units(Date.now(), silentDays).then(setRows, (e: unknown) => {
      setProblem(e);
      setRows([]);
    });
  }, [silentDays, source]);

  const changeDays = (v: number | null) => {
    if (v === null || !Number.isInteger(v) || v < 1 || v > 366) return;
    setSilentDays(v);
    void saveSilentDays(db, v);
  };

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (rows ?? []).filter((r) => q === '' || r.unitName.toLowerCase().includes(q) || r.unitCode.toLowerCase().includes(q));
  }, [rows, query]);

  const doExport = () => {
    void exportSheet({
      title: t('console.units.sheet'),
      header: [t('console.units.unit'), t('console.keys.code'), t('console.units.lastReceived'), t('console.units.silent'), t('console.units.lastEntry'), t('console.units.gaps'), t('console.units.devices'), t('console.units.violations'), t('console.units.compliance')],
      rows: shown.map((u) => [u.unitName, u.unitCode, when(t, u.lastReceivedAt), u.silent ? t('console.units.silent') : '', when(t, u.lastEntryAt), gapsText(t, u), u.activeDevices, u.violations, pct(u.compliance) ?? t('console.units.noCheckins')]),
    });
  };

  return (
    <div className="page">
      <PageHead
        title={t('console.units.title')}
        rule={t('console.units.rule')}
        actions={
          <Space>
            <PgSourceTag />
            <Space.Compact>
              <Space.Addon>{t('console.units.silentDays')}</Space.Addon>
              <InputNumber min={1} max={366} precision={0} value={silentDays} onChange={changeDays} style={{ width: 80 }} aria-label={t('console.units.silentDays')} />
            </Space.Compact>
            <Input allowClear prefix={<SearchOutlined />} placeholder={t('console.units.search')} value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 220 }} aria-label={t('console.units.search')} />
            <Button icon={<DownloadOutlined />} onClick={doExport} disabled={shown.length === 0}>
              {t('console.units.export')}
            </Button>
          </Space>
        }
      />
      <PgProblem error={problem} />
      <Table<UnitSummary>
        size="small"
        rowKey="unitId"
        loading={rows === null}
        dataSource={shown}
        data-testid="units-table"
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('console.units.empty') }}
        onRow={(u) => ({ onClick: () => setOpen(u), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('console.units.unit'), dataIndex: 'unitName', sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh'), render: (v: string, u) => (
            <Space size={4} wrap>
              <Button type="link" size="small" style={{ padding: 0 }}>
                {v}
              </Button>
              {u.claimed && <Tag color="red">{t('console.units.claimed', { name: u.claimed.unitName, code: u.claimed.unitCode })}</Tag>}
            </Space>
          ) },
          { title: t('console.keys.code'), dataIndex: 'unitCode', width: 110 },
          {
            title: t('console.units.lastReceived'),
            dataIndex: 'lastReceivedAt',
            width: 170,
            sorter: (a, b) => (a.lastReceivedAt ?? 0) - (b.lastReceivedAt ?? 0),
            render: (v: number | null, u) => (
              <Space size={4} wrap>
                {when(t, v)}
                {u.silent && (
                  <Tooltip title={t('console.units.silentHelp', { days: silentDays ?? 0 })}>
                    <Tag color="volcano" data-testid="silent">{t('console.units.silent')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: t('console.units.lastEntry'), dataIndex: 'lastEntryAt', width: 150, sorter: (a, b) => (a.lastEntryAt ?? 0) - (b.lastEntryAt ?? 0), render: (v: number | null) => when(t, v) },
          { title: t('console.units.gaps'), key: 'gaps', render: (_, u) => <Tag color={u.gaps.length === 0 ? 'green' : 'orange'}>{gapsText(t, u)}</Tag> },
          { title: t('console.units.devices'), dataIndex: 'activeDevices', width: 90, align: 'right', sorter: (a, b) => a.activeDevices - b.activeDevices },
          { title: t('console.units.violations'), dataIndex: 'violations', width: 90, align: 'right', sorter: (a, b) => a.violations - b.violations, render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
          {
            title: <Tooltip title={t('console.units.complianceHelp')}>{t('console.units.compliance')}</Tooltip>,
            key: 'compliance',
            width: 140,
            align: 'right',
            sorter: (a, b) => (a.compliance ?? -1) - (b.compliance ?? -1),
            render: (_, u) => (u.compliance === null ? <span className="muted">{t('console.units.noCheckins')}</span> : `${pct(u.compliance)}${u.provisional ? '*' : ''}`),
          },
        ]}
      />
      <UnitRecordsDrawer unit={open} source={source} onClose={() => setOpen(null)} />
    </div>
  );
}
