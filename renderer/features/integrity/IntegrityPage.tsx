import { useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ChainVerdict } from '../../../shared/changelog/chain';
import { verifyUnitChain } from '../../db/integrity';
import { db } from '../../app/db';
import { useT } from '../../app/i18n';
import { useSession } from '../../app/session';

/** "校验数据完整性": walks the hash chain and names the first broken link. */
export function IntegrityPage() {
  const t = useT();
  const unitId = useSession((s) => s.unit?.id);
  const [verdict, setVerdict] = useState<ChainVerdict>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!unitId) return;
    setBusy(true);
    try {
      setVerdict(await verifyUnitChain(db, unitId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <Typography.Title level={4}>{t('integrity.title')}</Typography.Title>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('integrity.rule')}
          </Typography.Paragraph>
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()}>
            {t('integrity.verify')}
          </Button>
          {verdict?.ok === true && (
            <Alert
              type="success"
              showIcon
              role="status"
              message={t('integrity.ok', { n: verdict.count })}
              description={
                <span>
                  {t('integrity.lastHash')}：<span className="mono">{verdict.lastHash}</span>
                </span>
              }
            />
          )}
          {verdict?.ok === false && <Alert type="error" showIcon role="alert" message={t('integrity.broken', { seq: verdict.seq, problem: t(`integrity.problem.${verdict.problem}`) })} />}
        </Space>
      </Card>
    </div>
  );
}
