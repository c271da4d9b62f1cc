import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { checkIntegrity, type IntegrityReport, type RecordFinding } from '../../db/integrity';
import { db } from '../../state/db';
import { useT, type Translate } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { useSession } from '../../state/session';
import { deviceName, fieldLabel, recordName, type NameLookup } from './recordName';

interface Row {
  key: number;
  ledger: string;
  record: string;
  problem: string;
  changes: string[];
}

/** The devices and people the findings refer to, read once, for their names. */
async function lookupFor(findings: readonly RecordFinding[]): Promise<NameLookup> {
  const deviceIds = new Set<string>();
  const personIds = new Set<string>();
  for (const f of findings) {
    const r = f.logged ?? f.live ?? {};
    if (f.table === 'scans' && typeof r.deviceId === 'string') deviceIds.add(r.deviceId);
    if (f.table === 'checkins' && typeof r.officerId === 'string') personIds.add(r.officerId);
  }
  const [devices, people] = await Promise.all([db.devices.bulkGet([...deviceIds]), db.accounts.bulkGet([...personIds])]);
  const deviceNames = new Map(devices.flatMap((d) => (d ? [[d.id, deviceName(d as unknown as Record<string, unknown>)] as const] : [])));
  const personNames = new Map(people.flatMap((p) => (p ? [[p.id, p.displayName] as const] : [])));
  return { device: (id) => deviceNames.get(id), person: (id) => personNames.get(id) };
}

function shown(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number' && /At$/.test(field)) return formatDateTime(value);
  const text = Array.isArray(value) ? value.map(String).join('、') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 30 ? `${text.slice(0, 29)}…` : text;
}

function rowsOf(t: Translate, findings: readonly RecordFinding[], lookup: NameLookup): Row[] {
  return findings.map((f, i) => {
    // Named as its users last saved it; a record the log never had, as it is stored.
    const named = f.logged ?? f.live ?? {};
    const changes = (f.fields ?? []).map((field) => t('integrity.change', { field: fieldLabel(t, f.table, field), before: shown(t, field, f.logged?.[field]), after: shown(t, field, f.live?.[field]) }));
    return { key: i, ledger: t(`table.${f.table}`), record: recordName(t, f.table, named, lookup), problem: t(`integrity.finding.${f.problem}`), changes };
  });
}

/** "校验数据完整性": walks the hash chain, then compares every stored record with its latest logged revision. */
export function IntegrityPage() {
  const t = useT();
  const unitId = useSession((s) => s.unit?.id);
  const [report, setReport] = useState<{ result: IntegrityReport; rows: Row[] }>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!unitId) return;
    setBusy(true);
    try {
      const result = await checkIntegrity(db, unitId);
      setReport({ result, rows: rowsOf(t, result.findings, await lookupFor(result.findings)) });
    } finally {
      setBusy(false);
    }
  };

  const verdict = report?.result.chain;
  const counts = report?.result.counts;
  const found = counts ? counts.unlogged + counts.edited + counts.missing : 0;

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
          {verdict?.ok === true && found === 0 && (
            <Alert
              type="success"
              showIcon
              role="status"
              message={t('integrity.ok', { n: verdict.count })}
              description={
                <Space orientation="vertical" size={2}>
                  <span>{t('integrity.records.ok', { n: report!.result.records })}</span>
                  <span>
                    {t('integrity.lastHash')}：<span className="mono">{verdict.lastHash}</span>
                  </span>
                </Space>
              }
            />
          )}
          {verdict?.ok === false && <Alert type="error" showIcon role="alert" message={t('integrity.broken', { seq: verdict.seq, problem: t(`integrity.problem.${verdict.problem}`) })} />}
          {report && counts && found > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              message={t('integrity.records.broken', { n: found })}
              description={
                <Space orientation="vertical" size={2}>
                  <span>{t('integrity.records.counts', { ...counts })}</span>
                  {verdict?.ok === true && <span>{t('integrity.chainOnly', { n: verdict.count })}</span>}
                  {found > report.rows.length && <span>{t('integrity.records.more', { shown: report.rows.length, rest: found - report.rows.length })}</span>}
                </Space>
              }
            />
          )}
          {report && report.rows.length > 0 && (
            <Table<Row>
              size="small"
              rowKey="key"
              dataSource={report.rows}
              pagination={report.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              columns={[
                { title: t('integrity.col.ledger'), dataIndex: 'ledger', width: 120 },
                { title: t('integrity.col.record'), dataIndex: 'record', width: 260 },
                { title: t('integrity.col.problem'), dataIndex: 'problem', width: 240 },
                { title: t('integrity.col.fields'), dataIndex: 'changes', render: (changes: string[]) => changes.map((c) => <div key={c}>{c}</div>) },
              ]}
            />
          )}
        </Space>
      </Card>
    </div>
  );
}
