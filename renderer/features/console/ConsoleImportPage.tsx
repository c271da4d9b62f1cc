import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { Alert, Card, Input, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { FAILING } from '../../../shared/bundle/verdicts';
import type { ImportOutcome } from '../../db/console';
import { noteLastImport } from '../../db/officeHome';
import { db } from '../../state/db';
import type { ReceivedRow } from '../../../shared/ipc/contract.pg';
import { FilePickButton } from '../../ui/FilePickButton';
import { entryRange, formatDateTime } from '../../ui/format';
import { useLang, useT } from '../../i18n';
import { PageHead } from '../../ui/PageHead';
import { useActor, useSession } from '../../state/session';
import { VerdictTag, verdictHelp } from './VerdictTag';
import { PgProblem, PgSourceTag, useConsoleSource } from './useConsoleSource';

type Row = ImportOutcome & { key: number };
type History = ReceivedRow;

/** Many bundles at once, each verified on its own, each with a verdict in Chinese. */
export function ConsoleImportPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const actor = useActor();
  const account = useSession((s) => s.account);
  // Sealed bundles are opened in main with the office's key, for a password main checks.
  const [password, setPassword] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [keysEnrolled, setKeysEnrolled] = useState<number | null>(null);
  const [history, setHistory] = useState<History[]>([]);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const source = useConsoleSource();

  const refresh = useCallback(async () => {
    if (!source) return;
    try {
      const received = await source.received();
      setKeysEnrolled(received.keysEnrolled);
      setHistory(received.bundles);
    } catch (e) {
      setProblem(e);
    }
  }, [source]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const run = async (files: File[]) => {
    if (progress || !source) return;
    setRows([]);
    setProblem(null);
    setProgress({ done: 0, total: files.length });
    const out: Row[] = [];
    await source.importFiles(
      files.map((f) => ({ name: f.name, size: f.size, bytes: async () => new Uint8Array(await f.arrayBuffer()) })),
      (outcome, i) => {
        out.push({ ...outcome, key: i });
        setRows([...out]);
        setProgress({ done: i + 1, total: files.length });
      },
      account ? { unitId: actor.unitId, accountId: account.id, password } : undefined,
    ).catch((e: unknown) => setProblem(e));
    // The office's home page reports the last batch's verdicts, whichever store took the files in.
    await noteLastImport(db, out.map((o) => o.verdict));
    setProgress(null);
    void refresh();
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void run([...e.dataTransfer.files]);
  };

  const ok = rows.filter((r) => r.verdict === 'valid' || r.verdict === 'gapBefore').length;
  const dup = rows.filter((r) => r.verdict === 'duplicate').length;
  const bad = rows.filter((r) => FAILING.has(r.verdict)).length;

  return (
    <div className="page">
      <PageHead title={t('console.import.title')} rule={t('console.import.rule')} actions={<PgSourceTag />} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PgProblem error={problem} />
        {keysEnrolled === 0 && <Alert type="warning" showIcon message={t('console.import.noKeys')} />}
        <Space wrap>
          <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} placeholder={t('seal.import.password')} aria-label={t('seal.import.password')} style={{ width: 240 }} />
          <Typography.Text type="secondary">{t('seal.import.passwordHelp')}</Typography.Text>
        </Space>
        <div
          className={`dropzone${dragging ? ' dragging' : ''}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <InboxOutlined className="dropzone-icon" />
          <Space>
            <span>{t('console.import.drop')}</span>
            <FilePickButton multiple accept=".zwb" testId="bundle-files" icon={<UploadOutlined />} disabled={progress !== null} onFiles={(files) => void run(files)}>
              {t('console.import.choose')}
            </FilePickButton>
          </Space>
        </div>
        {progress && (
          <div data-testid="import-progress">
            <Typography.Text>{t('console.import.progress', progress)}</Typography.Text>
            <Progress percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)} />
          </div>
        )}
        {rows.length > 0 && (
          <Card size="small" title={t('console.import.summary', { total: rows.length, ok, dup, bad })} data-testid="import-results">
            <Table<Row>
              size="small"
              rowKey="key"
              pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
              dataSource={rows}
              columns={[
                { title: t('console.import.file'), dataIndex: 'fileName', render: (v: string) => <span className="mono">{v}</span> },
                { title: t('console.import.unit'), key: 'unit', render: (_, r) => <UnitCell outcome={r} /> },
                { title: t('console.import.range'), key: 'range', width: 140, render: (_, r) => (r.manifest ? entryRange(t, r.manifest.fromSeq, r.manifest.toSeq) : '—') },
                { title: t('console.import.verdict'), dataIndex: 'verdict', width: 170, render: (_, r) => <VerdictTag verdict={r.verdict} /> },
                { title: t('console.import.detail'), key: 'detail', render: (_, r) => verdictHelp(t, r, lang) },
              ]}
            />
          </Card>
        )}
        <Card size="small" title={t('console.import.history')}>
          <Table<History>
            size="small"
            rowKey="fileHash"
            dataSource={history}
            pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
            locale={{ emptyText: t('console.units.empty') }}
            columns={[
              { title: t('console.import.receivedAt'), dataIndex: 'receivedAt', width: 150, render: (v: number) => formatDateTime(v) },
              {
                title: t('console.import.unit'),
                dataIndex: 'unitName',
                render: (v: string, r) => (
                  <Space size={4} wrap>
                    {v}
                    {r.claimed && <Tag color="red">{t('console.units.claimed', { name: r.claimed.unitName, code: r.claimed.unitCode })}</Tag>}
                  </Space>
                ),
              },
              { title: t('console.import.range'), key: 'range', width: 140, render: (_, r) => entryRange(t, r.fromSeq, r.toSeq) },
              { title: t('console.import.file'), dataIndex: 'fileName', render: (v: string) => <span className="mono">{v}</span> },
              { title: t('console.import.verdict'), dataIndex: 'verdict', width: 170, render: (v: History['verdict']) => <VerdictTag verdict={v} /> },
            ]}
          />
        </Card>
      </Space>
    </div>
  );
}

/**
 * The unit a file was taken in under: its enrolled name, flagged when the
 * bundle printed another; for a key not enrolled, what the file claims,
 * marked as unverified.
 */
function UnitCell({ outcome }: { outcome: ImportOutcome }) {
  const t = useT();
  if (outcome.identity) {
    return (
      <Space size={4} wrap>
        {outcome.identity.unitName}
        {outcome.claimed && (
          <Tooltip title={t('console.import.claimed', { name: outcome.claimed.unitName, code: outcome.claimed.unitCode })}>
            <Tag color="red" data-testid="claimed">{t('console.units.claimed', { name: outcome.claimed.unitName, code: outcome.claimed.unitCode })}</Tag>
          </Tooltip>
        )}
      </Space>
    );
  }
  if (!outcome.manifest) return <>—</>;
  return (
    <Space size={4} wrap>
      {`${outcome.manifest.unitName}（${outcome.manifest.unitCode}）`}
      <Tooltip title={t('console.import.unverifiedHelp')}>
        <Tag data-testid="unverified">{t('console.import.unverified')}</Tag>
      </Tooltip>
    </Space>
  );
}
