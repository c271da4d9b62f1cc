import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatMinutes } from '../../../shared/calendar/schedule';
import { nextChange, onTimeRate, type CheckinResult, type SlotResult, type SlotStatus } from '../../../shared/checkins/compliance';
import { periodReport, type DayReport } from '../../../shared/checkins/report';
import type { Checkin } from '../../../shared/domain/checkin';
import { loadCheckinPeriod } from './checkinPeriod';
import { rateText } from './countText';
import { CheckinMonthForm } from './CheckinMonthForm';
import { PaperDialog } from '../../ui/PaperDialog';
import { monthPeriod } from '../../ui/paperPeriod';
import { chinese, useT, type Translate } from '../../i18n';
import { useSession } from '../../state/session';
import { formatDateTime, formatTime } from '../../ui/format';
import { useSheetExport } from '../ledgers/useSheetExport';
import { useCheckins } from './checkinStore';
import { PageHead } from '../../ui/PageHead';

type Span = 'day' | 'week' | 'month';

const STATUS_COLOR: Record<SlotStatus, string> = { onTime: 'green', late: 'orange', overdue: 'gold', missed: 'red', pending: 'default' };

function periodOf(span: Span, anchor: Dayjs): { from: Date; days: number } {
  if (span === 'day') return { from: anchor.startOf('day').toDate(), days: 1 };
  if (span === 'week') {
    // Weeks start on Monday, as Chinese calendars print them.
    const monday = anchor.subtract((anchor.day() + 6) % 7, 'day').startOf('day');
    return { from: monday.toDate(), days: 7 };
  }
  return { from: anchor.startOf('month').toDate(), days: anchor.daysInMonth() };
}

