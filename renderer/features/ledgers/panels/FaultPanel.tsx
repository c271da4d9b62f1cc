import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Fault } from '../../../../shared/ledgers/fault';
import { ARRIVAL_LIMIT_MS } from '../../../../shared/rules/faultSla';
import { monthlyLeaseReport, type ReportLine } from '../../../../shared/rules/leaseReport';
import { formatDateTime } from '../../../ui/format';
import { useSheetExport } from '../useSheetExport';
import { assess, consequenceText, money, slaText } from '../defs/faultText';
import { LedgerPaperButton } from '../LedgerPaperButton';
import { leaseReportPaper } from '../paper/LeaseReportForm';
import { monthPeriod } from '../../../ui/paperPeriod';
import type { PanelProps } from '../types';

const pct = (n: number) => `${n}%`;

/** Open tickets against their deadline, and the month's lease-fee deduction report per maintainer. */
export function FaultPanel({ records, ctx }: PanelProps<Fault>) {
  const t = ctx.t;
  const exportSheet = useSheetExport();
  const [month, setMonth] = useState(() => dayjs(ctx.now).format('YYYY-MM'));
  const active = useMemo(() => records.filter((r) => r.retiredAt === null), [records]);
  const open = active.filter((r) => r.resolvedAt === null);
  const overdue = open.filter((r) => assess(r, ctx).state === 'overdue');
  const fees = useMemo(() => new Map([...ctx.maintainers.values()].map((m) => [m.id, m.monthlyFee])), [ctx.maintainers]);
  const report = useMemo(() => monthlyLeaseReport(active, month, ctx.unit.area, fees, ctx.now), [active, month, ctx.unit.area, fees, ctx.now]);
  const hours = ARRIVAL_LIMIT_MS[ctx.unit.area] / 3_600_000;

  const doExport = () => {
    const rows = report.flatMap((m) => {
      const name = ctx.maintainers.get(m.maintainerId)?.name ?? '';
      return [
        ...m.lines.map((l) => [name, formatDateTime(l.ticket.reportedAt), l.ticket.description, slaText(l.assessment, ctx), l.assessment.urges, consequenceText(l.assessment, ctx), l.ticket.decidedPct, l.outsideBand ? t('fault.outsideBand') : null]),
        [name, t('fault.report.total'), '', t('fault.report.onTimeLate', { on: m.onTime, late: m.late }), null, `${m.proposedMin}%–${m.proposedMax}%`, m.decidedPct, m.decidedAmount],
      ];
    });
    void exportSheet({
      title: t('fault.report.title', { month }),
      header: [t('fault.maintainer'), t('fault.reportedAt'), t('fault.description'), t('fault.sla'), t('fault.urgeCount'), t('fault.consequence'), t('fault.decidedPct'), `${t('fault.report.amount')} / ${t('fault.report.remark')}`],
      rows,
    });
  };

  return (
    <Card size="small" className="ledger-panel" data-testid="fault-panel">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>{t('fault.limitNote', { area: t(`unit.area.${ctx.unit.area}`), hours })}</Typography.Text>
        <Tag color={open.length > 0 ? 'orange' : 'green'}>{t('fault.openCount', { n: open.length })}</Tag>
        {overdue.length > 0 && <Tag color="red">{t('fault.overdueCount', { n: overdue.length })}</Tag>}
      </Space>
      {overdue.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={overdue.map((r) => `${formatDateTime(r.reportedAt)} ${r.description}：${slaText(assess(r, ctx), ctx)}`).join('；')} />}
      <Space wrap style={{ margin: '4px 0 8px' }}>
        <Typography.Text strong>{t('fault.report.heading')}</Typography.Text>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={t('fault.report.month')} />
        <Button size="small" icon={<DownloadOutlined />} onClick={doExport} disabled={report.length === 0}>
          {t('fault.report.export')}
        </Button>
        <LedgerPaperButton paper={leaseReportPaper} records={records} ctx={ctx} initial={monthPeriod(month)} size="small" />
      </Space>
      {report.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fault.report.empty')} />
      ) : (
        report.map((m) => (
          <div key={m.maintainerId} data-testid="lease-report" style={{ marginBottom: 12 }}>
            <Space wrap>
              <Typography.Text strong>{ctx.maintainers.get(m.maintainerId)?.name ?? m.maintainerId}</Typography.Text>
              <span>{t('fault.report.onTimeLate', { on: m.onTime, late: m.late })}</span>
              <span>{t('fault.report.proposed', { min: m.proposedMin, max: m.proposedMax })}</span>
              <span data-testid="decided-total">{t('fault.report.decided', { pct: m.decidedPct, amount: money(m.decidedAmount), fee: money(m.fee) })}</span>
              {m.undecided > 0 && <Tag color="orange">{t('fault.report.undecided', { n: m.undecided })}</Tag>}
              {m.outsideBand > 0 && <Tag color="orange" data-testid="outside-band-count">{t('fault.report.outsideBand', { n: m.outsideBand })}</Tag>}
            </Space>
            <Table<ReportLine>
              size="small"
              pagination={false}
              rowKey={(l) => l.ticket.id}
              dataSource={m.lines}
              style={{ marginTop: 4 }}
              columns={[
                { title: t('fault.reportedAt'), width: 140, render: (_, l) => formatDateTime(l.ticket.reportedAt) },
                { title: t('fault.description'), render: (_, l) => l.ticket.description },
                { title: t('fault.sla'), width: 150, render: (_, l) => slaText(l.assessment, ctx) },
                { title: t('fault.urgeCount'), width: 70, render: (_, l) => l.assessment.urges },
                { title: t('fault.consequence'), width: 200, render: (_, l) => consequenceText(l.assessment, ctx) || '—' },
                {
                  title: t('fault.decidedPct'),
                  width: 150,
                  render: (_, l) =>
                    l.ticket.decidedPct === null ? '—' : (
                      <Space size={4}>
                        {pct(l.ticket.decidedPct)}
                        {l.outsideBand && <Tag color="orange" data-testid="outside-band">{t('fault.outsideBand')}</Tag>}
                      </Space>
                    ),
                },
              ]}
            />
          </div>
        ))
      )}
    </Card>
  );
}
