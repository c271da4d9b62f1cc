import type { RecordMeta } from '../../../shared/domain/record';
import { useEffect } from 'react';
import { Form, Modal } from 'antd';
import { retireLedgerRecord, RETIRE_REASON } from '../../db/ledgers';
import type { MessageKey, Translate } from '../../i18n';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { lengthRule, TextBox } from '../../ui/LimitedInput';
import { useLedgers } from './ledgerStore';
import type { LedgerContext, LedgerDef } from './types';

/** Records are never deleted: a wrong or void record is retired with a reason and stays in the ledger. */
export function RetireRecordModal<R extends RecordMeta>({ def, ctx, record, onClose }: { def: LedgerDef<R>; ctx: LedgerContext; record: R | undefined; onClose: () => void }) {
  const actor = useActor();
  const upsert = useLedgers((s) => s.upsert);
  return (
    <RetireReasonModal
      t={ctx.t}
      open={record !== undefined}
      title={ctx.t('ledger.retireTitle', { noun: ctx.t(def.noun) })}
      done="ledger.retired"
      onClose={onClose}
      retire={async (reason) => {
        if (record) upsert(def.table, [await retireLedgerRecord<R>(db, actor, def.table, record.id, record.rev, reason)]);
      }}
    />
  );
}

/** Asks why something is retired (a record, an attachment) and retires it; refusals show in the dialog. */
export function RetireReasonModal({ t, open, title, help, done, onClose, retire }: { t: Translate; open: boolean; title: string; help?: string; done: MessageKey; onClose: () => void; retire: (reason: string) => Promise<void> }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, banner, run, clearBanner } = useFormWrite(form);
  useEffect(() => {
    if (open) {
      form.resetFields();
      clearBanner();
    }
  }, [open, form, clearBanner]);

  const submit = async () => {
    const { reason } = await form.validateFields();
    if (await run(() => retire(reason), done)) onClose();
  };

  return (
    <Modal open={open} title={title} okText={t('ledger.retire')} okButtonProps={{ danger: true, loading: busy }} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <p className="muted">{help ?? t('ledger.retireHelp')}</p>
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('ledger.retireReason')} rules={[{ required: true, whitespace: true, min: RETIRE_REASON.min, message: t('err.retire.reason') }, lengthRule(t, RETIRE_REASON.max)]}>
          <TextBox max={RETIRE_REASON.max} rows={2} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
