import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Alert, Button, Drawer, Select, Space, Typography } from 'antd';
import { isoDay, yearCalendar, type YearCalendar } from '../../../shared/calendar/calendar';
import { cycleDay, dayMark, monthGrid, startingYear, type DayMark } from '../../../shared/calendar/editor';
import { saveCalendarYears } from '../../db/checkins';
import type { Translate } from '../../i18n';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { issueText } from '../../ui/formErrors';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';

const TONE: Record<DayMark, CSSProperties> = {
  work: { background: '#fff', color: 'rgba(0,0,0,.88)', borderColor: '#d9d9d9' },
  weekend: { background: '#f0f0f0', color: 'rgba(0,0,0,.45)', borderColor: '#e5e5e5' },
  holiday: { background: '#fff1f0', color: '#cf1322', borderColor: '#ffa39e', fontWeight: 600 },
  adjustedWork: { background: '#e6f4ff', color: '#0958d9', borderColor: '#91caff', fontWeight: 600 },
};
const CELL: CSSProperties = { width: 30, height: 26, padding: 0, border: '1px solid', borderRadius: 4, fontSize: 12, cursor: 'pointer', fontFamily: 'inherit' };
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

/**
 * A year of holidays and adjusted working days, marked by clicking days:
 * the office prepares next year's calendar as soon as the State Council
 * publishes it, then signs it into the policy. Saved as the office's own
 * calendar year (with a change-log entry), so the policy page offers it.
 */
export function YearCalendarEditor({ t, open, years, source, onClose, onSaved }: { t: Translate; open: boolean; years: readonly YearCalendar[]; source: string; onClose: () => void; onSaved: (year: number) => void }) {
  const actor = useActor();
  const { busy, banner, run, clearBanner } = useFormWrite();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear + 1);
  const [cal, setCal] = useState<YearCalendar>(() => startingYear(thisYear + 1, years, source));
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!open) return;
    setCal(startingYear(year, years, source));
    setProblem(undefined);
    clearBanner();
  }, [open, year, years, source, clearBanner]);

  const choices = useMemo(() => [...new Set([...years.map((y) => y.year), thisYear, thisYear + 1, thisYear + 2])].sort((a, b) => b - a), [years, thisYear]);
  const known = years.find((y) => y.year === year);

  const save = async () => {
    const checked = yearCalendar.safeParse(cal);
    if (!checked.success) return setProblem(issueText(t, checked.error.issues[0]?.message ?? ''));
    setProblem(undefined);
    if (await run(async () => void (await saveCalendarYears(db, actor, [checked.data])), 'caledit.saved', { year })) onSaved(year);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1040}
      title={t('caledit.title')}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {t('caledit.save', { year })}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<number> value={year} onChange={setYear} style={{ width: 120 }} aria-label={t('caledit.year')} options={choices.map((y) => ({ value: y, label: t('caledit.yearOption', { year: y }) }))} />
        <Typography.Text type="secondary" data-testid="caledit-start">
          {known ? t(known.source === 'bundled' ? 'caledit.fromBundled' : 'caledit.fromLoaded', { source: known.source }) : t('caledit.fromBlank')}
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary">{t('caledit.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {(['work', 'weekend', 'holiday', 'adjustedWork'] as const).map((m) => (
          <span key={m} style={{ ...CELL, ...TONE[m], display: 'inline-block', width: 'auto', padding: '2px 8px', cursor: 'default' }}>
            {t(`caledit.mark.${m}`)}
          </span>
        ))}
        <Typography.Text data-testid="caledit-summary">{t('caledit.summary', { holidays: cal.holidays.length, workdays: cal.workdays.length })}</Typography.Text>
      </Space>
      <WriteErrors messages={banner} />
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 16 }}>
        {Array.from({ length: 12 }, (_, month) => (
          <div key={month} data-testid="caledit-month">
            <Typography.Text strong>{t('caledit.month', { month: month + 1 })}</Typography.Text>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 30px)', gap: 2, marginTop: 4 }}>
              {WEEK_HEAD.map((w) => (
                <span key={w} style={{ fontSize: 12, textAlign: 'center', color: 'rgba(0,0,0,.45)' }}>
                  {w}
                </span>
              ))}
              {monthGrid(year, month).map((date, i) => {
                if (!date) return <span key={`b${i}`} />;
                const mark = dayMark(cal, date);
                const iso = isoDay(date);
                return (
                  <button key={iso} type="button" style={{ ...CELL, ...TONE[mark] }} data-mark={mark} aria-label={`${iso} ${t(`caledit.mark.${mark}`)}`} title={`${iso} ${t(`caledit.mark.${mark}`)}`} onClick={() => setCal((c) => cycleDay(c, date))}>
                    {date.getDate()}
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </Drawer>
  );
}
