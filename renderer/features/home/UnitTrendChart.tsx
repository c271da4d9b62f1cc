import { useMemo } from 'react';
import { Card } from 'antd';
import type { FigureValue } from '../../../shared/evaluation/figures';
import type { MonthTrend } from '../../../shared/home/unitHome';
import { useT } from '../../i18n';
import { Chart } from '../../ui/Chart';
import { useSheetExport } from '../ledgers/useSheetExport';
import { percentText } from '../evaluation/figureText';

const pct = (v: FigureValue | undefined) => (v?.value === null || v?.value === undefined ? null : Math.round(v.value * 1000) / 10);

/** The unit's last twelve months: inbox checks on time, scan coverage, faults attended on time; a loading card until read. */
export function UnitTrendChart({ trends }: { trends: readonly MonthTrend[] | null }) {
  const t = useT();
  if (trends === null) return <Card title={t('home.trend.title')} size="small" loading data-testid="unit-trend-loading" />;
  return <TrendChart trends={trends} />;
}

function TrendChart({ trends }: { trends: readonly MonthTrend[] }) {
  const t = useT();
  const exportSheet = useSheetExport();
  const series = useMemo(
    () =>
      [
        { name: t('home.trend.checkin'), values: trends.map((m) => pct(m.checkinOnTimeRate)) },
        { name: t('home.trend.scan'), values: trends.map((m) => pct(m.scanCoverage)) },
        { name: t('home.trend.fault'), values: trends.map((m) => pct(m.faultArrivalOnTime)) },
      ] as const,
    [trends, t],
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: trends.map((m) => m.month) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: false, symbolSize: 6 })),
    }),
    [trends, series],
  );
  const sheet = useMemo(
    () => ({
      title: t('home.trend.sheet'),
      header: [t('home.trend.month'), ...series.map((s) => s.name)],
      rows: trends.map((m) => [m.month, ...[m.checkinOnTimeRate, m.scanCoverage, m.faultArrivalOnTime].map((v) => (v?.value === null || v?.value === undefined ? '—' : percentText(v.value)))]),
    }),
    [trends, series, t],
  );
  return <Chart title={t('home.trend.title')} option={option} sheet={sheet} onExport={exportSheet} testId="unit-trend" />;
}