/** Compliance of the hourly inbox checks: per day, week and month; per officer and for the unit. */
export function CheckinsPage() {
  const t = useT();
  const unit = useSession((s) => s.unit);
  const { calendar, schedule, version } = useCheckins();
  const [span, setSpan] = useState<Span>('day');
  const [anchor, setAnchor] = useState<Dayjs>(() => dayjs());
  const [checkins, setCheckins] = useState<Checkin[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [officers, setOfficers] = useState<string[]>([]);
  const { from, days } = periodOf(span, anchor);
  // Slots turn from pending to overdue to missed as time passes: re-assess at the next such moment.
  const [minute, setMinute] = useState(0);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    if (!unit) return;
    let live = true;
    void loadCheckinPeriod(unit.id, from, days).then((p) => {
      if (!live) return;
      setCheckins(p.checkins);
      setNames(p.names);
      setOfficers(p.officers);
    });
    return () => {
      live = false;
    };
    // from and days follow from span and anchor.
  }, [unit, span, anchor.valueOf(), version]);

  const report = useMemo(() => periodReport(calendar, schedule, checkins, officers, from, days, Date.now(), unit?.createdAt), [calendar, schedule, checkins, officers, from.getTime(), days, minute, unit?.createdAt]);
  const byId = useMemo(() => new Map(checkins.map((c) => [c.id, c])), [checkins]);
  useEffect(() => {
    const now = Date.now();
    let next: number | undefined;
    for (const d of report.days) {
      const t = nextChange(d.results.map((r) => r.slot), schedule.toleranceMinutes, now);
      if (t !== undefined && (next === undefined || t < next)) next = t;
    }
    if (next === undefined) return;
    // At most a minute at a time, so a sleeping PC that wakes catches up soon.
    const timer = window.setTimeout(() => setMinute((m) => m + 1), Math.min(next - now, 60_000));
    return () => window.clearTimeout(timer);
  }, [report, schedule.toleranceMinutes]);

  const exportSheet = useSheetExport();
  const exportView = async () => {
    const title = `${t('compliance.title')} ${span === 'day' ? anchor.format('YYYY-MM-DD') : span === 'week' ? `${dayjs(from).format('YYYY-MM-DD')} 起一周` : anchor.format('YYYY-MM')}`;
    const rows = report.days.flatMap((d) =>
      dayRows(d).map((row) => {
        if (row.type === 'slot') {
          const r = row.result;
          const c = r.checkin ? byId.get(r.checkin.id) : undefined;
          return [d.iso, formatMinutes(r.slot.minute), t(`compliance.kind.${r.slot.kind}`), t(`compliance.status.${r.status}`), c ? formatDateTime(c.at) : '', c ? (names.get(c.officerId) ?? '') : '', c?.backfilled ? (c.backfillReason ?? '') : ''];
        }
        const c = byId.get(row.result.checkin.id);
        return [d.iso, '', uncountedText(t, d, row.result), t(uncountedTag(d, row.result)), c ? formatDateTime(c.at) : '', c ? (names.get(c.officerId) ?? '') : '', c?.backfilled ? (c.backfillReason ?? '') : ''];
      }),
    );
    await exportSheet({ title, header: [t('compliance.date'), t('compliance.slot'), t('compliance.kind'), t('compliance.status'), t('compliance.checkinAt'), t('compliance.officer'), t('compliance.backfilled')], rows });
  };

  return (
    <div className="page">
      <PageHead
        title={t('compliance.title')}
        rule={`${t('checkin.rule')} ${t('calendar.boundaryNote')}`}
        actions={
          <Space className="no-print">
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
              {t('paper.printNamed', { title: t('paper.title.checkins') })}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportView()}>
              {t('compliance.export')}
            </Button>
          </Space>
        }
      />
      <Space className="toolbar no-print">
        <Segmented<Span>
          value={span}
          onChange={setSpan}
          options={[
            { value: 'day', label: t('compliance.day') },
            { value: 'week', label: t('compliance.week') },
            { value: 'month', label: t('compliance.month') },
          ]}
        />
        <DatePicker picker={span === 'day' ? 'date' : span} value={anchor} allowClear={false} onChange={(d) => d && setAnchor(d)} aria-label={t('compliance.date')} />
      </Space>
      {report.unknownYears.length > 0 && <Alert type="warning" showIcon message={t('compliance.provisional', { years: report.unknownYears.join('、') })} style={{ marginBottom: 12 }} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={40} wrap>
          <Statistic title={t('compliance.rate')} value={rateText(report.unit)} valueStyle={{ color: '#b5222d' }} data-testid="unit-rate" />
          <Statistic title={t('compliance.due')} value={report.unit.due} />
          <Statistic title={t('compliance.onTime')} value={report.unit.onTime} />
          <Statistic title={t('compliance.late')} value={report.unit.late} />
          <Statistic title={t('compliance.missed')} value={report.unit.missed} />
        </Space>
      </Card>
      {printing && unit && (
        <PaperDialog title={t('paper.title.checkins')} initial={monthPeriod(anchor.format('YYYY-MM'))} fileName={(p) => `${unit.name}${chinese('paper.title.checkins')}${p.label}`} onClose={() => setPrinting(false)}>
          {(p) => <CheckinMonthForm unit={unit} period={p} />}
        </PaperDialog>
      )}
      <div className="compliance-body">
        {span === 'day' && <DayView t={t} day={report.days[0]} byId={byId} names={names} />}
        {span === 'week' && <DaysTable t={t} days={report.days} onOpen={(d) => (setAnchor(dayjs(d.date)), setSpan('day'))} />}
        {span === 'month' && <MonthHeatmap t={t} days={report.days} onOpen={(d) => (setAnchor(dayjs(d.date)), setSpan('day'))} />}
        <Card size="small" title={t('compliance.byOfficer')} style={{ marginTop: 12 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={[...report.byOfficer].map(([id, tally]) => ({ id, name: names.get(id) ?? id, tally }))}
            columns={[
              { title: t('compliance.officer'), dataIndex: 'name' },
              { title: t('compliance.due'), render: (_, r) => r.tally.due },
              { title: t('compliance.onTime'), render: (_, r) => r.tally.onTime },
              { title: t('compliance.late'), render: (_, r) => r.tally.late },
              { title: t('compliance.missed'), render: (_, r) => r.tally.missed },
              { title: t('compliance.rate'), render: (_, r) => rateText(r.tally) },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}

function dayNote(t: Translate, day: DayReport | undefined): string | undefined {
  if (!day || day.kind === 'work') return undefined;
  if (day.kind === 'unknown') return t('compliance.unknownDay', { year: day.date.getFullYear() });
  if (day.kind === 'before') return t('compliance.beforeStart');
  return t('compliance.restDay');
}

/** A day's rows in time order: each slot with its outcome, and each check-in that counted for none at its own time. */
type DayRow = { type: 'slot'; at: number; result: SlotResult } | { type: 'uncounted'; at: number; result: CheckinResult };

function dayRows(day: DayReport): DayRow[] {
  const rows: DayRow[] = day.results.map((result) => ({ type: 'slot', at: result.slot.at, result }));
  for (const c of day.checkins) if (c.count.kind !== 'onTime' && c.count.kind !== 'late') rows.push({ type: 'uncounted', at: c.checkin.at, result: c });
  return rows.sort((a, b) => a.at - b.at);
}

function uncountedTag(day: DayReport, r: CheckinResult) {
  if (day.kind === 'unknown') return 'compliance.counted.unknown' as const;
  if (r.count.kind === 'early' || r.count.kind === 'repeat') return `compliance.counted.${r.count.kind}` as const;
  return 'compliance.counted.noSlot' as const;
}

function uncountedText(t: Translate, day: DayReport, r: CheckinResult): string {
  if (day.kind === 'unknown') return t('compliance.uncounted.unknown');
  if (r.count.kind === 'early') return t('compliance.uncounted.early', { slot: formatMinutes(r.count.slot.minute), opens: formatTime(r.count.opensAt) });
  if (r.count.kind === 'repeat') return t('compliance.uncounted.repeat', { slot: formatMinutes(r.count.slot.minute) });
  return t('compliance.uncounted.noSlot');
}

function DayView({ t, day, byId, names }: { t: Translate; day: DayReport | undefined; byId: Map<string, Checkin>; names: Map<string, string> }) {
  const note = dayNote(t, day);
  const rows = day ? dayRows(day) : [];
  const checkinCell = (c: Checkin | undefined) =>
    c ? (
      <Space size={4}>
        {formatTime(c.at)}
        {c.backfilled && <Tag title={c.backfillReason ?? ''}>{t('compliance.backfilled')}</Tag>}
      </Space>
    ) : (
      ''
    );
  const table = (
    <Table<DayRow>
      size="small"
      pagination={false}
      rowKey={(r) => (r.type === 'slot' ? `s${r.at}` : `c${r.result.checkin.id}`)}
      dataSource={rows}
      columns={[
        { title: t('compliance.slot'), render: (_, r) => (r.type === 'slot' ? <strong>{formatMinutes(r.result.slot.minute)}</strong> : '—') },
        { title: t('compliance.kind'), render: (_, r) => (r.type === 'slot' ? t(`compliance.kind.${r.result.slot.kind}`) : <span className="muted">{day ? uncountedText(t, day, r.result) : ''}</span>) },
        {
          title: t('compliance.status'),
          render: (_, r) =>
            r.type === 'slot' ? (
              <Tag color={STATUS_COLOR[r.result.status]} data-testid={`slot-${formatMinutes(r.result.slot.minute)}`}>
                {t(`compliance.status.${r.result.status}`)}
              </Tag>
            ) : (
              <Tag data-testid={`uncounted-${formatTime(r.result.checkin.at)}`}>{day ? t(uncountedTag(day, r.result)) : ''}</Tag>
            ),
        },
        { title: t('compliance.checkinAt'), render: (_, r) => checkinCell(r.type === 'slot' ? (r.result.checkin ? byId.get(r.result.checkin.id) : undefined) : byId.get(r.result.checkin.id)) },
        {
          title: t('compliance.officer'),
          render: (_, r) => {
            const id = r.type === 'slot' ? r.result.checkin?.id : r.result.checkin.id;
            return id ? (names.get(byId.get(id)?.officerId ?? '') ?? '') : '';
          },
        },
      ]}
    />
  );
  if (!note) return table;
  return (
    <>
      <Alert type="info" showIcon message={note} data-testid="day-note" style={rows.length > 0 ? { marginBottom: 12 } : undefined} />
      {rows.length > 0 && table}
    </>
  );
}

function DaysTable({ t, days, onOpen }: { t: Translate; days: DayReport[]; onOpen: (d: DayReport) => void }) {
  return (
    <Table<DayReport>
      size="small"
      pagination={false}
      rowKey="iso"
      dataSource={days}
      onRow={(d) => ({ onClick: () => onOpen(d), style: { cursor: 'pointer' } })}
      rowClassName={(d) => (d.tally.missed > 0 ? 'row-missed' : '')}
      columns={[
        { title: t('compliance.date'), render: (_, d) => `${d.iso} ${dayjs(d.date).format('dd')}` },
        { title: t('compliance.due'), render: (_, d) => (d.kind === 'work' ? d.tally.due : dayNote(t, d)) },
        { title: t('compliance.onTime'), render: (_, d) => (d.kind === 'work' ? d.tally.onTime : '') },
        { title: t('compliance.late'), render: (_, d) => (d.kind === 'work' ? d.tally.late : '') },
        { title: t('compliance.missed'), render: (_, d) => (d.kind === 'work' ? d.tally.missed : '') },
        { title: t('compliance.rate'), render: (_, d) => (d.kind === 'work' ? rateText(d.tally) : '') },
      ]}
    />
  );
}

/** A month as a calendar grid, each working day coloured by its on-time rate; days with misses stand out. */
function MonthHeatmap({ t, days, onOpen }: { t: Translate; days: DayReport[]; onOpen: (d: DayReport) => void }) {
  const first = days[0]?.date;
  const lead = first ? (first.getDay() + 6) % 7 : 0;
  const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
  return (
    <Card size="small" title={t('compliance.heatmap')}>
      <div className="heatmap" role="grid">
        {weekdays.map((w) => (
          <div key={w} className="heatmap-head">
            {w}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`pad${i}`} />
        ))}
        {days.map((d) => {
          const rate = onTimeRate(d.tally);
          const cls = d.kind !== 'work' ? `heat-${d.kind}` : d.tally.missed > 0 ? 'heat-missed' : rate === null ? 'heat-pending' : rate === 1 ? 'heat-full' : 'heat-partial';
          return (
            <button type="button" key={d.iso} className={`heatmap-cell ${cls}`} onClick={() => onOpen(d)} data-testid={`heat-${d.iso}`} title={d.kind === 'work' ? `${d.iso} ${rateText(d.tally)}` : dayNote(t, d)}>
              <span className="heat-day">{d.date.getDate()}</span>
              <span className="heat-rate">{d.kind === 'work' ? rateText(d.tally) : d.kind === 'unknown' ? '?' : d.kind === 'before' ? '—' : '休'}</span>
            </button>
          );
        })}
      </div>
    </Card>
  );
}
