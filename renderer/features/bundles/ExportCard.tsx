import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Radio, Space, Table, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import type { LoggedTable } from '../../../shared/changelog/tables';
import { lastExport, planExport, type ExportPlan, type ExportScope, type LastExport } from '../../db/bundleExport';
import { db } from '../../state/db';
import { entryRange, formatDateTime } from '../../ui/format';
import { useT } from '../../i18n';
import { useActor, useSession } from '../../state/session';
import { useLedgers } from '../ledgers/ledgerStore';
import { exportBundle } from './exportBundle';
import { attachmentsAsked, sealRecipient } from '../../db/policy';
import { MAX_BUNDLE_ATTACHMENT_BYTES } from '../../../shared/bundle/attachedFiles';
import { sizeText } from '../../ui/format';
import type { PolicySealKey } from '../../../shared/bundle/policy';
import { sealFingerprint } from '../../../shared/bundle/seal';
import type { KeyStatus } from './UnitKeyCard';

/** Says what the bundle will hold before it is written, then signs and writes it. */
export function ExportCard({ keyStatus }: { keyStatus: KeyStatus | null }) {
  const t = useT();
  const actor = useActor();
  const unit = useSession((s) => s.unit);
  const account = useSession((s) => s.account);
  const reloadCopies = useLedgers((s) => s.load);
  const [scope, setScope] = useState<ExportScope>('sinceLast');
  const [plan, setPlan] = useState<ExportPlan | null | undefined>(undefined);
  const [last, setLast] = useState<LastExport | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string; hash?: string }>();
  const [version, setVersion] = useState(0);
  const [recipient, setRecipient] = useState<PolicySealKey | null | undefined>(undefined);

  useEffect(() => {
    if (!unit) return;
    let live = true;
    const planned = attachmentsAsked(db, unit.id).then((attachments) => planExport(db, unit.id, scope, { attachments }));
    void Promise.all([planned, lastExport(db, unit.id), sealRecipient(db, unit.id)]).then(([p, l, r]) => {
      if (!live) return;
      setPlan(p);
      setLast(l);
      setRecipient(r);
    });
    return () => {
      live = false;
    };
  }, [unit, scope, version]);

  if (!unit || !account) return null;

  const run = async () => {
    if (!keyStatus || !plan) return;
    setBusy(true);
    setResult(undefined);
    try {
      const outcome = await exportBundle({ t, actor, unit, account, key: keyStatus, plan, password });
      if (outcome.ok) {
        setResult({ type: 'success', text: t('export.done', { file: outcome.fileName }), hash: outcome.fileHash });
        setPassword('');
        void reloadCopies('copyFilings', unit.id);
        setVersion((v) => v + 1);
      } else setResult({ type: 'error', text: outcome.message });
    } catch (e) {
      setResult({ type: 'error', text: t('err.generic', { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  const rows = plan ? (Object.entries(plan.counts) as [LoggedTable, number][]).map(([table, n]) => ({ table, n })) : [];

  return (
    <Card size="small" title={t('export.title')} data-testid="export-card">
      <Typography.Paragraph type="secondary">{t('export.rule')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{last ? t('export.last', { time: formatDateTime(last.at), seq: last.toSeq, file: last.fileName }) : t('export.never')}</Typography.Text>
        <Space wrap>
          <span>{t('export.scope')}</span>
          <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as ExportScope)} optionType="button" options={(['sinceLast', 'full'] as const).map((s) => ({ value: s, label: t(`export.scope.${s}`) }))} />
        </Space>
        {(plan === null || plan?.onlyExportFilings) && (
          <Alert type="info" showIcon data-testid="export-nothing" message={t('export.nothing')} description={plan?.onlyExportFilings ? t('export.onlyFilings') : undefined} />
        )}
        {/* One item, not a fragment: antd's Space keys its items by position, and a fragment that
            appears when the plan has loaded would shift the password field's key, remount it and drop
            what is being typed into it. */}
        {plan && !plan.onlyExportFilings && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong data-testid="export-summary">
              {t('export.summary', { range: entryRange(t, plan.fromSeq, plan.toSeq), n: plan.entries.length, first: formatDateTime(plan.firstAt), last: formatDateTime(plan.lastAt) })}
            </Typography.Text>
            <Table
              size="small"
              rowKey="table"
              pagination={false}
              style={{ maxWidth: 420 }}
              dataSource={rows}
              columns={[
                { title: t('export.ledger'), dataIndex: 'table', render: (v: LoggedTable) => t(`table.${v}`) },
                { title: t('export.count'), dataIndex: 'n', width: 100, align: 'right' },
              ]}
            />
            {plan.files && plan.files.size > 0 && (
              <Alert
                type={plan.cutForFiles ? 'warning' : 'info'}
                showIcon
                data-testid="export-files"
                message={t('attachBundle.exportNote', { n: plan.files.size, size: sizeText([...plan.files.values()].reduce((a, b) => a + b, 0)) })}
                description={plan.cutForFiles ? t('attachBundle.cut', { cap: MAX_BUNDLE_ATTACHMENT_BYTES / 1024 / 1024, toSeq: plan.toSeq }) : undefined}
              />
            )}
          </Space>
        )}
        {recipient !== undefined && (
          <Alert
            type={recipient ? 'success' : 'warning'}
            showIcon
            data-testid="export-seal"
            message={recipient ? t('seal.export.sealed', { fp: sealFingerprint(recipient.suite, recipient.publicKey) }) : t('seal.export.unsealed')}
          />
        )}
        {!keyStatus && <Alert type="warning" showIcon message={t('export.needKey')} />}
        <Space wrap>
          <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} placeholder={t('key.passwordHelp')} aria-label={t('key.password')} style={{ width: 240 }} onPressEnter={() => plan && !plan.onlyExportFilings && keyStatus && password !== '' && void run()} />
          <Button type="primary" icon={<ExportOutlined />} loading={busy} disabled={!plan || plan.onlyExportFilings || !keyStatus || password === ''} onClick={() => void run()}>
            {t('export.do')}
          </Button>
        </Space>
        {result && (
          <Alert
            type={result.type}
            showIcon
            data-testid="export-result"
            message={result.text}
            description={result.hash ? `${t('export.hash', { hash: keyStatus ? t(`key.hash.${keyStatus.suite}`) : '' })}：${result.hash}` : undefined}
          />
        )}
      </Space>
    </Card>
  );
}
