import { useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { ALARMING } from '../../../shared/bundle/checkpoint';
import type { CheckpointCheck } from '../../db/checkpoint';
import type { AppliedPolicy } from '../../db/policy';
import { readCheck } from '../../db/checkpoint';
import { useT, type Translate } from '../../i18n';
import { entryRange, formatDateTime } from '../../ui/format';
import { CheckpointReceipt } from './CheckpointReceipt';

/** The lines that say what the office holds, calm or loud; the same on the policy page, the home card and the receipt. */
export function checkpointLines(t: Translate, check: CheckpointCheck): string[] {
  const lines: string[] = [];
  const office = check.office;
  const exported = check.lastExportAt !== null ? t('checkpoint.lastExport', { time: formatDateTime(check.lastExportAt) }) : t('checkpoint.neverExported');
  if (check.verdict === 'agree') lines.push(t('checkpoint.agree', { n: office!.seq }));
  else if (check.verdict === 'behind') lines.push(t('checkpoint.behind', { n: office!.seq, m: check.newer }), exported);
  else if (check.verdict === 'nothing') lines.push(t('checkpoint.nothing'), check.lastExportAt !== null ? `${exported}${t('checkpoint.nothingExported')}` : exported);
  else if (check.verdict === 'mismatch') lines.push(t('checkpoint.mismatch', { n: office!.seq }));
  else lines.push(t('checkpoint.beyond', { n: office!.seq, head: check.head.seq }));
  if (office && office.missing.length > 0 && !ALARMING.has(check.verdict)) lines.push(t('checkpoint.missing', { ranges: office.missing.map((m) => entryRange(t, m.from, m.to)).join('、') }));
  return lines;
}

const TODO = ['checkpoint.todo.call', 'checkpoint.todo.keep', 'checkpoint.todo.export', 'checkpoint.todo.print'] as const;

/**
 * The office's checkpoint as this unit judged it when the policy came in. A
 * history the unit did not write is an alarm with what to do; the rest is a
 * calm line. Nothing when the policy carried no checkpoints.
 */
export function CheckpointStatus({ policy, unitName, compact }: { policy: AppliedPolicy | null; unitName: string; compact?: boolean }) {
  const t = useT();
  const [printing, setPrinting] = useState(false);
  const check = readCheck(policy?.checkpoint);
  if (!policy || !check) return null;
  const alarm = ALARMING.has(check.verdict);
  const lines = checkpointLines(t, check);
  const print = (
    <Button size="small" icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
      {t('checkpoint.print')}
    </Button>
  );
  return (
    <div data-testid="checkpoint" data-verdict={check.verdict}>
      {alarm ? (
        <Alert
          type="error"
          showIcon
          message={t(check.verdict === 'mismatch' ? 'checkpoint.mismatch.title' : 'checkpoint.beyond.title')}
          description={
            <>
              {lines.map((l) => (
                <div key={l}>{l}</div>
              ))}
              <div>{t('checkpoint.todo')}</div>
              <ol style={{ margin: '4px 0 8px', paddingInlineStart: 20 }}>
                {TODO.map((k) => (
                  <li key={k}>{t(k)}</li>
                ))}
              </ol>
              {!compact && print}
            </>
          }
        />
      ) : (
        <Space orientation="vertical" size={2}>
          {!compact && <Typography.Text strong>{t('checkpoint.title')}</Typography.Text>}
          {lines.map((l) => (
            <span key={l} className={check.verdict === 'agree' || check.verdict === 'behind' ? undefined : 'muted'}>
              {l}
            </span>
          ))}
          {!compact && <Typography.Text type="secondary">{t('checkpoint.asOf', { time: formatDateTime(policy.issuedAt) })}</Typography.Text>}
          {!compact && print}
        </Space>
      )}
      {printing && <CheckpointReceipt policy={policy} check={check} unitName={unitName} onClose={() => setPrinting(false)} />}
    </div>
  );
}
