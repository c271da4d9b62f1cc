import { useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { isoDay } from '../../../../shared/calendar/calendar';
import type { DutyLog } from '../../../../shared/ledgers/duty';
import { dutyMonth, type DutyDayState } from '../../../../shared/rules/dutyGaps';
import { useCheckins } from '../../checkins/checkinStore';
import type { PanelProps } from '../types';

const CELL: Record<DutyDayState, string> = { logged: 'heat-full', gap: 'heat-missed', due: 'heat-pending', rest: 'heat-rest', notDue: 'heat-before', unknown: 'heat-unknown', future: 'heat-pending' };
const WEEK = [1, 2, 3, 4, 5, 6, 7] as const;

/** The month at a glance: working days with no duty log stand out (第十二条). */
export function DutyMonthPanel({ records, ctx }: PanelProps<DutyLog>) {
  const t = ctx.t;
  const calendar = useCheckins((s) => s.calendar);
  const [month, setMonth] = useState(() => dayjs(ctx.now).format('YYYY-MM'));
  const today = isoDay(new Date(ctx.now));
  const since = isoDay(new Date(ctx.unit.createdAt));
  const result = useMemo(() => {
    const logged = new Set(records.filter((r) => r.retiredAt === null).map((r) => r.date));
    return dutyMonth(calendar, month, logged, today, since);
  }, [records, calendar, month, today, since]);
  const lead = (dayjs(`${month}-01`).day() + 6) % 7;

  return (
    <Card size="small" className="ledger-panel" data-testid="duty-month">
      <Space wrap style={{ marginBottom: 8 }}>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={t('duty.month')} />
        <span>{t('duty.monthSummary', { work: result.workingDays, logged: result.logged })}</span>
        {result.gaps.length > 0 ? <Tag color="red">{t('duty.gaps', { n: result.gaps.length })}</Tag> : <Tag color="green">{t('duty.noGaps')}</Tag>}
      </Space>
      {result.provisional && <Alert type="warning" showIcon message={t('duty.provisional', { year: month.slice(0, 4) })} style={{ marginBottom: 8 }} />}
      <div className="heatmap compact">
        {WEEK.map((w) => (
          <div key={w} className="heatmap-head">{t(`week.${w}`)}</div>
        ))}
        {Array.from({ length: lead }, (_, i) => <div key={`lead-${i}`} />)}
        {result.days.map((d) => (
          <div key={d.date} className={`heatmap-cell ${CELL[d.state]}`} data-state={d.state} title={`${d.date} ${t(`duty.day.${d.state}`)}`}>
            <span className="heat-day">{Number(d.date.slice(8))}</span>
            <span className="heat-rate">{d.state === 'rest' || d.state === 'future' ? '' : t(`duty.day.${d.state}`)}</span>
          </div>
        ))}
      </div>
    </Card>
  );
}
