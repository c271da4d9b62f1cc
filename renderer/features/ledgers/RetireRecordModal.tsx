import type { RecordMeta } from '../../../shared/domain/record';
import { useEffect } from 'react';
import { Form, Modal } from 'antd';
import { retireLedgerRecord, RETIRE_REASON } from '../../db/ledgers';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { lengthRule, TextBox } from '../../ui/LimitedInput';
import { useLedgers } from './ledgerStore';
import type { LedgerContext, LedgerDef } from './types';

/** Records are never deleted: a wrong or void record is retired with a reason and stays in the ledger. */
export function RetireRecordModal<R extends RecordMeta>({ def, ctx, record, onClose }: { def: LedgerDef<R>; ctx: LedgerContext; record: R | undefined; onClose: () => void }) {
  const t = ctx.t;
  const actor = useActor();
  const upsert = useLedgers((s) => s.upsert);
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  useEffect(() => {
    if (record) {
      form.resetFields();
      clearBanner();
    }
  }, [record, form, clearBanner]);

  const retire = async () => {
    const { reason } = await form.validateFields();
    if (!record) return;
    const ok = await run(async () => {
      upsert(def.table, [await retireLedgerRecord<R>(db, actor, def.table, record.id, record.rev, reason)]);
    }, 'ledger.retired');
    if (ok) onClose();
  };

  return (
    <Modal
      open={record !== undefined}
      title={t('ledger.retireTitle', { noun: t(def.noun) })}
      okText={t('ledger.retire')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void retire().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="muted">{t('ledger.retireHelp')}</p>
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('ledger.retireReason')} rules={[{ required: true, whitespace: true, min: RETIRE_REASON.min, message: t('err.retire.reason') }, lengthRule(t, RETIRE_REASON.max)]}>
          <TextBox max={RETIRE_REASON.max} rows={2} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
