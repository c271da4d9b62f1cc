import { Tag, Timeline, Typography } from 'antd';
import type { SlotResult, SlotStatus } from '../../../shared/checkins/compliance';
import { EMPTY_TALLY, tally } from '../../../shared/checkins/compliance';
import { formatMinutes } from '../../../shared/calendar/schedule';
import type { DaySlotsFrom } from '../../../shared/checkins/report';
import { useT } from '../../i18n';
import { formatTime } from '../../ui/format';

export const STATUS_COLOR: Record<SlotStatus, string> = { onTime: 'green', late: 'orange', overdue: 'red', missed: 'red', pending: 'default' };

/** Why a day has no slots, in words; null on a working day. */
export function NoSlots({ day }: { day: DaySlotsFrom }) {
  const t = useT();
  if (day.kind === 'work') return null;
  const text = day.kind === 'unknown' ? t('home.slots.unknown', { year: day.year }) : t(day.kind === 'rest' ? 'home.slots.rest' : 'home.slots.before');
  return <Typography.Text type={day.kind === 'unknown' ? 'warning' : 'secondary'}>{text}</Typography.Text>;
}

/** Today's slots as tags, with the day's tally: the administrator's view. */
export function SlotTags({ day, results }: { day: DaySlotsFrom; results: readonly SlotResult[] }) {
  const t = useT();
  if (day.kind !== 'work') return <NoSlots day={day} />;
  const sum = tally(results, { ...EMPTY_TALLY });
  return (
    <div>
      <div className="home-slots">
        {results.map((r) => (
          <Tag key={r.slot.at} color={STATUS_COLOR[r.status]} data-status={r.status} title={t(`compliance.status.${r.status}`)}>
            {formatMinutes(r.slot.minute)} {t(`compliance.status.${r.status}`)}
          </Tag>
        ))}
      </div>
      <Typography.Text type="secondary" className="home-note">
        {t('home.slots.summary', { due: sum.due, onTime: sum.onTime, late: sum.late, missed: sum.missed })}
      </Typography.Text>
    </div>
  );
}

/** Today's slots as a timeline, each with its check-in: the document officer's view. */
export function SlotTimeline({ day, results }: { day: DaySlotsFrom; results: readonly SlotResult[] }) {
  const t = useT();
  if (day.kind !== 'work') return <NoSlots day={day} />;
  return (
    <Timeline
      className="home-timeline"
      items={results.map((r) => ({
        key: r.slot.at,
        color: STATUS_COLOR[r.status] === 'default' ? 'gray' : STATUS_COLOR[r.status],
        content: (
          <span data-status={r.status}>
            <strong>{formatMinutes(r.slot.minute)}</strong> <Tag color={STATUS_COLOR[r.status]}>{t(`compliance.status.${r.status}`)}</Tag>
            {r.checkin && <span className="muted">{t('home.officer.checkedAt', { time: formatTime(r.checkin.at) })}</span>}
          </span>
        ),
      }))}
    />
  );
}
