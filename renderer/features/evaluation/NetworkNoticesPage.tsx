import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_NOTICE_THRESHOLDS, type NetworkNotice, type NoticeFinding, type NoticeThresholds } from '../../../shared/evaluation/networkNotice';
import { draftNotice, issueNotice, listNotices, type NoticeDraft } from '../../db/networkNotices';
import { chinese, useT, type Translate } from '../../i18n';
import { db } from '../../state/db';
import { useActor, useSession } from '../../state/session';
import { PageHead } from '../../ui/PageHead';
import { formatDocumentDate } from '../../ui/format';
import { PrintDocument } from '../../ui/PrintDocument';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { useSheetExport } from '../ledgers/useSheetExport';
import { percentText } from './figureText';
import { PgProblem, PgSourceTag, useConsoleSource } from '../console/useConsoleSource';
import { PgConsoleError } from '../../state/consoleMode';

const zhT = chinese;
const pct = percentText;

/** One shortfall in words: what was measured and what is required. */
export function findingText(t: Translate, f: NoticeFinding, th: NoticeThresholds): string {
  switch (f.reason) {
    case 'checkinRate':
      return t('notices.finding.checkinRate', { value: pct(f.value ?? 0), required: pct(th.checkinRate) });
    case 'scanCoverage':
      return t('notices.finding.scanCoverage', { value: pct(f.value ?? 0), required: pct(th.scanCoverage) });
    case 'isolation':
      return t('notices.finding.isolation', { n: f.value ?? 0 });
    case 'noBundle':
      return t('notices.finding.noBundle');
  }
}

/**
 * 专网应用通报 (考核办法 四): the office picks a period and the thresholds, sees
 * the units its monitoring finds short, and issues the notice — recorded, so
 * the year's evaluation counts it where the rubric scores notices — then
 * prints it on A4 or exports it to Excel.
 */
