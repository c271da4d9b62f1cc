import { isoDay } from '../../../../shared/calendar/calendar';
import type { Fault } from '../../../../shared/ledgers/fault';
import { monthlyLeaseReport } from '../../../../shared/rules/leaseReport';
import { formatDateTime } from '../../../ui/format';
import { FormTable, PaperForm } from '../../../ui/PaperForm';
import { consequenceText, money, slaText } from '../defs/faultText';
import type { LedgerPaper, PaperProps } from '../types';

/**
 * The month's 租赁费核减报告 (第四十四条(一)), one form per maintainer, each
 * on its own page for that maintainer to countersign: the figures are the
 * ledger panel's, from shared/rules/leaseReport.
 */
export function LeaseReportForm({ records, ctx, period }: PaperProps<Fault>) {
  const t = ctx.t;
  const fees = new Map([...ctx.maintainers.values()].map((m) => [m.id, m.monthlyFee]));
  const report = monthlyLeaseReport(records, period.from.slice(0, 7), ctx.unit.area, fees, ctx.now);
  const signers = [t('paper.sign.filler'), t('paper.sign.maintainer'), t('paper.sign.reviewer')];
  if (report.length === 0)
    return (
      <PaperForm title={t('paper.title.lease')} unitName={ctx.unit.name} period={period.label} signers={signers}>
        <p>{t('fault.report.empty')}</p>
      </PaperForm>
    );
  return (
    <>
      {report.map((m) => (
        <div className="form-part" key={m.maintainerId}>
          <PaperForm title={t('paper.title.lease')} unitName={ctx.unit.name} period={period.label} signers={signers}>
            <div className="form-head">
              <span>
                {t('fault.maintainer')}：{ctx.maintainers.get(m.maintainerId)?.name ?? ''}
              </span>
              <span>{t('paper.lease.fee', { fee: money(m.fee) })}</span>
            </div>
            <FormTable head={[t('fault.reportedAt'), t('fault.description'), t('fault.sla'), t('fault.urgeCount'), t('fault.consequence'), t('fault.decidedPct')]} widths={['30mm', undefined, '26mm', '13mm', '40mm', '22mm']}>
              {m.lines.map((l) => (
                <tr key={l.ticket.id}>
                  <td className="nowrap">{formatDateTime(l.ticket.reportedAt)}</td>
                  <td>{l.ticket.description}</td>
                  <td>{slaText(l.assessment, ctx)}</td>
                  <td className="num">{l.assessment.urges}</td>
                  <td>{consequenceText(l.assessment, ctx) || '—'}</td>
                  <td className={l.outsideBand ? 'mark' : undefined}>{l.ticket.decidedPct === null ? '—' : `${l.ticket.decidedPct}%${l.outsideBand ? `（${t('fault.outsideBand')}）` : ''}`}</td>
                </tr>
              ))}
            </FormTable>
            <div className="doc-note">
              {[t('fault.report.onTimeLate', { on: m.onTime, late: m.late }), t('fault.report.proposed', { min: m.proposedMin, max: m.proposedMax }), t('fault.report.decided', { pct: m.decidedPct, amount: money(m.decidedAmount), fee: money(m.fee) }), m.undecided > 0 ? t('fault.report.undecided', { n: m.undecided }) : ''].filter(Boolean).join('；')}
            </div>
          </PaperForm>
        </div>
      ))}
    </>
  );
}

/** Printed from the fault ledger's monthly report: a ticket belongs to the month it was reported in. */
export const leaseReportPaper: LedgerPaper<Fault> = { title: 'paper.title.lease', period: 'month', day: (r) => isoDay(new Date(r.reportedAt)), Form: LeaseReportForm };
