import { memo, useEffect, useState } from 'react';
import { Drawer, Empty, Table, Tag, Timeline, Typography } from 'antd';
import type { ChangeEntry } from '../../../shared/changelog/chain';
import type { Device } from '../../../shared/domain/device';
import { recordHistory } from '../../db/history';
import { listAccounts } from '../../db/accounts';
import { db } from '../../state/db';
import { useT } from '../../i18n';
import { formatDateTime, revisionText } from '../../ui/format';
import { diffDevice } from './deviceFields';

const OP_COLORS = { create: 'green', update: 'blue', retire: 'red', migrate: 'gray' } as const;

/** Every change to one device from the change log: who, when, and what changed. */
export const HistoryDrawer = memo(function HistoryDrawer({ device, onClose }: { device: Device | undefined; onClose: () => void }) {
  const t = useT();
  const [entries, setEntries] = useState<ChangeEntry[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    if (!device) return;
    let live = true;
    void Promise.all([recordHistory(db, 'devices', device.id), listAccounts(db, device.unitId)]).then(([history, accounts]) => {
      if (!live) return;
      setEntries(history);
      setNames(new Map(accounts.map((a) => [a.id, `${a.displayName}（${a.username}）`])));
    });
    return () => {
      live = false;
    };
  }, [device]);

  return (
    <Drawer open={device !== undefined} onClose={onClose} title={t('device.historyTitle', { ip: device?.ip ?? '' })} size={620} destroyOnHidden>
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
                  dataSource={diffDevice(t, i === 0 ? undefined : entries[i - 1]!.record, entry.record)}
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
    </Drawer>
  );
});
