import type { Training } from '../../../../shared/ledgers/training';
import { FormTable, PaperForm } from '../../../ui/PaperForm';
import type { PaperProps } from '../types';

/** 培训记录 (第四十二条): each training of the period with who attended. */
export function TrainingForm({ records, ctx, period }: PaperProps<Training>) {
  const t = ctx.t;
  const people = records.reduce((n, r) => n + r.attendees.length, 0);
  return (
    <PaperForm title={t('paper.title.training')} unitName={ctx.unit.name} period={period.label} signers={[t('paper.sign.filler'), t('paper.sign.reviewer')]}>
      <FormTable head={[t('paper.col.no'), t('training.heldOn'), t('training.organiser'), t('training.topic'), t('training.attendees'), t('training.count')]} widths={['10mm', '20mm', '30mm', '50mm', undefined, '11mm']}>
        {records.map((r, i) => (
          <tr key={r.id}>
            <td className="num">{i + 1}</td>
            <td className="nowrap">{r.heldOn}</td>
            <td>{r.organiser}</td>
            <td>{r.topic}</td>
            <td>{r.attendees.join('、')}</td>
            <td className="num">{r.attendees.length}</td>
          </tr>
        ))}
      </FormTable>
      <div className="doc-note">{t('paper.training.summary', { n: records.length, people })}</div>
    </PaperForm>
  );
}
