import type { RecordMeta } from '../../../shared/domain/record';
import { Button, Descriptions, Drawer, Space, Steps, Typography } from 'antd';
import { fieldsOf } from '../../db/ledgers';
import { formatDateTime } from '../../ui/format';
import { ChangeHistory, useRecordHistory } from './ChangeHistory';
import { RecordPaperActions } from './RecordPaperActions';
import { diffRecord, fieldText } from './display';
import { AttachmentsSection } from './AttachmentsSection';
import { isAttachable } from '../../../shared/attachments/attachment';
import { useActor, useCan } from '../../state/session';
import type { LedgerContext, LedgerDef, StepDef } from './types';

/** One record as it stands, then every change to it from the change log: who, when, what. */
export function LedgerDetailDrawer<R extends RecordMeta>({
  def,
  ctx,
  record,
  onClose,
  onStep,
}: {
  def: LedgerDef<R>;
  ctx: LedgerContext;
  record: R | undefined;
  onClose: () => void;
  /** Opens a step's form; absent for a user who may not write this ledger. */
  onStep?: (step: StepDef<R>, record: R) => void;
}) {
  const t = ctx.t;
  const entries = useRecordHistory(def.table, record);
  const canEdit = useCan(def.edit);
  // Attachments stay on the PC that took them; the office's read-only view of a unit's records has none to show.
  const actor = useActor();
  const milestones = record && def.milestones ? def.milestones(record, ctx) : [];
  const steps = record && record.retiredAt === null && onStep ? (def.steps ?? []).filter((s) => s.open(record)) : [];

  return (
    <Drawer open={record !== undefined} onClose={onClose} title={record ? def.headline(record, ctx) : ''} size={680} destroyOnHidden extra={record && def.recordPaper && <RecordPaperActions paper={def.recordPaper} record={record} ctx={ctx} />}>
      {record && (
        <>
          {record.retiredAt !== null && (
            <Typography.Paragraph type="danger">
              {t('ledger.retiredInfo', { time: formatDateTime(record.retiredAt), reason: record.retiredReason ?? '' })}
            </Typography.Paragraph>
          )}
          {milestones.length > 0 && (
            <Steps
              size="small"
              titlePlacement="vertical"
              data-testid="milestones"
              style={{ marginBottom: 16 }}
              current={milestones.filter((m) => m.done).length - 1}
              items={milestones.map((m) => ({ title: m.title, description: m.detail, status: m.done ? 'finish' : 'wait' }))}
            />
          )}
          {steps.length > 0 && (
            <Space wrap style={{ marginBottom: 16 }}>
              {steps.map((s) => (
                <Button key={s.key} type={s.next(record) ? 'primary' : 'default'} onClick={() => onStep?.(s, record)}>
                  {t(s.label)}
                </Button>
              ))}
            </Space>
          )}
          <Descriptions size="small" column={2} bordered items={def.fields.map((f) => ({ key: f.name, label: t(f.label), span: f.wide || f.kind === 'checklist' || f.kind === 'textarea' ? 2 : 1, children: fieldText(f, fieldsOf(record)[f.name], ctx) }))} />
          {isAttachable(def.table) && record.unitId === actor.unitId && <AttachmentsSection owner={def.table} recordId={record.id} ctx={ctx} canEdit={canEdit && record.retiredAt === null} />}
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('ledger.history')}
          </Typography.Title>
          <ChangeHistory t={t} entries={entries} names={ctx.names} diff={(before, after) => diffRecord(def.fields, before, after, ctx)} />
        </>
      )}
    </Drawer>
  );
}
