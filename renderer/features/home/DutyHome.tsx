import { useEffect, useState } from 'react';
import { Alert, Col, Row, Tag, Typography } from 'antd';
import { isoDay } from '../../../shared/calendar/calendar';
import type { UnitProfile } from '../../../shared/domain/unit';
import type { DutyLog } from '../../../shared/ledgers/duty';
import type { Fault } from '../../../shared/ledgers/fault';
import { listLedger } from '../../db/ledgers';
import { useT } from '../../i18n';
import { db } from '../../state/db';
import { pageHref } from '../../ui/pageLink';
import { useCheckins } from '../checkins/checkinStore';
import { HomeCard } from './HomeCard';
import { OpenTickets } from './OpenTickets';
import { useNow } from './useNow';

/** The duty staff's home page: whether today's log is written, and the open tickets to follow up. */
export function DutyHome({ unit }: { unit: UnitProfile }) {
  const t = useT();
  const now = useNow();
  const calendar = useCheckins((s) => s.calendar);
  const [data, setData] = useState<{ logs: DutyLog[]; faults: Fault[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([listLedger<DutyLog>(db, 'dutyLogs', unit.id), listLedger<Fault>(db, 'faults', unit.id)])
      .then(([logs, faults]) => live && setData({ logs, faults }))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [unit.id]);
  if (error) return <Alert type="error" showIcon message={t('err.generic', { message: error })} />;
  if (!data) return <Typography.Text type="secondary">{t('home.loading')}</Typography.Text>;
  const today = isoDay(new Date(now));
  const todays = data.logs.filter((l) => l.retiredAt === null && l.date === today);
  const restDay = calendar.dayKind(new Date(now)).kind === 'rest';
  return (
    <div className="home-body" data-testid="home-ready">
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <HomeCard title={t('home.dutyToday.title')} href={pageHref('duty')} tone={todays.length > 0 ? 'ok' : 'warn'} testId="card-duty-today">
            {todays.length > 0 ? (
              <div className="home-figure" data-testid="duty-written">
                {t('home.dutyToday.written', { shifts: todays.map((l) => t(`duty.shift.${l.shift}`)).join('、') })}
              </div>
            ) : (
              <>
                <div className="home-figure home-warn" data-testid="duty-missing">
                  {t('home.dutyToday.missing')}
                </div>
                {restDay && <Tag>{t('home.dutyToday.rest')}</Tag>}
                <div>
                  <a href={pageHref('duty')}>{t('home.dutyToday.write')}</a>
                </div>
              </>
            )}
          </HomeCard>
        </Col>
        <Col xs={24} lg={14}>
          <HomeCard title={t('home.faults.title')} href={pageHref('faults')} testId="card-faults">
            <OpenTickets faults={data.faults} area={unit.area} now={now} />
          </HomeCard>
        </Col>
      </Row>
    </div>
  );
}
