import { isoDay } from '../../../../shared/calendar/calendar';
import type { DutyLog } from '../../../../shared/ledgers/duty';
import { dutyMonth } from '../../../../shared/rules/dutyGaps';
import { FormTable, PaperForm } from '../../../ui/PaperForm';
import { useCheckins } from '../../checkins/checkinStore';
import type { PaperProps } from '../types';

/** 值班日志 for a month (第十二条, 第二十三条): every log, a line for the shift to sign, and the working days left without one. */
export function DutyLogForm({ records, ctx, period }: PaperProps<DutyLog>) {
  const t = ctx.t;
  const calendar = useCheckins((s) => s.calendar);
  const month = dutyMonth(calendar, period.from.slice(0, 7), new Set(records.map((r) => r.date)), isoDay(new Date(ctx.now)), isoDay(new Date(ctx.unit.createdAt)));
  return (
    <PaperForm title={t('paper.title.duty')} unitName={ctx.unit.name} period={period.label} signers={[t('paper.sign.reviewer'), t('paper.sign.leader')]}>
      <FormTable
        head={[t('duty.date'), t('duty.shift'), t('duty.staff'), t('duty.equipment'), t('duty.events'), t('duty.faults'), t('duty.handover'), t('paper.sign.staff')]}
        widths={['20mm', '11mm', '16mm', '24mm', undefined, '24mm', '26mm', '19mm']}
      >
        {records.map((r) => (
          <tr key={r.id}>
            <td className="nowrap">{r.date}</td>
            <td>{t(`duty.shift.${r.shift}`)}</td>
            <td>{r.staff}</td>
            <td className={r.equipment === 'abnormal' ? 'mark' : undefined}>{r.equipment === 'normal' ? t('duty.equipment.normal') : `${t('duty.equipment.abnormal')}：${r.abnormality}`}</td>
            <td>{r.events}</td>
            <td>{r.faults}</td>
            <td>{r.handover}</td>
            <td />
          </tr>
        ))}
      </FormTable>
      <div className="doc-note">
        {t('paper.duty.summary', { work: month.workingDays, logged: month.logged })}
        {t('paper.punct')}
        {month.gaps.length > 0 ? t('paper.duty.gaps', { n: month.gaps.length, days: month.gaps.map((d) => d.slice(5)).join('、') }) : t('duty.noGaps')}
        {month.provisional && `${t('paper.punct')}${t('duty.provisional', { year: period.from.slice(0, 4) })}`}
      </div>
    </PaperForm>
  );
}
