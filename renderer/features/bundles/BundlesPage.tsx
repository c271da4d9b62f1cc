import { useCallback, useEffect, useState } from 'react';
import { Space } from 'antd';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { PageHead } from '../../ui/PageHead';
import { useSession } from '../../state/session';
import { ExportCard } from './ExportCard';
import { PolicyCard } from '../policy/PolicyCard';
import { UnitKeyCard, type KeyStatus } from './UnitKeyCard';

/** The administrator's side of the exchange with the office: the unit key, signed export bundles, and the office's policy. */
export function BundlesPage() {
  const t = useT();
  const unitId = useSession((s) => s.unit?.id);
  const [status, setStatus] = useState<KeyStatus | null | undefined>(undefined);
  const [damaged, setDamaged] = useState(false);
  const refresh = useCallback(() => {
    if (unitId)
      void invoke('unitKey:status', { unitId }).then((r) => {
        setStatus(r.key);
        setDamaged(r.damaged);
      });
  }, [unitId]);
  useEffect(refresh, [refresh]);

  return (
    <div className="page">
      <PageHead title={t('nav.bundles')} />
      {status !== undefined && (
        <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 980 }}>
          <UnitKeyCard status={status} damaged={damaged} onChange={refresh} />
          <ExportCard keyStatus={status} />
          <PolicyCard />
        </Space>
      )}
    </div>
  );
}
