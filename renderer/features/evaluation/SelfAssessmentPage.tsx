import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, InputNumber, Modal, Popconfirm, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CATEGORY_NAMES, rubricItems, type Rubric, type RubricItem } from '../../../shared/evaluation/rubric';
import { assessedPeriod } from '../../../shared/evaluation/ledgerFigures';
import type { ItemScore } from '../../../shared/evaluation/score';
import type { SelfAssessment } from '../../../shared/evaluation/selfAssessment';
import { loadSelfAssessment, rubricForUnit, saveSelfDraft, selfScore, submitSelfAssessment, unitYearEvidence, type SelfDraft, type YearEvidence } from '../../db/evaluation';
import { db } from '../../state/db';
import { chinese, useLang, useT } from '../../i18n';
import { PrintDocument } from '../../ui/PrintDocument';
import { useSavePdf } from '../../ui/useSavePdf';
import { SelfReport, selfReportFileName } from './SelfReport';
import { ResultCard } from './ResultCard';
import { YearSelect } from './EvaluationParts';
import { publishedResults } from '../../db/policy';
import type { PublishedResult } from '../../../shared/bundle/policy';
import { useActor, useCan, useSession } from '../../state/session';
import { formatDateTime } from '../../ui/format';
import { PageHead } from '../../ui/PageHead';
import { TextBox, TextField } from '../../ui/LimitedInput';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { FIGURE_PAGE, figureText, isPartYear } from './figureText';

type Entry = SelfDraft['items'][number];


const zhT = chinese;

/** The declared items of a saved self-assessment, as the form edits them; figure items are computed, never entered. */
function entriesOf(record: SelfAssessment | undefined, rubric: Rubric | undefined): Map<string, Entry> {
  const declared = new Set(rubric ? rubricItems(rubric).filter((x) => x.item.scoring.kind === 'declared').map((x) => x.item.id) : []);
  return new Map((record?.items ?? []).filter((i) => declared.has(i.itemId)).map((i) => [i.itemId, { itemId: i.itemId, points: i.points, notApplicable: i.notApplicable, note: i.note, documents: i.documents }]));
}

/**
 * 年度自评: the rubric's items with what the ledgers show for each, the points
 * the unit gives itself, and the submission that locks them (考核办法 四).
 */
