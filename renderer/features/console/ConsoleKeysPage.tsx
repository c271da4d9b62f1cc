import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Modal, Space, Table, Tag, Typography } from 'antd';
import type { MessageKey } from '../../i18n';
import { FileAddOutlined } from '@ant-design/icons';
import { parseEnrolment } from '../../../shared/bundle/enrolment';
import { reviewAgainst, type EnrolmentReview } from '../../db/console';
import { ENROLMENT_FILE_BYTES, enrollable, reviewBatch, type BatchRow, type BatchState, type EnrolmentRefusal } from './enrolmentBatch';
import { ValidationError } from '../../db/errors';
import type { EnrolledKey } from '../../db/schema';
import { FilePickButton } from '../../ui/FilePickButton';
import { formatDateTime } from '../../ui/format';
import { useT } from '../../i18n';
import { issueText } from '../../ui/formErrors';
import { PageHead } from '../../ui/PageHead';
import { Fingerprint } from '../../ui/Fingerprint';
import { TextBox } from '../../ui/LimitedInput';
import { PgSourceTag, problemText, useConsoleSource } from './useConsoleSource';
import { OfficeKeyFileCard } from './OfficeKeyFileCard';

/** Unit keys: enrolled from a unit's file after comparing fingerprints by phone; revoked, never deleted. */
export function ConsoleKeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const source = useConsoleSource();
  const [keys, setKeys] = useState<EnrolledKey[]>([]);
  const [review, setReview] = useState<EnrolmentReview | null>(null);
  const [error, setError] = useState<string>();
  const [revoking, setRevoking] = useState<EnrolledKey | null>(null);
  const [reason, setReason] = useState('');
  const [batch, setBatch] = useState<BatchRow[] | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);

  const refresh = useCallback(async () => {
    if (!source) return;
    try {
      setKeys(await source.keys());
    } catch (e) {
      setError(problemText(t, e));
    }
  }, [source, t]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const refusalText = (r: EnrolmentRefusal) =>
    r.reason === 'tooLarge' ? t('console.keys.badTooLarge') : r.reason === 'notJson' ? t('console.keys.badNotJson') : t('console.keys.badField', { field: r.field });

  const load = async (file: File) => {
    setError(undefined);
    if (file.size > ENROLMENT_FILE_BYTES) return setError(t('console.keys.badFile', { detail: refusalText({ reason: 'tooLarge', field: '' }) }));
    const parsed = parseEnrolment(await file.text());
    if (!parsed.ok) return setError(t('console.keys.badFile', { detail: refusalText(parsed) }));
    setReview(reviewAgainst(keys, parsed.enrolment));
  };

  const pick = async (files: File[]) => {
    setError(undefined);
    if (files.length === 1) return load(files[0]!);
    const rows = await reviewBatch(keys, files, refusalText);
    setBatch(rows);
    // A rotation signed by an enrolled key needs no phone call; every other key is ticked by the auditor.
    setTicked(rows.filter((r) => r.state === 'rotation').map((r) => r.key));
  };

  const explain = (e: unknown) => (e instanceof ValidationError ? e.issues.map((i) => issueText(t, i.code, i.vars)).join('；') : problemText(t, e));

  const confirm = async () => {
    if (!review || !source) return;
    try {
      await source.enrol([review]);
      void message.success(t('console.keys.enrolled', { unit: review.enrolment.unitName }));
      setReview(null);
      void refresh();
    } catch (e) {
      setError(explain(e));
      setReview(null);
    }
  };

  const confirmBatch = async () => {
    if (!batch || !source) return;
    const chosen = batch.filter((r) => ticked.includes(r.key) && enrollable(r)).map((r) => r.review!);
    try {
      const n = await source.enrol(chosen);
      void message.success(t('console.keys.enrolledMany', { n }));
      setBatch(null);
      void refresh();
    } catch (e) {
      setError(explain(e));
      setBatch(null);
    }
  };

  const stateText = (r: BatchRow): string => {
    const keys: Record<BatchState, MessageKey> = {
      bad: 'console.keys.stateBad',
      already: 'console.keys.stateAlready',
      duplicate: 'console.keys.stateDuplicate',
      rotation: 'console.keys.stateRotation',
      new: 'console.keys.stateNew',
      extra: 'console.keys.stateExtra',
    };
    return t(keys[r.state], { detail: r.detail, n: r.review?.otherKeys.length ?? 0 });
  };
  const stateColor: Record<BatchState, string> = { bad: 'red', already: 'default', duplicate: 'default', rotation: 'green', new: 'orange', extra: 'orange' };

  const revoke = async () => {
    if (!revoking || !source) return;
    try {
      await source.revoke(revoking.keyId, reason);
      void message.success(t('console.keys.revokedDone'));
      setRevoking(null);
      void refresh();
    } catch (e) {
      void message.error(explain(e));
    }
  };

  return (
    <div className="page">
      <PageHead
        title={t('console.keys.title')}
        rule={t('console.keys.rule')}
        actions={
          <Space>
          <PgSourceTag />
          <FilePickButton type="primary" accept=".json" testId="enrolment-file" icon={<FileAddOutlined />} multiple onFiles={(f) => void pick(f)}>
            {t('console.keys.loadMany')}
          </FilePickButton>
          </Space>
        }
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} closable onClose={() => setError(undefined)} />}
      <Table<EnrolledKey>
        size="small"
        rowKey="keyId"
        dataSource={keys}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('console.keys.empty') }}
        columns={[
          { title: t('console.keys.unit'), dataIndex: 'unitName' },
          { title: t('console.keys.code'), dataIndex: 'unitCode', width: 110 },
          { title: t('key.suite'), dataIndex: 'suite', width: 170, render: (v: EnrolledKey['suite']) => t(`key.suite.${v}`) },
          { title: t('key.fingerprint'), dataIndex: 'fingerprint', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('console.keys.enrolledAt'), dataIndex: 'enrolledAt', width: 150, render: (v: number) => formatDateTime(v) },
          {
            title: t('console.keys.status'),
            key: 'status',
            width: 200,
            render: (_, k) => (
              <Space wrap size={4}>
                {k.revokedAt === null ? <Tag color="green">{t('console.keys.active')}</Tag> : <Tag color="red" title={k.revokedReason ?? ''}>{t('console.keys.revoked')}</Tag>}
                {k.rotatedFrom && <Tag color="blue">{t('console.keys.rotatedFrom', { keyId: k.rotatedFrom.slice(0, 8) })}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, k) =>
              k.revokedAt === null && (
                <Button size="small" danger onClick={() => (setRevoking(k), setReason(''))}>
                  {t('console.keys.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <div style={{ marginTop: 16, maxWidth: 980 }}>
        <OfficeKeyFileCard />
      </div>
      <Modal
        open={review !== null}
        title={t('console.keys.review')}
        okText={t('console.keys.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: review?.already !== null }}
        onOk={() => void confirm()}
        onCancel={() => setReview(null)}
        width={640}
        destroyOnHidden
      >
        {review && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{t('console.keys.compare')}</Typography.Text>
            <Descriptions size="small" column={1} bordered styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={t('console.keys.unit')}>{review.enrolment.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('console.keys.code')}>{review.enrolment.unitCode}</Descriptions.Item>
              <Descriptions.Item label={t('key.suite')}>{t(`key.suite.${review.enrolment.suite}`)}</Descriptions.Item>
              <Descriptions.Item label={t('key.fingerprint')}>
                <Fingerprint value={review.fingerprint} testId="review-fingerprint" />
              </Descriptions.Item>
            </Descriptions>
            {review.already && <Alert type="info" showIcon message={t('console.keys.already')} />}
            {!review.already && review.rotationOf && <Alert type="success" showIcon message={t('console.keys.rotation', { keyId: review.rotationOf.keyId.slice(0, 8) })} />}
            {!review.already && !review.rotationOf && review.otherKeys.length > 0 && <Alert type="warning" showIcon message={t('console.keys.newKey', { n: review.otherKeys.length })} />}
          </Space>
        )}
      </Modal>
      <Modal
        open={batch !== null}
        title={t('console.keys.reviewMany', { n: batch?.length ?? 0 })}
        okText={t('console.keys.confirmMany', { n: ticked.length })}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: ticked.length === 0 }}
        onOk={() => void confirmBatch()}
        onCancel={() => setBatch(null)}
        width={1000}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('console.keys.compare')}</Typography.Text>
          <Table<BatchRow>
            size="small"
            rowKey="key"
            data-testid="enrolment-batch"
            dataSource={batch ?? []}
            pagination={false}
            scroll={{ y: 420 }}
            rowSelection={{
              selectedRowKeys: ticked,
              onChange: (keys) => setTicked(keys.map(String)),
              getCheckboxProps: (r) => ({ disabled: !enrollable(r), 'aria-label': r.fileName }),
            }}
            columns={[
              { title: t('console.keys.fileCol'), dataIndex: 'fileName', width: 150, ellipsis: true },
              { title: t('console.keys.unit'), key: 'unit', render: (_, r) => r.review?.enrolment.unitName ?? '—' },
              { title: t('console.keys.code'), key: 'code', width: 90, render: (_, r) => r.review?.enrolment.unitCode ?? '—' },
              { title: t('key.fingerprint'), key: 'fp', width: 300, render: (_, r) => (r.review ? <span className="mono">{r.review.fingerprint}</span> : '—') },
              { title: t('console.keys.state'), key: 'state', width: 210, render: (_, r) => <Tag color={stateColor[r.state]} style={{ whiteSpace: 'normal' }}>{stateText(r)}</Tag> },
            ]}
          />
        </Space>
      </Modal>
      <Modal
        open={revoking !== null}
        title={revoking ? t('console.keys.revokeTitle', { unit: revoking.unitName }) : ''}
        okText={t('console.keys.revoke')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 || reason.trim().length > 200 }}
        onOk={() => void revoke()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('console.keys.revokeHelp')} />
          <TextBox rows={2} max={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('console.keys.revokeReason')} aria-label={t('console.keys.revokeReason')} />
        </Space>
      </Modal>
    </div>
  );
}
