import { useEffect, useMemo, useState } from 'react';
import { Button, Card, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { isoDay } from '../../../../shared/calendar/calendar';
import type { Scan } from '../../../../shared/ledgers/scan';
import { DEFAULT_COVERAGE_POLICY, scanCoverage, type CoveragePolicy, type CoverageProblem, type DeviceCoverage } from '../../../../shared/rules/scanCoverage';
import { db } from '../../../state/db';
import { COVERAGE_POLICY_KEY, coveragePolicy } from '../../../db/coveragePolicy';
import { useCan } from '../../../state/session';
import { useSheetExport } from '../useSheetExport';
import type { PanelProps } from '../types';

type View = 'problems' | CoverageProblem;

/** The coverage period and signature age the unit set (the panel changes them; the paper form reads them). */
export function useCoveragePolicy(): [CoveragePolicy, (p: CoveragePolicy) => void] {
  const [policy, setPolicy] = useState(DEFAULT_COVERAGE_POLICY);
  useEffect(() => {
    void coveragePolicy(db).then(setPolicy);
  }, []);
  const save = (p: CoveragePolicy) => {
    setPolicy(p);
    void db.meta.put({ key: COVERAGE_POLICY_KEY, value: p });
  };
  return [policy, save];
}

/** Which active devices are not covered: not scanned in the period, old signatures, threats not dealt with (第二十二条). */
export function CoveragePanel({ records, ctx }: PanelProps<Scan>) {
  const t = ctx.t;
  const canSet = useCan('settings.edit');
  const exportSheet = useSheetExport();
  const [policy, setPolicy] = useCoveragePolicy();
  const [view, setView] = useState<View>('problems');
  const today = isoDay(new Date(ctx.now));
  const summary = useMemo(
    () => scanCoverage(ctx.activeDevices.map((d) => d.id), records.filter((r) => r.retiredAt === null), policy, today),
    [ctx.activeDevices, records, policy, today],
  );
  const listed = summary.devices.filter((d) => (view === 'problems' ? d.problems.length > 0 : view === 'notRecent' ? d.problems.includes('notRecent') || d.problems.includes('neverScanned') : d.problems.includes(view)));
  const problemText = (d: DeviceCoverage) => d.problems.map((p) => t(`coverage.problem.${p}`)).join('、');

  const doExport = () => {
    void exportSheet({
      title: t('coverage.sheet'),
      header: [t('device.ip'), t('device.owner'), t('device.office'), t('coverage.lastScan'), t('coverage.age'), t('scan.signatureDate'), t('coverage.problems')],
      rows: listed.map((d) => {
        const dev = ctx.devices.get(d.deviceId);
        return [dev?.ip ?? '', dev?.owner ?? '', dev?.office ?? '', d.latest?.scannedOn ?? '', d.age, d.latest?.signatureDate ?? '', problemText(d)];
      }),
    });
  };

  return (
    <Card size="small" className="ledger-panel" data-testid="coverage">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong data-testid="coverage-summary">
          {t('coverage.summary', { covered: summary.covered, total: summary.total })}
        </Typography.Text>
        <Tag color={summary.unscanned > 0 ? 'red' : 'green'}>{t('coverage.unscanned', { n: summary.unscanned })}</Tag>
        <Tag color={summary.staleSignatures > 0 ? 'orange' : 'green'}>{t('coverage.stale', { n: summary.staleSignatures })}</Tag>
        <Tag color={summary.unresolvedThreats > 0 ? 'red' : 'green'}>{t('coverage.threats', { n: summary.unresolvedThreats })}</Tag>
        <span className="muted">{t('coverage.period')}</span>
        <InputNumber size="small" min={1} max={90} value={policy.periodDays} disabled={!canSet} onChange={(v) => typeof v === 'number' && setPolicy({ ...policy, periodDays: v })} aria-label={t('coverage.period')} style={{ width: 64 }} />
        <span className="muted">{t('coverage.maxAge')}</span>
        <InputNumber size="small" min={1} max={365} value={policy.maxSignatureAgeDays} disabled={!canSet} onChange={(v) => typeof v === 'number' && setPolicy({ ...policy, maxSignatureAgeDays: v })} aria-label={t('coverage.maxAge')} style={{ width: 64 }} />
      </Space>
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          options={(['problems', 'notRecent', 'staleSignatures', 'unresolvedThreats'] as const).map((v) => ({ value: v, label: t(`coverage.view.${v}`) }))}
        />
        <Button size="small" icon={<DownloadOutlined />} onClick={doExport} disabled={listed.length === 0}>
          {t('coverage.export')}
        </Button>
      </Space>
      <Table<DeviceCoverage>
        size="small"
        rowKey="deviceId"
        dataSource={listed}
        pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
        locale={{ emptyText: t('coverage.allCovered') }}
        columns={[
          { title: t('device.ip'), width: 130, render: (_, d) => <span className="mono">{ctx.devices.get(d.deviceId)?.ip}</span> },
          { title: t('device.owner'), width: 100, render: (_, d) => ctx.devices.get(d.deviceId)?.owner },
          { title: t('device.office'), width: 120, render: (_, d) => ctx.devices.get(d.deviceId)?.office },
          { title: t('coverage.lastScan'), width: 110, render: (_, d) => d.latest?.scannedOn ?? t('coverage.never') },
          { title: t('coverage.age'), width: 80, render: (_, d) => (d.age === null ? '—' : t('coverage.days', { n: d.age })) },
          { title: t('coverage.problems'), render: (_, d) => problemText(d) },
        ]}
      />
    </Card>
  );
}
