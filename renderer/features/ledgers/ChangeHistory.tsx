import { useEffect, useState } from 'react';
import { Empty, Table, Tag, Timeline, Typography } from 'antd';
import type { ChangeEntry } from '../../../shared/changelog/chain';
import { recordHistory } from '../../db/history';
import { db } from '../../state/db';
import type { Translate } from '../../i18n';
import { formatDateTime, revisionText } from '../../ui/format';

const OP_COLORS = { create: 'green', update: 'blue', retire: 'red', migrate: 'gray' } as const;

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** One record's change-log entries, oldest first, read again when the record changes; empty while none is shown. */
export function useRecordHistory(table: string, record: { id: string; rev: number } | undefined): ChangeEntry[] {
  const [entries, setEntries] = useState<ChangeEntry[]>([]);
  const id = record?.id;
  const rev = record?.rev;
  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    void recordHistory(db, table, id).then((history) => {
      if (live) setEntries(history);
    });
    return () => {
      live = false;
    };
  }, [table, id, rev]);
  return id === undefined ? [] : entries;
}

/**
 * Every change to one record from the change log — who, when, and for each
 * field what it was and what it became — the same for every ledger and the
 * device register; each says how its own fields read (`diff`).
 */
export function ChangeHistory({ t, entries, names, diff }: {
  t: Translate;
  entries: readonly ChangeEntry[];
  names: ReadonlyMap<string, string>;
  diff: (before: Record<string, unknown> | undefined, after: Record<string, unknown>) => FieldChange[];
}) {
  if (entries.length === 0) return <Empty />;
  return (
    <Timeline
      items={entries.map((entry, i) => ({
        color: OP_COLORS[entry.op],
        content: (
          <div data-testid="history-entry">
            <Typography.Text strong>
              <Tag color={OP_COLORS[entry.op]}>{t(`history.op.${entry.op}`)}</Tag>
              {t('history.by', { name: names.get(entry.by) ?? entry.by, time: formatDateTime(entry.at) })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {[t('history.entry', { seq: entry.seq }), revisionText(t, entry.rev)].filter(Boolean).join(' · ')}
            </Typography.Text>
            <Table
              size="small"
              style={{ marginTop: 8 }}
              pagination={false}
              rowKey="field"
              dataSource={diff(i === 0 ? undefined : entries[i - 1]!.record, entry.record)}
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
  );
}
