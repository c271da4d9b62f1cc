import type { CopyFiling } from '../../../../shared/ledgers/copyFiling';
import { FormTable, PaperForm } from '../../../ui/PaperForm';
import type { PaperProps } from '../types';

/** 复制备案登记表 (第二十条): what was copied, why, by whom, on whose approval — with a column for the approver to sign. */
export function CopyFilingForm({ records, ctx, period }: PaperProps<CopyFiling>) {
  const t = ctx.t;
  return (
    <PaperForm title={t('paper.title.copies')} unitName={ctx.unit.name} period={period.label} signers={[t('paper.sign.filler'), t('paper.sign.reviewer')]}>
      <FormTable
        head={[t('paper.col.no'), t('copy.copiedOn'), t('copy.content'), t('copy.description'), t('copy.purpose'), t('copy.copiedBy'), t('copy.approvalRef'), t('copy.automatic'), t('paper.sign.approver')]}
        widths={['10mm', '20mm', '17mm', undefined, '26mm', '14mm', '30mm', '17mm', '17mm']}
      >
        {records.map((r, i) => (
          <tr key={r.id}>
            <td className="num">{i + 1}</td>
            <td className="nowrap">{r.copiedOn}</td>
            <td>{t(`content.${r.content}`)}</td>
            <td>{r.description}</td>
            <td>{r.purpose}</td>
            <td>{r.copiedBy}</td>
            <td>{r.approvalRef}</td>
            <td>{t(r.automatic ? 'copy.auto' : 'copy.manual')}</td>
            <td />
          </tr>
        ))}
      </FormTable>
    </PaperForm>
  );
}
