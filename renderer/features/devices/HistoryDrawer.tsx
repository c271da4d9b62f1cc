import { memo, useEffect, useState } from 'react';
import { Drawer } from 'antd';
import type { Device } from '../../../shared/domain/device';
import { listAccounts } from '../../db/accounts';
import { db } from '../../state/db';
import { useT } from '../../i18n';
import { diffDevice } from './deviceFields';
import { ChangeHistory, useRecordHistory } from '../ledgers/ChangeHistory';

/** Every change to one device from the change log: who, when, and what changed. */
export const HistoryDrawer = memo(function HistoryDrawer({ device, onClose }: { device: Device | undefined; onClose: () => void }) {
  const t = useT();
  const entries = useRecordHistory('devices', device);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const unitId = device?.unitId;

  useEffect(() => {
    if (!unitId) return;
    let live = true;
    void listAccounts(db, unitId).then((accounts) => {
      if (live) setNames(new Map(accounts.map((a) => [a.id, `${a.displayName}（${a.username}）`])));
    });
    return () => {
      live = false;
    };
  }, [unitId]);

  return (
    <Drawer open={device !== undefined} onClose={onClose} title={t('device.historyTitle', { ip: device?.ip ?? '' })} size={620} destroyOnHidden>
      <ChangeHistory t={t} entries={entries} names={names} diff={(before, after) => diffDevice(t, before, after)} />
    </Drawer>
  );
});
