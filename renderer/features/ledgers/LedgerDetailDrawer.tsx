import type { RecordMeta } from '../../../shared/domain/record';
import { useEffect, useState } from 'react';
import { Descriptions, Drawer, Empty, Table, Tag, Timeline, Typography } from 'antd';
import type { ChangeEntry } from '../../../shared/changelog/chain';
import { recordHistory } from '../../db/history';
import { fieldsOf } from '../../db/ledgers';
import { db } from '../../state/db';
import { formatDateTime, revisionText } from '../../ui/format';
import { diffRecord, fieldText } from './display';
import type { LedgerContext, LedgerDef } from './types';

const OP_COLORS = { create: 'green', update: 'blue', retire: 'red', migrate: 'gray' } as const;

/** One record as it stands, then every change to it from the change log: who, when, what. */
export function LedgerDetailDrawer<R extends RecordMeta>({ def, ctx, record, onClose }: { def: LedgerDef<R>; ctx: LedgerContext; record: R | undefined; onClose: () => void }) {
  const t = ctx.t;
  const [entries, setEntries] = useState<ChangeEntry[]>([]);
  useEffect(() => {
    if (!record) return;
    let live = true;
    void recordHistory(db, def.table, record.id).then((history) => {
      if (live) setEntries(history);
    });
    return () => {
      live = false;
    };
  }, [record, def.table]);

  return (
    <Drawer open={record !== undefined} onClose={onClose} title={record ? def.headline(record, ctx) : ''} size={680} destroyOnHidden>
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
          {entries.length === 0 ? (
            <Empty />
          ) : (
            <Timeline
              items={entries.map((entry, i) => ({
                color: OP_COLORS[entry.op],
                content: (
                  <div data-testid="history-entry">
                    <Typography.Text strong>
                      <Tag color={OP_COLORS[entry.op]}>{t(`history.op.${entry.op}`)}</Tag>
                      {t('history.by', { name: ctx.names.get(entry.by) ?? entry.by, time: formatDateTime(entry.at) })}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                      {[t('history.entry', { seq: entry.seq }), revisionText(t, entry.rev)].filter(Boolean).join(' · ')}
                    </Typography.Text>
                    <Table
                      size="small"
                      style={{ marginTop: 8 }}
                      pagination={false}
                      rowKey="field"
                      dataSource={diffRecord(def.fields, i === 0 ? undefined : entries[i - 1]!.record, entry.record, ctx)}
                      columns={[
                        { title: t('history.field'), dataIndex: 'label', width: 130 },
                        ...(i === 0 ? [] : [{ title: t('history.before'), dataIndex: 'before' }]),
                        { title: t('history.after'), dataIndex: 'after' },
                      ]}
                    />
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
