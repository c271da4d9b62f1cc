import { useEffect, useState } from 'react';
import { Alert, App, Card, Descriptions, Modal, Space, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { newestSealKey, readPolicy, type Policy } from '../../../shared/bundle/policy';
import { sealFingerprint } from '../../../shared/bundle/seal';
import { applyPolicy, trustedOffice } from '../../db/policy';
import { db } from '../../state/db';
import { FilePickButton } from '../../ui/FilePickButton';
import { formatDateTime } from '../../ui/format';
import { useT } from '../../i18n';
import { useActor, useSession } from '../../state/session';
import { useCheckins } from '../checkins/checkinStore';
import { usePolicy } from './policyStore';
import { Fingerprint } from '../../ui/Fingerprint';
import { CheckpointStatus } from './CheckpointStatus';

/** The unit's side: import the office's policy, trusting its key on first use after the fingerprint is compared. */
export function PolicyCard() {
  const t = useT();
  const { message } = App.useApp();
  const actor = useActor();
  const unit = useSession((s) => s.unit);
  const { policy, load } = usePolicy();
  const reloadCalendar = useCheckins((s) => s.load);
  const [pending, setPending] = useState<{ policy: Policy; fingerprint: string } | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (unit) void load(unit.id);
  }, [unit, load]);
  if (!unit) return null;

  const apply = async (p: Policy) => {
    try {
      await applyPolicy(db, actor, unit.code, p);
      await load(unit.id);
      void reloadCalendar(unit.id);
      void message.success(t('policy.applied', { issued: formatDateTime(p.issuedAt) }));
    } catch (e) {
      setError(t('err.generic', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const pick = async (file: File) => {
    setError(undefined);
    const read = readPolicy(new Uint8Array(await file.arrayBuffer()), await trustedOffice(db), policy?.issuedAt ?? null);
    if (!read.ok) return setError(t(`policy.fail.${read.failure}`));
    if (read.firstUse) setPending({ policy: read.policy, fingerprint: read.fingerprint });
    else await apply(read.policy);
  };

  return (
    <Card
      size="small"
      title={t('policy.title')}
      data-testid="policy-card"
      extra={
        <FilePickButton accept=".zwp" testId="policy-file" icon={<ImportOutlined />} onFile={(f) => void pick(f)}>
          {t('policy.import')}
        </FilePickButton>
      }
    >
      <Typography.Paragraph type="secondary">{t('policy.rule')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      {policy ? (
        <Space orientation="vertical" size={2} data-testid="policy-state">
          <Typography.Text strong>{t('policy.current', { issuer: policy.issuer, issued: formatDateTime(policy.issuedAt), applied: formatDateTime(policy.appliedAt) })}</Typography.Text>
          <span>{policy.years.length > 0 ? t('policy.years', { years: policy.years.join('、') }) : t('policy.noYears')}</span>
          <span>{t('policy.schedule', { state: t(policy.schedule ? 'policy.scheduleIncluded' : 'policy.scheduleNot') })}</span>
          <span>{policy.ranges.length > 0 ? t('policy.ranges', { ranges: policy.ranges.join('，') }) : t('policy.noRanges')}</span>
          <span>{t('policy.directory', { n: policy.directory.length })}</span>
          <span data-testid="policy-attachments">{t(policy.sendAttachments ? 'attachBundle.state.asked' : 'attachBundle.state.not')}</span>
          {policy.results && policy.results.length > 0 && <span>{t('policy.results', { years: policy.results.join('、') })}</span>}
          <span data-testid="policy-seal-key">
            {t('seal.policy.key')}：{policy.sealKey ? <span className="mono">{sealFingerprint(policy.sealKey.suite, policy.sealKey.publicKey)}</span> : t('seal.policy.none')}
          </span>
          {policy.rubrics && policy.rubrics.length > 0 && <span>{t('policy.rubrics', { list: policy.rubrics.map((r) => t('policy.rubricItem', { title: r.title, year: r.year, version: r.version })).join('、') })}</span>}
        </Space>
      ) : (
        <Typography.Text>{t('policy.none')}</Typography.Text>
      )}
      {policy?.checkpoint && (
        <div style={{ marginTop: 12 }}>
          <CheckpointStatus policy={policy} unitName={unit.name} />
        </div>
      )}
      <Modal
        open={pending !== null}
        title={t('policy.firstUse')}
        okText={t('policy.trust')}
        cancelText={t('common.cancel')}
        onOk={() => {
          const p = pending;
          setPending(null);
          if (p) void apply(p.policy);
        }}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        {pending && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="info" showIcon message={t('policy.firstUseHelp')} />
            <Descriptions size="small" column={1} bordered styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={t('policy.issuer')}>{pending.policy.issuer.name}</Descriptions.Item>
              <Descriptions.Item label={t('key.fingerprint')}>
                <Fingerprint value={pending.fingerprint} testId="office-fingerprint" />
              </Descriptions.Item>
              {newestSealKey(pending.policy) && (
                <Descriptions.Item label={t('seal.policy.key')}>
                  <Fingerprint value={sealFingerprint(newestSealKey(pending.policy)!.suite, newestSealKey(pending.policy)!.publicKey)} testId="office-seal-fingerprint" />
                </Descriptions.Item>
              )}
            </Descriptions>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
