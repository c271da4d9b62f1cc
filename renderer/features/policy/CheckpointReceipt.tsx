import dayjs from 'dayjs';
import type { CheckpointCheck } from '../../db/checkpoint';
import type { AppliedPolicy } from '../../db/policy';
import { chinese } from '../../i18n';
import { FormTable, PaperForm } from '../../ui/PaperForm';
import { PaperDialog } from '../../ui/PaperDialog';
import { entryRange, formatDateTime } from '../../ui/format';
import { asOfPeriod } from '../../ui/paperPeriod';
import { checkpointLines } from './CheckpointStatus';

/** A check code as it is compared by eye or read out: the chain hash in groups of eight. */
const codeText = (hash: string) => hash.match(/.{1,8}/g)!.join(' ');

/**
 * The receipt a unit prints of what the office holds: the office's
 * checkpoint beside this PC's own head, the verdict, and lines to sign. In
 * Chinese whatever the screen's language, like every paper that is filed.
 */
export function CheckpointReceipt({ policy, check, unitName, onClose }: { policy: AppliedPolicy; check: CheckpointCheck; unitName: string; onClose: () => void }) {
  const t = chinese;
  const office = check.office;
  const rows: [string, string, 'code'?][] = [
    [t('checkpoint.receipt.unit'), unitName],
    [t('checkpoint.receipt.issuer'), policy.issuer],
    [t('checkpoint.receipt.policyIssued'), formatDateTime(policy.issuedAt)],
    [t('checkpoint.receipt.checkedAt'), formatDateTime(check.checkedAt)],
    [t('checkpoint.receipt.officeSeq'), office ? t('checkpoint.receipt.seq', { n: office.seq }) : t('checkpoint.receipt.nothing')],
    [t('checkpoint.receipt.officeCode'), office ? codeText(office.hash) : t('checkpoint.receipt.none'), 'code'],
    [t('checkpoint.receipt.officeReceived'), office ? formatDateTime(office.receivedAt) : t('checkpoint.receipt.none')],
    [t('checkpoint.receipt.missing'), office && office.missing.length > 0 ? office.missing.map((m) => entryRange(t, m.from, m.to)).join('、') : t('checkpoint.receipt.none')],
    [t('checkpoint.receipt.ownSeq'), t('checkpoint.receipt.seq', { n: check.head.seq })],
    [office ? t('checkpoint.receipt.ownCode', { n: office.seq }) : t('checkpoint.receipt.ownCodeNone'), check.ownHash ? codeText(check.ownHash) : t('checkpoint.receipt.none'), 'code'],
    [t('checkpoint.receipt.lastExport'), check.lastExportAt !== null ? formatDateTime(check.lastExportAt) : t('checkpoint.receipt.none')],
    [t('checkpoint.receipt.verdict'), t(`checkpoint.verdict.${check.verdict}`)],
  ];
  const title = t('checkpoint.receipt.title');
  return (
    <PaperDialog title={title} initial={asOfPeriod(dayjs().format('YYYY-MM-DD'))} fileName={(p) => `${unitName}${title}${p.label}`} onClose={onClose}>
      {(period) => (
        <PaperForm title={title} unitName={unitName} period={period.label} signers={[t('checkpoint.receipt.signer'), t('checkpoint.receipt.leader')]}>
          <FormTable head={[t('checkpoint.receipt.item'), t('checkpoint.receipt.value')]} widths={['42mm', undefined]}>
            {rows.map(([k, v, code]) => (
              <tr key={k}>
                <td>{k}</td>
                <td className={code ? 'mono' : undefined}>{v}</td>
              </tr>
            ))}
          </FormTable>
          {checkpointLines(t, check).map((l) => (
            <p key={l} className="doc-note">
              {l}
            </p>
          ))}
          <p className="doc-note">{t('checkpoint.receipt.note')}</p>
        </PaperForm>
      )}
    </PaperDialog>
  );
}