export function SelfAssessmentPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const actor = useActor();
  const unit = useSession((s) => s.unit);
  const canEdit = useCan('evaluation.self');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [evidence, setEvidence] = useState<YearEvidence>();
  const [record, setRecord] = useState<SelfAssessment>();
  const [loadError, setLoadError] = useState<string>();
  const [entries, setEntries] = useState<Map<string, Entry>>(new Map());
  const [summary, setSummary] = useState('');
  const [correcting, setCorrecting] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, banner, run } = useFormWrite();
  const [rubric, setRubric] = useState<Rubric>();
  const [result, setResult] = useState<PublishedResult>();
  const level = unit?.level;

  const load = useCallback(async () => {
    setLoadError(undefined);
    if (!level) return;
    try {
      const [ev, rec, r, results] = await Promise.all([unitYearEvidence(db, actor.unitId, year), loadSelfAssessment(db, actor.unitId, year), rubricForUnit(db, { unitId: actor.unitId, level }, year), publishedResults(db, actor.unitId)]);
      setRubric(r);
      setResult(results.find((x) => x.year === year));
      setEvidence(ev);
      setRecord(rec);
      setEntries(entriesOf(rec, r));
      setSummary(rec?.summary ?? '');
      setCorrecting(false);
    } catch (e) {
      setLoadError(t('evaluation.loadFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  }, [actor.unitId, year, level, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const draftItems = useMemo(() => [...entries.values()], [entries]);
  const score = useMemo(() => (rubric && evidence ? selfScore(rubric, actor.unitId, evidence.figures, draftItems) : undefined), [rubric, evidence, actor.unitId, draftItems]);
  const submitted = record?.status === 'submitted';
  const editable = canEdit && (!submitted || correcting);
  const period = unit ? assessedPeriod(year, unit.createdAt, Date.now()) : undefined;
  const partYear = period !== undefined && period.coveredDays < period.periodDays;

  const setEntry = (itemId: string, change: Partial<Entry>) =>
    setEntries((prev) => {
      const next = new Map(prev);
      const base = prev.get(itemId) ?? { itemId, points: null, notApplicable: false, note: '', documents: '' };
      next.set(itemId, { ...base, ...change });
      return next;
    });

  const draft = (): SelfDraft => ({ items: draftItems, summary });
  const saveDraft = () => rubric && run(async () => void setRecord(await saveSelfDraft(db, actor, year, rubric, draft())), 'common.saved');
  const submit = async (why = '') => {
    if (!rubric) return;
    const done = await run(async () => void (await submitSelfAssessment(db, actor, year, rubric, draft(), why)), 'evaluation.submitted');
    if (done) {
      setReasonOpen(false);
      setReason('');
      await load();
    }
  };

  const saveAsPdf = useSavePdf();
  const savePdf = async () => {
    if (unit) await saveAsPdf(selfReportFileName(unit, year));
  };

  if (!rubric || !unit) return null;
  const bonusCap = rubric.categories.find((c) => c.id === 'bonus')?.maxPoints ?? 0;
  const itemScore = (id: string): ItemScore | undefined => score?.items.find((i) => i.itemId === id);

  const statusText = !record
    ? t('evaluation.status.none')
    : record.status === 'draft'
      ? t('evaluation.status.draft')
      : record.submission > 1
        ? t('evaluation.status.corrected', { n: record.submission - 1, time: formatDateTime(record.submittedAt) })
        : t('evaluation.status.submitted', { time: formatDateTime(record.submittedAt) });

  const columns = [
    {
      title: t('evaluation.col.item'),
      key: 'item',
      render: (_: unknown, item: RubricItem) => (
        <div>
          <div>{item.text}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`evaluation.kind.${item.scoring.kind}`)}
            {item.scoring.kind === 'declared' && item.scoring.evidence ? ` · ${t('evaluation.evidenceHint', { evidence: item.scoring.evidence })}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('evaluation.col.max'), key: 'max', width: 64, align: 'right' as const, render: (_: unknown, item: RubricItem) => item.maxPoints },
    {
      title: t('evaluation.col.evidence'),
      key: 'evidence',
      width: 170,
      render: (_: unknown, item: RubricItem) => {
        const s = item.scoring;
        const figure = s.kind === 'figure' ? s.figure : s.kind === 'rank' && s.basis.source === 'figure' ? s.basis.figure : undefined;
        if (!figure) return null;
        const v = evidence?.figures[figure];
        if (!v) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <div>
            <Space size={4} wrap>
              <span>{figureText(t, figure, v.value)}</span>
              {isPartYear(v) && <Tag color="orange">{t('evaluation.provisionalTag')}</Tag>}
            </Space>
            <div>
              <a href={`#/${FIGURE_PAGE[figure]}`} style={{ fontSize: 12 }}>
                {t('evaluation.viewRecords')}
              </a>
            </div>
          </div>
        );
      },
    },
    {
      title: t('evaluation.col.points'),
      key: 'points',
      width: 150,
      render: (_: unknown, item: RubricItem) => {
        const s = itemScore(item.id);
        if (item.scoring.kind !== 'declared') {
          if (!s || s.status === 'officeOnly') return <Typography.Text type="secondary">{t('evaluation.officeOnly')}</Typography.Text>;
          if (s.status === 'notApplicable') return <Typography.Text type="secondary">{t('evaluation.noData')}</Typography.Text>;
          return <strong>{s.points.toFixed(2)}</strong>;
        }
        const e = entries.get(item.id);
        return (
          <Space direction="vertical" size={4}>
            <InputNumber
              aria-label={item.text}
              min={0}
              max={item.maxPoints}
              step={0.5}
              precision={2}
              disabled={!editable || e?.notApplicable}
              value={e?.notApplicable ? null : (e?.points ?? null)}
              onChange={(v) => setEntry(item.id, { points: typeof v === 'number' ? v : null })}
              style={{ width: 110 }}
            />
            {item.mayNotApply && (
              <Checkbox aria-label={`${t('evaluation.notApplicable')}：${item.text}`} checked={e?.notApplicable ?? false} disabled={!editable} onChange={(ev) => setEntry(item.id, { notApplicable: ev.target.checked })}>
                {t('evaluation.notApplicable')}
              </Checkbox>
            )}
          </Space>
        );
      },
    },
    {
      title: t('evaluation.col.note'),
      key: 'note',
      width: 250,
      render: (_: unknown, item: RubricItem) => {
        if (item.scoring.kind !== 'declared') return null;
        const e = entries.get(item.id);
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <TextField size="small" max={300} disabled={!editable} placeholder={t('evaluation.documentsPlaceholder')} value={e?.documents ?? ''} onChange={(ev) => setEntry(item.id, { documents: ev.target.value })} />
            <TextField size="small" max={300} disabled={!editable} placeholder={t('evaluation.notePlaceholder')} value={e?.note ?? ''} onChange={(ev) => setEntry(item.id, { note: ev.target.value })} />
          </Space>
        );
      },
    },
  ];

  const actions = (
    <Space wrap>
      {/* Years before the unit began its ledgers here have nothing to assess. */}
      <YearSelect value={year} onChange={setYear} firstYear={new Date(unit.createdAt).getFullYear()} />
      {canEdit && !submitted && (
        <>
          <Button onClick={() => void saveDraft()} loading={busy}>
            {t('evaluation.saveDraft')}
          </Button>
          <Popconfirm title={t('evaluation.submitConfirm')} onConfirm={() => void submit()} okText={t('evaluation.submit')} cancelText={t('common.cancel')}>
            <Button type="primary" loading={busy}>
              {t('evaluation.submit')}
            </Button>
          </Popconfirm>
        </>
      )}
      {submitted && !correcting && (
        <>
          <Button onClick={() => window.print()}>{t('evaluation.print')}</Button>
          <Button onClick={() => void savePdf()}>{t('evaluation.savePdf')}</Button>
        </>
      )}
      {canEdit && submitted && !correcting && <Button onClick={() => setCorrecting(true)}>{t('evaluation.correct')}</Button>}
      {canEdit && submitted && correcting && (
        <>
          <Button onClick={() => void load()}>{t('evaluation.cancelCorrect')}</Button>
          <Button type="primary" onClick={() => setReasonOpen(true)} loading={busy}>
            {t('evaluation.submitCorrection')}
          </Button>
        </>
      )}
    </Space>
  );

  return (
    <div className="page">
      <PageHead title={t('evaluation.title')} rule={t('evaluation.rule')} actions={actions} />
      {loadError && <Alert type="error" showIcon message={loadError} style={{ marginBottom: 12 }} />}
      {!reasonOpen && <WriteErrors messages={banner} />}
      {rubric.example && <Alert type="warning" showIcon message={<Space><Tag color="orange">{t('evaluation.exampleTag')}</Tag>{t('evaluation.exampleNotice')}</Space>} style={{ marginBottom: 12 }} />}
      {!canEdit && <Alert type="info" showIcon message={t('evaluation.readOnly')} style={{ marginBottom: 12 }} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={48} wrap align="start">
          <Statistic title={t('evaluation.total')} value={score ? score.total.toFixed(2) : '—'} suffix={<span style={{ fontSize: 14 }}>{t('evaluation.totalOf', { total: rubric.total, bonus: bonusCap })}</span>} />
          <Statistic title={t('evaluation.base')} value={score ? score.base.toFixed(2) : '—'} />
          <Statistic title={t('evaluation.bonus')} value={score ? score.bonus.toFixed(2) : '—'} />
          <div>
            <div>
              <Tag color={submitted ? 'green' : 'default'}>{statusText}</Tag>
            </div>
            {record?.correctionReason && <Typography.Text type="secondary">{t('evaluation.correctionReason', { reason: record.correctionReason })}</Typography.Text>}
            <div>
              <Typography.Text type="secondary">{rubric.title}</Typography.Text>
            </div>
            {period && <Typography.Text type="secondary">{t('evaluation.period', { from: period.from, to: period.to })}</Typography.Text>}
          </div>
        </Space>
        {partYear && period && <Alert type="info" showIcon message={t('evaluation.provisional', { from: period.from, to: period.to })} style={{ marginTop: 12 }} />}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('evaluation.scaledNote')}
        </Typography.Paragraph>
      </Card>
      {result && <ResultCard result={result} rubric={rubric} self={record} />}
      {rubric.categories.map((category) => {
        const c = score?.categories.find((x) => x.id === category.id);
        return (
          <Card
            key={category.id}
            size="small"
            style={{ marginBottom: 12 }}
            title={t('evaluation.category', { name: CATEGORY_NAMES[category.id][lang], max: category.maxPoints })}
            extra={c && <Typography.Text>{t('evaluation.categoryScore', { points: c.points.toFixed(2), max: c.applicableMax })}</Typography.Text>}
          >
            <Table<RubricItem> rowKey="id" size="small" pagination={false} columns={columns} dataSource={category.items} data-testid={`category-${category.id}`} />
          </Card>
        );
      })}
      <Card size="small" title={t('evaluation.summary')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('evaluation.summaryHelp')}
        </Typography.Paragraph>
        <TextBox aria-label={t('evaluation.summary')} rows={5} max={3000} disabled={!editable} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </Card>
      {submitted && !correcting && record && (
        <PrintDocument testId="self-report">
          <SelfReport t={zhT} unit={unit} rubric={rubric} record={record} />
        </PrintDocument>
      )}
      <Modal
        open={reasonOpen}
        title={t('evaluation.correctionTitle')}
        okText={t('evaluation.submitCorrection')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void submit(reason)}
        onCancel={() => setReasonOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('evaluation.correctionHelp')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('evaluation.correctionLabel')} required>
            <TextBox aria-label={t('evaluation.correctionLabel')} rows={3} max={200} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
        <WriteErrors messages={banner} />
      </Modal>
    </div>
  );
}
