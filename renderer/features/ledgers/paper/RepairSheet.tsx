import type { ReactNode } from 'react';
import { isoDay } from '../../../../shared/calendar/calendar';
import type { Fault } from '../../../../shared/ledgers/fault';
import { ARRIVAL_LIMIT_MS, outsideBand } from '../../../../shared/rules/faultSla';
import { formatDateTime } from '../../../ui/format';
import { PaperForm } from '../../../ui/PaperForm';
import { deviceLabel } from '../useLedgerContext';
import { assess, consequenceText, slaText } from '../defs/faultText';
import type { LedgerContext } from '../types';

/** The sheet's file name: the unit, the form and when the fault was reported. */
export function repairSheetFileName(r: Fault, ctx: LedgerContext): string {
  return `${ctx.unit.name}${ctx.t('paper.title.repair')}${formatDateTime(r.reportedAt).replace(/[ :]/g, '')}`;
}

function Row({ label, children, tall }: { label: string; children: ReactNode; tall?: boolean }) {
  return (
    <tr>
      <th>{label}</th>
      <td colSpan={3} className={tall ? 'tall' : undefined}>
        {children}
      </td>
    </tr>
  );
}

/**
 * 维修单 of one fault ticket (第十三条, 第四十四条(一)): the report, each urge,
 * the arrival against the 1 h / 3 h limit, the cause and the work done, what
 * the rule proposes and what the office decided — the times and judgement
 * from shared/rules, as the ledger shows them — and lines for the reporter,
 * the technician and the unit to sign.
 */
export function RepairSheet({ record: r, ctx }: { record: Fault; ctx: LedgerContext }) {
  const t = ctx.t;
  const a = assess(r, ctx);
  const hours = ARRIVAL_LIMIT_MS[ctx.unit.area] / 3_600_000;
  const decided = r.decidedPct === null ? t('paper.repair.undecided') : `${r.decidedPct}%${outsideBand(r.decidedPct, a.proposed) ? `（${t('fault.outsideBand')}）` : ''}`;
  return (
    <PaperForm title={t('paper.title.repair')} unitName={ctx.unit.name} period={isoDay(new Date(r.reportedAt))} periodLabel={t('paper.repair.reportedOn')} signers={[t('fault.reporter'), t('paper.sign.technician'), t('paper.sign.unitConfirm')]}>
      <table className="form-fields">
        <tbody>
          <tr>
            <th>{t('fault.reportedAt')}</th>
            <td>{formatDateTime(r.reportedAt)}</td>
            <th>{t('fault.reporter')}</th>
            <td>{r.reporter}</td>
          </tr>
          <tr>
            <th>{t('fault.maintainer')}</th>
            <td>{ctx.maintainers.get(r.maintainerId)?.name ?? ''}</td>
            <th>{t('paper.repair.limit')}</th>
            <td>{t('paper.repair.limitValue', { hours, deadline: formatDateTime(a.deadline) })}</td>
          </tr>
          <Row label={t('fault.devices')}>{r.deviceIds.map((id) => deviceLabel(ctx.devices.get(id), id)).join('；') || t('paper.none')}</Row>
          <Row label={t('fault.description')} tall>
            {r.description}
          </Row>
          <Row label={t('fault.urges')}>{r.urges.length > 0 ? r.urges.map((u, i) => t('paper.repair.urge', { n: i + 1, time: formatDateTime(u) })).join('；') : t('paper.none')}</Row>
          <tr>
            <th>{t('fault.arrivedAt')}</th>
            <td>{formatDateTime(r.arrivedAt) || '—'}</td>
            <th>{t('fault.sla')}</th>
            <td className={a.state === 'late' || a.state === 'overdue' ? 'mark' : undefined}>{slaText(a, ctx)}</td>
          </tr>
          <tr>
            <th>{t('fault.resolvedAt')}</th>
            <td>{formatDateTime(r.resolvedAt) || '—'}</td>
            <th>{t('fault.cause')}</th>
            <td>{r.cause ? t(`cause.${r.cause}`) : '—'}</td>
          </tr>
          <Row label={t('fault.resolution')} tall>
            {r.resolution}
          </Row>
          <Row label={t('fault.sheetWork')} tall>
            {r.sheetWork}
          </Row>
          <Row label={t('fault.consequence')}>{consequenceText(a, ctx) || t('paper.repair.pending')}</Row>
          <tr>
            <th>{t('paper.repair.decided')}</th>
            <td>{decided}</td>
            <th>{t('fault.sheetSentOn')}</th>
            <td>{r.sheetSentOn || '—'}</td>
          </tr>
        </tbody>
      </table>
    </PaperForm>
  );
}
