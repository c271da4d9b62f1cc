import { Alert, Col, Row, Tag, Typography } from 'antd';
import type { UnitProfile } from '../../../shared/domain/unit';
import { DEFAULT_SILENT_DAYS } from '../../../shared/console/merge';
import { BACKUP_DUE_DAYS } from '../../../shared/home/unitHome';
import { readUnitHome } from '../../db/home';
import { readUnitTrend } from '../../db/homeTrend';
import { useT } from '../../i18n';
import { db } from '../../state/db';
import { formatDateTime } from '../../ui/format';
import { pageHref } from '../../ui/pageLink';
import { HomeCard } from './HomeCard';
import { FirstSteps, useFirstStepFacts } from './FirstSteps';
import { OpenTickets } from './OpenTickets';
import { PolicyNews } from './PolicyNews';
import { CheckpointStatus } from '../policy/CheckpointStatus';
import { checkpointAlarm } from '../../db/checkpoint';
import { SlotTags } from './SlotStates';
import { UnitTrendChart } from './UnitTrendChart';
import { useTodaySlots } from './todaySlots';
import { useHomeRead } from './useHomeRead';
import { useNow } from './useNow';

/** The unit administrator's home page: what is due today and how each ledger stands. */
export function UnitAdminHome({ unit }: { unit: UnitProfile }) {
  const t = useT();
  const now = useNow();
  const { data, error } = useHomeRead(() => readUnitHome(db, unit.id), unit.id);
  const stepFacts = useFirstStepFacts(unit.id);
  // The trend is read once the cards are shown, so they never wait for a year of records.
  const trend = useHomeRead(data ? () => readUnitTrend(db, unit.id) : null, unit.id);
  const slots = useTodaySlots(now);
  if (error) return <Alert type="error" showIcon message={t('err.generic', { message: error })} />;
  if (!data) return <Typography.Text type="secondary">{t('home.loading')}</Typography.Text>;
  const h = data.home;
  const faults = h.openTickets.map((o) => o.fault);
  return (
    <div className="home-body" data-testid="home-ready">
      <FirstSteps data={data} facts={stepFacts} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.slots.title')} href={pageHref('checkins')} tone={slots.results.some((r) => r.status === 'missed' || r.status === 'overdue') ? 'bad' : 'plain'} testId="card-slots">
            <SlotTags day={slots.day} results={slots.results} />
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.faults.title')} href={pageHref('faults')} tone={h.openTickets.some((o) => o.assessment.state === 'overdue') ? 'bad' : faults.length > 0 ? 'warn' : 'ok'} testId="card-faults">
            <OpenTickets faults={faults} area={unit.area} now={now} />
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.scan.title')} href={pageHref('scans')} tone={h.scan.overdue > 0 || h.scan.unresolvedThreats > 0 ? 'bad' : 'ok'} testId="card-scans">
            {h.scan.total === 0 ? (
              <Typography.Text type="secondary">{t('home.scan.noDevices')}</Typography.Text>
            ) : (
              <>
                <div className="home-figure">{t('coverage.summary', { covered: h.scan.covered, total: h.scan.total })}</div>
                <div className="home-tags">
                  {h.scan.overdue > 0 ? <Tag color="red">{t('home.scan.overdue', { n: h.scan.overdue })}</Tag> : <Tag color="green">{t('home.scan.allCovered')}</Tag>}
                  {h.scan.staleSignatures > 0 && <Tag color="orange">{t('coverage.stale', { n: h.scan.staleSignatures })}</Tag>}
                  {h.scan.unresolvedThreats > 0 && <Tag color="red">{t('coverage.threats', { n: h.scan.unresolvedThreats })}</Tag>}
                </div>
              </>
            )}
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.duty.title')} href={pageHref('duty')} tone={h.duty.gaps.length > 0 ? 'warn' : 'ok'} testId="card-duty">
            <div className="home-figure">{h.duty.gaps.length > 0 ? t('home.duty.gaps', { n: h.duty.gaps.length }) : t('duty.noGaps')}</div>
            <Typography.Text type="secondary" className="home-note">
              {t('duty.monthSummary', { work: h.duty.workingDays, logged: h.duty.logged })}
            </Typography.Text>
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.training.title')} href={pageHref('trainings')} tone={h.training.status === 'ok' ? 'ok' : h.training.status === 'noneLate' ? 'bad' : 'warn'} testId="card-trainings">
            <div className="home-figure">{h.training.status === 'ok' ? t('training.yearOk', { year: h.training.year, n: h.training.held }) : t('training.yearNone', { year: h.training.year })}</div>
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.violations.title')} href={pageHref('devices', h.violations > 0 ? 'violations' : undefined)} tone={h.violations > 0 ? 'bad' : 'ok'} testId="card-violations">
            <div className="home-figure">{h.violations > 0 ? t('home.violations.count', { n: h.violations }) : t('home.violations.none')}</div>
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.ranges.title')} href={pageHref('devices')} tone={h.outsideRanges === null ? 'plain' : h.outsideRanges > 0 ? 'warn' : 'ok'} testId="card-ranges">
            <div className="home-figure">{h.outsideRanges === null ? t('home.ranges.none') : h.outsideRanges > 0 ? t('home.ranges.outside', { n: h.outsideRanges }) : t('home.ranges.ok')}</div>
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.backup.title')} href={pageHref('backup')} tone={h.backup.overdue || h.export.overdue ? 'warn' : 'ok'} testId="card-backup">
            <div className={h.backup.overdue ? 'home-warn' : undefined}>{h.backup.lastDay ? t('home.backup.last', { day: h.backup.lastDay }) : t('home.backup.never')}</div>
            {h.backup.overdue && h.backup.lastDay && <div className="home-warn">{t('home.backup.overdue', { n: BACKUP_DUE_DAYS })}</div>}
            <div className={h.export.overdue ? 'home-warn' : undefined}>{h.export.lastAt !== null ? t('home.export.last', { time: formatDateTime(h.export.lastAt) }) : t('home.export.never')}</div>
            {h.export.overdue && h.export.lastAt !== null && <div className="home-warn">{t('home.export.overdue', { n: DEFAULT_SILENT_DAYS })}</div>}
            <a href={pageHref('bundles')}>{t('home.export.go')}</a>
          </HomeCard>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <HomeCard title={t('home.policy.title')} href={pageHref('bundles')} tone={checkpointAlarm(data.policy?.checkpoint) ? 'bad' : data.policy ? 'plain' : 'warn'} testId="card-policy">
            <CheckpointStatus policy={data.policy} unitName={unit.name} compact />
            <PolicyNews policy={data.policy} />
          </HomeCard>
        </Col>
        <Col span={24}>
          {trend.error ? <Alert type="error" showIcon message={t('err.generic', { message: trend.error })} /> : <UnitTrendChart trends={trend.data} />}
        </Col>
      </Row>
    </div>
  );
}
