import { useMemo } from 'react';
import { Alert, Space, Table, Tag, Typography } from 'antd';
import { formatMinutes } from '../../../shared/calendar/schedule';
import { periodReport } from '../../../shared/checkins/report';
import type { SlotStatus } from '../../../shared/checkins/compliance';
import { COMPLIANCE_DAYS, complianceWindow } from '../../../shared/console/summary';
import type { Checkin } from '../../../shared/domain/checkin';
import { calendarFrom, scheduleFrom } from '../../../shared/calendar/stored';
import type { CalendarRecord, ScheduleRecord } from '../../db/schema';
import { formatDateTime } from '../../ui/format';
import { useT } from '../../i18n';

const STATUS_COLOR: Record<SlotStatus, string> = { onTime: 'green', late: 'orange', overdue: 'orange', missed: 'red', pending: 'default' };

interface SlotRow {
  key: string;
  day: string;
  slot: string;
  status: SlotStatus;
  checkin: Checkin | undefined;
}

/**
 * A unit's inbox-check slots as the office sees them: the last
 * COMPLIANCE_DAYS days up to the unit's last received entry, each slot with
 * 按时 / 迟查 / 漏查 and who checked. Judged at the last entry, not at the
 * office's clock: what happened after it has not arrived yet.
 */
export function UnitCheckinSlots({ checkins, calendars, schedule, lastEntryAt }: { checkins: readonly Checkin[]; calendars: readonly CalendarRecord[]; schedule: ScheduleRecord | undefined; lastEntryAt: number | null }) {
  const t = useT();
  const plan = useMemo(() => ({ calendar: calendarFrom([...calendars]).calendar, schedule: scheduleFrom(schedule).schedule, lastEntryAt }), [calendars, schedule, lastEntryAt]);

  const report = useMemo(() => {
    if (plan.lastEntryAt === null) return null;
    const { from, end } = complianceWindow(plan.lastEntryAt);
    const live = checkins.filter((c) => c.retiredAt === null && c.at >= from.getTime() && c.at < end);
    const byAt = new Map(live.map((c) => [c.at, c]));
    const r = periodReport(plan.calendar, plan.schedule, live, [], from, COMPLIANCE_DAYS, end);
    const rows: SlotRow[] = r.days.flatMap((d) =>
      d.results.map((res) => ({ key: `${d.iso} ${res.slot.minute}`, day: d.iso, slot: formatMinutes(res.slot.minute), status: res.status, checkin: res.checkin ? byAt.get(res.checkin.at) : undefined })),
    );
    return { rows: rows.reverse(), tally: r.unit, unknownYears: r.unknownYears };
  }, [plan, checkins]);

  if (!report) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="unit-checkin-slots">
      <Typography.Text strong>
        {t('console.unit.slots', { days: COMPLIANCE_DAYS })}：{t('compliance.status.onTime')} {report.tally.onTime} · {t('compliance.status.late')} {report.tally.late} · {t('compliance.status.missed')} {report.tally.missed}
      </Typography.Text>
      {report.unknownYears.length > 0 && <Alert type="warning" showIcon message={t('console.unit.calendarMissing', { years: report.unknownYears.join('、') })} />}
      <Table<SlotRow>
        size="small"
        rowKey="key"
        dataSource={report.rows}
        pagination={{ pageSize: 12, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('console.unit.slot'), key: 'slot', width: 170, render: (_, r) => `${r.day} ${r.slot}` },
          { title: t('compliance.status'), dataIndex: 'status', width: 130, render: (v: SlotStatus) => <Tag color={STATUS_COLOR[v]}>{t(`compliance.status.${v}`)}</Tag> },
          { title: t('console.unit.checkedAt'), key: 'at', width: 160, render: (_, r) => (r.checkin ? formatDateTime(r.checkin.at) : '—') },
          { title: t('console.unit.officer'), key: 'officer', render: (_, r) => (r.checkin ? (r.checkin.officerName ?? '—') : '—') },
        ]}
      />
    </Space>
  );
}
