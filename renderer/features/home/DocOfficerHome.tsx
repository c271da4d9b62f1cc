import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { onTimeRate, type Tally } from '../../../shared/checkins/compliance';
import { periodReport } from '../../../shared/checkins/report';
import type { Checkin } from '../../../shared/domain/checkin';
import { listCheckins } from '../../db/checkins';
import { useT, type Translate } from '../../i18n';
import { db } from '../../state/db';
import { useSession } from '../../state/session';
import { formatTime } from '../../ui/format';
import { pageHref } from '../../ui/pageLink';
import { useCheckins } from '../checkins/checkinStore';
import { percentText } from '../evaluation/figureText';
import { HomeCard } from './HomeCard';
import { SlotTimeline } from './SlotStates';
import { useTodaySlots } from './todaySlots';
import { useNow } from './useNow';

export function leftText(t: Translate, ms: number): string {
  const m = Math.max(0, Math.ceil(ms / 60_000));
  return m >= 60 ? t('home.left.hours', { h: Math.floor(m / 60), m: m % 60 }) : t('home.left.minutes', { m });
}

/** This month's tally for one officer, by the compliance report the check-in page prints. */
function useMonthTally(unitId: string, officerId: string, now: number): Tally | null {
  const { calendar, schedule, version } = useCheckins();
  const since = useSession((s) => s.unit?.createdAt);
  const [checkins, setCheckins] = useState<Checkin[] | null>(null);
  const d = new Date(now);
  const monthStart = new Date(d.getFullYear(), d.getMonth(), 1);
  const monthKey = monthStart.getTime();
  const daysSoFar = d.getDate();
  useEffect(() => {
    let live = true;
    void listCheckins(db, unitId, monthKey, Date.now() + 1).then((list) => live && setCheckins(list));
    return () => {
      live = false;
    };
  }, [unitId, monthKey, version]);
  return useMemo(() => {
    if (!checkins) return null;
    const mine = checkins.filter((c) => c.officerId === officerId);
    const report = periodReport(calendar, schedule, mine, [officerId], new Date(monthKey), daysSoFar, now, since);
    return report.byOfficer.get(officerId) ?? null;
  }, [checkins, calendar, schedule, officerId, monthKey, daysSoFar, now, since]);
}

/** The document officer's home page: today's slots as a timeline, the next one, and the month's own rate. */
export function DocOfficerHome({ unitId, accountId }: { unitId: string; accountId: string }) {
  const t = useT();
  const now = useNow(15_000);
  const slots = useTodaySlots(now);
  const tally = useMonthTally(unitId, accountId, now);
  const next = slots.results.find((r) => r.slot.at > now);
  const rate = tally ? onTimeRate(tally) : null;
  return (
    <div className="home-body" data-testid="home-ready">
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <HomeCard title={t('home.officer.timeline')} href={pageHref('checkins')} testId="card-timeline">
            <SlotTimeline day={slots.day} results={slots.results} />
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} className="home-stack">
          <Card size="small" title={t('home.officer.next')} className="home-card" data-testid="card-next">
            {next ? (
              <Statistic value={t('home.officer.nextIn', { time: formatTime(next.slot.at), left: leftText(t, next.slot.at - now) })} />
            ) : (
              <Typography.Text type="secondary">{slots.day.kind === 'work' ? t('home.officer.noneLeft') : t('home.slots.rest')}</Typography.Text>
            )}
          </Card>
          <HomeCard title={t('home.officer.month')} href={pageHref('checkins')} testId="card-month-rate">
            {tally && rate !== null ? (
              <>
                <Statistic value={percentText(rate)} />
                <Typography.Text type="secondary" className="home-note">
                  {t('home.officer.monthTally', { due: tally.due, onTime: tally.onTime, late: tally.late, missed: tally.missed })}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t('home.officer.noRate')}</Typography.Text>
            )}
          </HomeCard>
        </Col>
      </Row>
    </div>
  );
}