export function NetworkNoticesPage() {
  const t = useT();
  const actor = useActor();
  const office = useSession((s) => s.unit?.name ?? '');
  const exportSheet = useSheetExport();
  const { busy, banner, run } = useFormWrite();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')]);
  const [thresholds, setThresholds] = useState<NoticeThresholds>(DEFAULT_NOTICE_THRESHOLDS);
  const [draft, setDraft] = useState<NoticeDraft>();
  const [issued, setIssued] = useState<NetworkNotice[]>([]);
  const [printing, setPrinting] = useState<NetworkNotice>();
  const [problem, setProblem] = useState<unknown>(null);
  const source = useConsoleSource();

  const load = useCallback(async () => setIssued(await listNotices(db, actor.unitId)), [actor.unitId]);
  useEffect(() => {
    void load();
  }, [load]);

  const sameYear = range[0].year() === range[1].year();
  const preview = () =>
    source &&
    run(async () => {
      setProblem(null);
      try {
        setDraft(await draftNotice(source, actor.unitId, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'), thresholds));
      } catch (e) {
        // The server's refusal in its own words, where the console's other pages show it.
        if (!(e instanceof PgConsoleError)) throw e;
        setDraft(undefined);
        setProblem(e);
      }
    });
  const issue = () =>
    draft &&
    run(async () => {
      const notice = await issueNotice(db, actor, draft);
      setDraft(undefined);
      setPrinting(notice);
      await load();
    }, 'notices.issued');

  const exportNotice = (n: NetworkNotice) =>
    void exportSheet({
      title: zhT('notices.sheet', { year: n.year, number: n.number }),
      header: [zhT('office.col.unit'), zhT('notices.col.code'), zhT('notices.col.findings')],
      rows: n.units.map((u) => [u.unitName, u.unitCode, u.findings.map((f) => findingText(zhT, f, n.thresholds)).join('；')]),
    });

  const printNotice = (n: NetworkNotice) => {
    setPrinting(n);
    // The document renders first, then prints.
    setTimeout(() => window.print(), 50);
  };

  return (
    <div className="page">
      <PageHead title={t('notices.title')} rule={t('notices.rule')} actions={<PgSourceTag />} />
      <WriteErrors messages={banner} />
      <PgProblem error={problem} />
      <Card size="small" title={t('notices.new')} style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('notices.period')}>
            <DatePicker.RangePicker aria-label={t('notices.period')} value={range} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          </Form.Item>
          <Form.Item label={t('notices.checkinRate')}>
            <InputNumber aria-label={t('notices.checkinRate')} min={0} max={100} value={Math.round(thresholds.checkinRate * 100)} onChange={(v) => setThresholds({ ...thresholds, checkinRate: (v ?? 0) / 100 })} addonAfter="%" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('notices.scanCoverage')}>
            <InputNumber aria-label={t('notices.scanCoverage')} min={0} max={100} value={Math.round(thresholds.scanCoverage * 100)} onChange={(v) => setThresholds({ ...thresholds, scanCoverage: (v ?? 0) / 100 })} addonAfter="%" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('notices.isolation')}>
            <InputNumber aria-label={t('notices.isolation')} min={0} precision={0} value={thresholds.isolation} onChange={(v) => setThresholds({ ...thresholds, isolation: v ?? 0 })} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item>
            <Button onClick={() => void preview()} loading={busy} disabled={!sameYear || !source}>
              {t('notices.preview')}
            </Button>
          </Form.Item>
        </Form>
        {!sameYear && <Alert type="warning" showIcon message={t('notices.oneYear')} style={{ marginTop: 8 }} />}
        {draft && (
          <div style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={draft.units}
              data-testid="notice-draft"
              locale={{ emptyText: t('notices.nobody') }}
              columns={[
                { title: t('office.col.unit'), key: 'unit', width: 260, render: (_, u) => `${u.unitName}（${u.unitCode}）` },
                { title: t('notices.col.findings'), key: 'findings', render: (_, u) => u.findings.map((f) => findingText(t, f, draft.thresholds)).join('；') },
              ]}
            />
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" disabled={draft.units.length === 0} loading={busy} onClick={() => void issue()}>
                {t('notices.issue', { n: draft.units.length })}
              </Button>
              <Typography.Text type="secondary">{t('notices.issueHelp')}</Typography.Text>
            </Space>
          </div>
        )}
      </Card>
      <Card size="small" title={t('notices.issuedList')}>
        <Table<NetworkNotice>
          size="small"
          rowKey="id"
          dataSource={issued}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('notices.none') }}
          columns={[
            { title: t('notices.col.number'), key: 'number', width: 140, render: (_, n) => t('notices.numberText', { year: n.year, number: n.number }) },
            { title: t('notices.period'), key: 'period', width: 220, render: (_, n) => `${n.from} — ${n.to}` },
            { title: t('notices.col.units'), key: 'units', render: (_, n) => n.units.map((u) => u.unitName).join('、') },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_, n) => (
                <Space>
                  <Button size="small" onClick={() => printNotice(n)}>
                    {t('notices.print')}
                  </Button>
                  <Button size="small" onClick={() => exportNotice(n)}>
                    {t('office.exportRanking')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {printing && (
        <PrintDocument testId="network-notice">
          <NoticeDocument t={zhT} notice={printing} issuer={office} />
        </PrintDocument>
      )}
    </div>
  );
}

function NoticeDocument({ t, notice, issuer }: { t: Translate; notice: NetworkNotice; issuer: string }) {
  return (
    <article className="doc">
      <h1 className="doc-title">{t('notices.docTitle')}</h1>
      <div className="doc-subtitle">{t('notices.numberText', { year: notice.year, number: notice.number })}</div>
      <p>{t('notices.docIntro', { from: notice.from, to: notice.to })}</p>
      <table className="doc-table" style={{ marginTop: '4mm', fontSize: '12pt' }}>
        <thead>
          <tr>
            <th style={{ width: '8%' }}>{t('report.col.no')}</th>
            <th style={{ width: '32%' }}>{t('office.col.unit')}</th>
            <th>{t('notices.col.findings')}</th>
          </tr>
        </thead>
        <tbody>
          {notice.units.map((u, i) => (
            <tr key={u.unitId}>
              <td className="num">{i + 1}</td>
              <td>{u.unitName}</td>
              <td>{u.findings.map((f) => findingText(t, f, notice.thresholds)).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ marginTop: '4mm' }}>{t('notices.docClosing')}</p>
      <div className="doc-sign">
        <div>{issuer}</div>
        <div>{formatDocumentDate(notice.createdAt)}</div>
      </div>
    </article>
  );
}
