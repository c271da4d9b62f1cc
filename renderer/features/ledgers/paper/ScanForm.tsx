import type { Scan } from '../../../../shared/ledgers/scan';
import { scanCoverage } from '../../../../shared/rules/scanCoverage';
import { FormTable, PaperForm } from '../../../ui/PaperForm';
import { useCoveragePolicy } from '../panels/CoveragePanel';
import type { PaperProps } from '../types';

/**
 * 病毒查杀记录 for a period (第二十二条): every scan in it, then coverage on the
 * period's last day by the same rule as the panel — each active device's
 * latest scan up to that day, whether or not it fell inside the period.
 */
export function ScanForm({ records, all, ctx, period }: PaperProps<Scan>) {
  const t = ctx.t;
  const [policy] = useCoveragePolicy();
  const coverage = scanCoverage(
    ctx.activeDevices.map((d) => d.id),
    all,
    policy,
    period.to,
  );
  const problems = coverage.devices.filter((d) => d.problems.length > 0);
  const device = (id: string) => ctx.devices.get(id);
  return (
    <PaperForm title={t('paper.title.scans')} unitName={ctx.unit.name} period={period.label} signers={[t('paper.sign.filler'), t('paper.sign.reviewer')]}>
      <FormTable
        head={[t('scan.scannedOn'), t('device.ip'), t('device.owner'), t('scan.tool'), t('scan.signatureVersion'), t('scan.signatureDate'), t('scan.scope'), t('scan.threats'), t('scan.action')]}
        widths={['20mm', '24mm', '15mm', undefined, '24mm', '20mm', '11mm', '13mm', '30mm']}
      >
        {records.map((r) => (
          <tr key={r.id}>
            <td className="nowrap">{r.scannedOn}</td>
            <td className="nowrap">{device(r.deviceId)?.ip}</td>
            <td>{device(r.deviceId)?.owner}</td>
            <td>{r.tool}</td>
            <td>{r.signatureVersion}</td>
            <td className="nowrap">{r.signatureDate}</td>
            <td>{t(`scope.${r.scope}`)}</td>
            <td className={r.threats > 0 ? 'num mark' : 'num'}>{r.threats}</td>
            <td>{[r.action, r.threats > 0 && !r.resolved ? t('coverage.problem.unresolvedThreats') : ''].filter(Boolean).join('；')}</td>
          </tr>
        ))}
      </FormTable>
      <h2>{t('paper.scan.coverageHeading', { day: period.to })}</h2>
      <div className="doc-note">
        {t('coverage.summary', { covered: coverage.covered, total: coverage.total })}
        {t('paper.punct')}
        {t('paper.scan.rule', { days: policy.periodDays, age: policy.maxSignatureAgeDays })}
      </div>
      {problems.length > 0 && (
        <FormTable head={[t('device.ip'), t('device.owner'), t('device.office'), t('coverage.lastScan'), t('coverage.problems')]} widths={['26mm', '20mm', '30mm', '24mm', undefined]}>
          {problems.map((d) => (
            <tr key={d.deviceId}>
              <td className="nowrap">{device(d.deviceId)?.ip}</td>
              <td>{device(d.deviceId)?.owner}</td>
              <td>{device(d.deviceId)?.office}</td>
              <td className="nowrap">{d.latest?.scannedOn ?? t('coverage.never')}</td>
              <td className="mark">{d.problems.map((p) => t(`coverage.problem.${p}`)).join('、')}</td>
            </tr>
          ))}
        </FormTable>
      )}
    </PaperForm>
  );
}
