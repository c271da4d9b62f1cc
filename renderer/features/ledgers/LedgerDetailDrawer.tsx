import type { RecordMeta } from '../../../shared/domain/record';
import { Descriptions, Drawer, Typography } from 'antd';
import { fieldsOf } from '../../db/ledgers';
import { formatDateTime } from '../../ui/format';
import { ChangeHistory, useRecordHistory } from './ChangeHistory';
import { RecordPaperActions } from './RecordPaperActions';
import { diffRecord, fieldText } from './display';
import type { LedgerContext, LedgerDef } from './types';

/** One record as it stands, then every change to it from the change log: who, when, what. */
export function LedgerDetailDrawer<R extends RecordMeta>({ def, ctx, record, onClose }: { def: LedgerDef<R>; ctx: LedgerContext; record: R | undefined; onClose: () => void }) {
  const t = ctx.t;
  const entries = useRecordHistory(def.table, record);

  return (
    <Drawer open={record !== undefined} onClose={onClose} title={record ? def.headline(record, ctx) : ''} size={680} destroyOnHidden extra={record && def.recordPaper && <RecordPaperActions paper={def.recordPaper} record={record} ctx={ctx} />}>
      {record && (
        <>
          {record.retiredAt !== null && (
            <Typography.Paragraph type="danger">
              {t('ledger.retiredInfo', { time: formatDateTime(record.retiredAt), reason: record.retiredReason ?? '' })}
            </Typography.Paragraph>
          )}
          <Descriptions size="small" column={2} bordered items={def.fields.map((f) => ({ key: f.name, label: t(f.label), span: f.wide || f.kind === 'checklist' || f.kind === 'textarea' ? 2 : 1, children: fieldText(f, fieldsOf(record)[f.name], ctx) }))} />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('ledger.history')}
          </Typography.Title>
          <ChangeHistory t={t} entries={entries} names={ctx.names} diff={(before, after) => diffRecord(def.fields, before, after, ctx)} />
        </>
      )}
    </Drawer>
  );
}
