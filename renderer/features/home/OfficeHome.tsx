import { useEffect, useMemo, useState } from 'react';
import { Alert, Col, Row, Statistic, Tag, Typography } from 'antd';
import { FAILING, VERDICT_WORDS, VERDICTS } from '../../../shared/bundle/verdicts';
import { COMPLIANCE_BANDS, complianceBand, reportingState, type ComplianceBand, type ReportingState } from '../../../shared/home/officeHome';
import { readOfficeHome, type OfficeHomeData } from '../../db/officeHome';
import { useLang, useT } from '../../i18n';
import { db } from '../../state/db';
import { Chart } from '../../ui/Chart';
import { formatDateTime } from '../../ui/format';
import { pageHref } from '../../ui/pageLink';
import { useSheetExport } from '../ledgers/useSheetExport';
import { HomeCard } from './HomeCard';
import { PgProblem, useConsoleSource } from '../console/useConsoleSource';
import { PgConsoleError } from '../../state/consoleMode';

const STATES: ReportingState[] = ['current', 'gap', 'silent'];
const STATE_COLOR: Record<ReportingState, string> = { current: 'green', gap: 'orange', silent: 'red' };
const BANDS: ComplianceBand[] = [...COMPLIANCE_BANDS.map((b) => b.key), 'none'];

/** The office's home page: how the units report, how they keep their inbox checks, the last import and the year's evaluation. */
export function OfficeHome({ officeUnitId }: { officeUnitId: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const exportSheet = useSheetExport();
  const [data, setData] = useState<OfficeHomeData | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The units' half from the console's store (this PC's or the server), the office's own half from this PC.
  const source = useConsoleSource();
  useEffect(() => {
    if (!source) return;
    let live = true;
    setError(null);
    readOfficeHome(db, officeUnitId, Date.now(), source.home)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [officeUnitId, source]);

  const states = useMemo(() => {
    const out: Record<ReportingState, number> = { current: 0, gap: 0, silent: 0 };
    for (const u of data?.units ?? []) out[reportingState(u)] += 1;
    return out;
  }, [data]);
  const bands = useMemo(() => {
    const out = new Map<ComplianceBand, number>(BANDS.map((b) => [b, 0]));
    for (const u of data?.units ?? []) out.set(complianceBand(u.compliance), out.get(complianceBand(u.compliance))! + 1);
    return BANDS.map((b) => ({ band: b, label: t(`home.office.band.${b}`), units: out.get(b)! }));
  }, [data, t]);
  const bandOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 12, top: 16, bottom: 24 },
      xAxis: { type: 'category', data: bands.map((b) => b.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('home.office.units'), data: bands.map((b) => b.units), barMaxWidth: 40 }],
    }),
    [bands, t],
  );
  const arrivals = useMemo(() => data?.arrivals ?? [], [data]);
  const arrivalOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 36, right: 12, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: arrivals.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('home.office.bundles'), data: arrivals.map((m) => m.bundles), barMaxWidth: 28 },
        { type: 'line', name: t('home.office.unitsReporting'), data: arrivals.map((m) => m.units), symbolSize: 6 },
      ],
    }),
    [arrivals, t],
  );

  if (error instanceof PgConsoleError) return <PgProblem error={error} />;
  if (error) return <Alert type="error" showIcon message={t('err.generic', { message: error instanceof Error ? error.message : String(error) })} />;
  if (!data) return <Typography.Text type="secondary">{t('home.loading')}</Typography.Text>;
  const imported = data.lastImport;
  const s = data.standing;
  return (
    <div className="home-body" data-testid="home-ready">
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.office.reporting')} href={pageHref('console-units')} tone={states.silent > 0 ? 'warn' : 'plain'} testId="card-reporting">
            {data.units.length === 0 ? (
              <Typography.Text type="secondary">{t('home.office.noUnits')}</Typography.Text>
            ) : (
              <div className="home-states">
                {STATES.map((st) => (
                  <div key={st} data-state={st}>
                    <Statistic value={states[st]} valueStyle={{ color: st === 'current' ? undefined : states[st] > 0 ? (st === 'silent' ? '#cf222e' : '#d48806') : undefined }} />
                    <Tag color={STATE_COLOR[st]}>{t(`home.office.state.${st}`)}</Tag>
                  </div>
                ))}
              </div>
            )}
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.office.lastImport')} href={pageHref('console-import')} testId="card-last-import">
            {imported ? (
              <>
                <Typography.Text type="secondary" className="home-note">
                  {t('home.office.lastImportAt', { time: formatDateTime(imported.at), n: Object.values(imported.counts).reduce((a, b) => a + (b ?? 0), 0) })}
                </Typography.Text>
                <div className="home-tags">
                  {VERDICTS.filter((v) => (imported.counts[v] ?? 0) > 0).map((v) => (
                    <Tag key={v} color={FAILING.has(v) ? 'red' : v === 'gapBefore' ? 'orange' : v === 'duplicate' ? 'default' : 'green'} data-verdict={v}>
                      {VERDICT_WORDS[lang][v]} {imported.counts[v]}
                    </Tag>
                  ))}
                </div>
              </>
            ) : (
              <Typography.Text type="secondary">{t('home.office.noImport')}</Typography.Text>
            )}
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.office.standing', { year: s.year })} href={pageHref('office-evaluation')} testId="card-standing">
            <div className="home-figure">{t('home.office.selfSubmitted', { n: s.selfSubmitted, units: s.units })}</div>
            <div>{t('home.office.entered', { n: s.entered })}</div>
            <div>{t('home.office.notices', { n: s.notices })}</div>
          </HomeCard>
        </Col>
        <Col xs={24} xl={12}>
          <Chart
            title={`${t('home.office.compliance')}（${t('home.office.complianceNote')}）`}
            option={bandOption}
            sheet={{ title: t('home.office.complianceSheet'), header: [t('home.office.band'), t('home.office.units')], rows: bands.map((b) => [b.label, b.units]) }}
            onExport={exportSheet}
            testId="office-compliance"
          />
        </Col>
        <Col xs={24} xl={12}>
          <Chart
            title={t('home.office.arrivals')}
            option={arrivalOption}
            sheet={{ title: t('home.office.arrivalsSheet'), header: [t('home.trend.month'), t('home.office.bundles'), t('home.office.unitsReporting')], rows: arrivals.map((m) => [m.month, m.bundles, m.units]) }}
            onExport={exportSheet}
            testId="office-arrivals"
          />
        </Col>
      </Row>
    </div>
  );
}
