import type { IpRange } from '../../../shared/rules/ipRanges';
import { inRanges } from '../../../shared/rules/ipRanges';
import { chinese } from '../../i18n';
import { FormTable, PaperForm } from '../../ui/PaperForm';
import type { PaperPeriod } from '../../ui/paperPeriod';
import type { IndexedDevice } from './search';

/**
 * 入网计算机登记表 (第十六条, 第十九条): every device in use, in address order,
 * a PC on the internet without an isolation card marked as the violation it
 * is (the register's own rule), and one outside the assigned ranges noted.
 */
export function RegisterForm({ rows, ranges, unitName, period }: { rows: readonly IndexedDevice[]; ranges: readonly IpRange[]; unitName: string; period: PaperPeriod }) {
  const t = chinese;
  const yesNo = (v: boolean) => t(v ? 'common.yes' : 'common.no');
  const violations = rows.filter((r) => r.violation).length;
  const outside = (ip: string) => ranges.length > 0 && !inRanges(ip, ranges);
  return (
    <PaperForm title={t('paper.title.register')} unitName={unitName} period={period.label} signers={[t('paper.sign.filler'), t('paper.sign.reviewer'), t('paper.sign.leader')]}>
      <FormTable
        head={[t('paper.col.no'), t('device.ip'), t('device.mac'), t('device.owner'), t('device.office'), t('device.location'), t('device.kind'), t('device.status'), t('paper.register.dedicated'), t('paper.register.internet'), t('paper.register.card'), t('paper.register.remark')]}
        widths={['10mm', '25mm', '33mm', '17mm', '22mm', undefined, '14mm', '12mm', '12mm', '14mm', '12mm', '42mm']}
      >
        {rows.map((r, i) => (
          <tr key={r.device.id}>
            <td className="num">{i + 1}</td>
            <td className="nowrap">{r.device.ip}</td>
            <td className="nowrap">{r.device.mac}</td>
            <td>{r.device.owner}</td>
            <td>{r.device.office}</td>
            <td>{r.device.location}</td>
            <td>{t(`device.kind.${r.device.kind}`)}</td>
            <td>{t(`device.status.${r.device.status}`)}</td>
            <td>{yesNo(r.device.dedicatedConfirmed)}</td>
            <td>{yesNo(r.device.internetCapable)}</td>
            <td>{yesNo(r.device.isolationCard)}</td>
            <td className={r.violation ? 'mark' : undefined}>{[r.violation ? t('paper.register.violation') : '', outside(r.device.ip) ? t('device.outsideRange') : '', r.device.note].filter(Boolean).join('；')}</td>
          </tr>
        ))}
      </FormTable>
      <div className="doc-note">{t('paper.register.summary', { n: rows.length, violations })}</div>
    </PaperForm>
  );
}
