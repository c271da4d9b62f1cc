import { useEffect, useMemo, useState } from 'react';
import { isoDay } from '../../../shared/calendar/calendar';
import { formatMinutes } from '../../../shared/calendar/schedule';
import type { SlotResult } from '../../../shared/checkins/compliance';
import { periodReport, type DayReport } from '../../../shared/checkins/report';
import type { UnitProfile } from '../../../shared/domain/unit';
import { chinese } from '../../i18n';
import { formatTime } from '../../ui/format';
import { FormTable, PaperForm } from '../../ui/PaperForm';
import type { PaperPeriod } from '../../ui/paperPeriod';
import { loadCheckinPeriod, type CheckinPeriod } from './checkinPeriod';
import { useCheckins } from './checkinStore';
import { rateText } from './countText';

/** A slot's outcome in a cell: the verdict, and the time of the check-in that served it. */
function SlotCell({ result }: { result: SlotResult | undefined }) {
  // A slot still to come has nothing to record yet: its box stays blank.
  if (!result || result.status === 'pending') return <td />;
  const t = chinese;
  return (
    <td className={result.status === 'missed' ? 'mark' : undefined} style={{ textAlign: 'center' }}>
      {t(`compliance.status.${result.status}`)}
      {result.checkin && (
        <>
          <br />
          {formatTime(result.checkin.at)}
        </>
      )}
    </td>
  );
}

function dayNote(day: DayReport): string {
  return day.kind === 'unknown' ? chinese('compliance.unknownDay', { year: day.date.getFullYear() }) : '';
}

/**
 * 查收签到情况 for a month (第二十七条): each working day's slots with how each
 * was served and when, the day's rate, and each officer's and the unit's
 * figures — all from shared/checkins, as the page computes them.
 */
export function CheckinMonthForm({ unit, period }: { unit: UnitProfile; period: PaperPeriod }) {
  const t = chinese;
  const { calendar, schedule, version } = useCheckins();
  const [data, setData] = useState<CheckinPeriod>();
  const from = useMemo(() => new Date(`${period.from}T00:00:00`), [period.from]);
  const days = Number(period.to.slice(8)) - Number(period.from.slice(8)) + 1;

  useEffect(() => {
    let live = true;
    void loadCheckinPeriod(unit.id, from, days).then((p) => live && setData(p));
    return () => {
      live = false;
    };
  }, [unit.id, from, days, version]);

  const report = useMemo(() => (data ? periodReport(calendar, schedule, data.checkins, data.officers, from, days, Date.now(), unit.createdAt) : undefined), [data, calendar, schedule, from, days, unit.createdAt]);
  if (!report || !data) return null;
  // Days still to come are left off: a month printed part-way is a record of what has happened.
  const today = isoDay(new Date());
  const shown = report.days.filter((d) => (d.kind === 'work' || d.kind === 'unknown') && d.iso <= today);
  const minutes = [...new Set(shown.flatMap((d) => d.results.map((r) => r.slot.minute)))].sort((a, b) => a - b);
  const slotWidth = `${Math.min(16, Math.floor(140 / Math.max(1, minutes.length)))}mm`;

  return (
    <PaperForm title={t('paper.title.checkins')} unitName={unit.name} period={period.label} signers={[t('paper.sign.docOfficer'), t('paper.sign.reviewer')]}>
      <FormTable head={[t('compliance.date'), ...minutes.map(formatMinutes), t('compliance.rate')]} widths={['20mm', ...minutes.map(() => slotWidth), undefined]}>
        {shown.map((d) => (
          <tr key={d.iso}>
            <td className="nowrap">{d.iso.slice(5)}</td>
            {d.kind === 'work' ? minutes.map((m) => <SlotCell key={m} result={d.results.find((r) => r.slot.minute === m)} />) : <td colSpan={minutes.length}>{dayNote(d)}</td>}
            <td className="num">{d.kind === 'work' ? rateText(d.tally) : ''}</td>
          </tr>
        ))}
      </FormTable>
      <div className="doc-note">{t('paper.checkins.legend', { tolerance: schedule.toleranceMinutes })}</div>
      {report.unknownYears.length > 0 && <div className="doc-note">{t('compliance.provisional', { years: report.unknownYears.join('、') })}</div>}
      <h2>{t('compliance.byOfficer')}</h2>
      <FormTable head={[t('compliance.officer'), t('compliance.due'), t('compliance.onTime'), t('compliance.late'), t('compliance.missed'), t('compliance.rate')]}>
        {[...report.byOfficer].map(([id, tally]) => (
          <tr key={id}>
            <td>{data.names.get(id) ?? id}</td>
            <td className="num">{tally.due}</td>
            <td className="num">{tally.onTime}</td>
            <td className="num">{tally.late}</td>
            <td className="num">{tally.missed}</td>
            <td className="num">{rateText(tally)}</td>
          </tr>
        ))}
        <tr className="subtotal">
          <td>{t('paper.checkins.unit')}</td>
          <td className="num">{report.unit.due}</td>
          <td className="num">{report.unit.onTime}</td>
          <td className="num">{report.unit.late}</td>
          <td className="num">{report.unit.missed}</td>
          <td className="num">{rateText(report.unit)}</td>
        </tr>
      </FormTable>
    </PaperForm>
  );
}
