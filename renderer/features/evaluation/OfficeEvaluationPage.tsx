import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Drawer, Empty, Form, InputNumber, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { UnitLevel } from '../../../shared/domain/unit';
import { FIGURES } from '../../../shared/evaluation/figures';
import type { EvaluationEntriesBody } from '../../../shared/evaluation/officeEntries';
import { CATEGORY_NAMES, rubricItems, type Rubric, type RubricItem } from '../../../shared/evaluation/rubric';
import { officeEvaluation, saveEvaluationEntries, type GroupEvaluation, type UnitEvaluation } from '../../db/evaluationOffice';
import { chinese, useLang, useT } from '../../i18n';
import { useSession } from '../../state/session';
import { PrintDocument } from '../../ui/PrintDocument';
import { useSheetExport } from '../ledgers/useSheetExport';
import { placeText, RankingNotice } from './RankingNotice';
import { YearSelect } from './EvaluationParts';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { TextBox } from '../../ui/LimitedInput';
import { PageHead } from '../../ui/PageHead';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { figureText } from './figureText';
import { PgProblem, PgSourceTag, useConsoleSource } from '../console/useConsoleSource';
import { PgConsoleError } from '../../state/consoleMode';

type Entry = EvaluationEntriesBody['entries'][number];
type Adjustment = EvaluationEntriesBody['adjustments'][number];

const zhT = chinese;
const fixed = (n: number) => n.toFixed(2);

/** Which value an office entry takes for an item: points, a count its bands score, or a rank basis. */
function entryKind(item: RubricItem): 'points' | 'count' | 'basis' | null {
  const s = item.scoring;
  if (s.kind === 'office') return s.bands ? 'count' : 'points';
  if (s.kind === 'rank' && s.basis.source === 'office') return 'basis';
  return null;
}

/**
 * 综合考评 (考核办法 四、五): every received unit's self-assessment beside the
 * office's own figures from its bundles, the evaluation group's entries and
 * adjustments, and the ranking within each group with 并列.
 */
export function OfficeEvaluationPage() {
  const t = useT();
  const actor = useActor();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [groups, setGroups] = useState<GroupEvaluation[]>();
  const [group, setGroup] = useState<UnitLevel>('county');
  const [openUnit, setOpenUnit] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [problem, setProblem] = useState<unknown>(null);
  const officeName = useSession((s) => s.unit?.name ?? '');
  const exportSheet = useSheetExport();
  const source = useConsoleSource();

  const load = useCallback(async () => {
    if (!source) return;
    setLoadError(undefined);
    setProblem(null);
    try {
      setGroups(await officeEvaluation(db, source, actor.unitId, year));
    } catch (e) {
      // The server's refusals in its own words; anything else as the page always said it.
      if (e instanceof PgConsoleError) setProblem(e);
      else setLoadError(t('evaluation.loadFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  }, [source, actor.unitId, year, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const current = groups?.find((g) => g.group === group);
  const itemById = useMemo(() => new Map(current ? rubricItems(current.rubric).map(({ item }) => [item.id, item]) : []), [current]);
  const selected = current?.units.find((u) => u.unitId === openUnit);

  const columns = [
    {
      title: t('office.col.place'),
      key: 'place',
      width: 90,
      render: (_: unknown, u: UnitEvaluation) => (
        <Space size={4}>
          <strong>{u.placing.place}</strong>
          {u.placing.tied && <Tag>{t('office.tied')}</Tag>}
        </Space>
      ),
    },
    { title: t('office.col.unit'), key: 'unit', render: (_: unknown, u: UnitEvaluation) => `${u.identity.unitName}（${u.identity.unitCode}）` },
    {
      title: t('office.col.self'),
      key: 'self',
      width: 120,
      align: 'right' as const,
      render: (_: unknown, u: UnitEvaluation) => (typeof u.self?.total === 'number' ? fixed(u.self!.total!) : <Tag color="orange">{t('office.notSubmitted')}</Tag>),
    },
    { title: t('office.col.total'), key: 'total', width: 110, align: 'right' as const, render: (_: unknown, u: UnitEvaluation) => <strong>{fixed(u.score.total)}</strong> },
    {
      title: t('office.col.flags'),
      key: 'flags',
      width: 220,
      render: (_: unknown, u: UnitEvaluation) => {
        const open = u.score.items.filter((i) => i.status === 'missing' && itemById.has(i.itemId) && entryKind(itemById.get(i.itemId)!) !== null).length;
        return (
          <Space size={4} wrap>
            {u.mismatches > 0 && <Tag color="red">{t('office.mismatches', { n: u.mismatches })}</Tag>}
            {open > 0 && <Tag color="gold">{t('office.openItems', { n: open })}</Tag>}
            {u.score.provisional && <Tag color="orange">{t('evaluation.provisionalTag')}</Tag>}
          </Space>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, u: UnitEvaluation) => (
        <Button size="small" onClick={() => setOpenUnit(u.unitId)}>
          {t('office.score')}
        </Button>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHead
        title={t('office.title')}
        rule={t('office.rule')}
        actions={
          <Space wrap>
            <PgSourceTag />
            <YearSelect value={year} onChange={setYear} />
            <Button disabled={!current?.units.length} onClick={() => window.print()}>
              {t('office.printNotice')}
            </Button>
            <Button
              disabled={!current?.units.length}
              onClick={() =>
                current &&
                void exportSheet({
                  title: zhT('office.rankingSheet', { year, group: zhT(`notice.group.${current.group}`) }),
                  header: [zhT('office.col.place'), zhT('office.col.unit'), zhT('office.col.self'), zhT('office.col.total')],
                  rows: current.units.map((u) => [placeText(zhT, u.placing.place, u.placing.tied), u.identity.unitName, u.self?.total ?? zhT('office.notSubmitted'), u.score.total]),
                })
              }
            >
              {t('office.exportRanking')}
            </Button>
          </Space>
        }
      />
      {loadError && <Alert type="error" showIcon message={loadError} style={{ marginBottom: 12 }} />}
      <PgProblem error={problem} />
      {current?.rubric.example && <Alert type="warning" showIcon message={<Space><Tag color="orange">{t('evaluation.exampleTag')}</Tag>{t('office.exampleNotice')}</Space>} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={group}
        onChange={(k) => setGroup(k as UnitLevel)}
        items={(groups ?? []).map((g) => ({ key: g.group, label: t(`office.group.${g.group}`, { n: g.units.length }) }))}
      />
      {current && (
        <Table<UnitEvaluation>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={current.units}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('office.noUnits')} /> }}
          data-testid="office-ranking"
        />
      )}
      {current && current.units.length > 0 && (
        <PrintDocument testId="ranking-notice">
          <RankingNotice t={zhT} group={current} year={year} issuer={officeName} at={Date.now()} />
        </PrintDocument>
      )}
      {selected && current && <UnitDrawer key={`${selected.unitId}/${year}`} unit={selected} rubric={current.rubric} year={year} onClose={() => setOpenUnit(undefined)} onSaved={load} />}
    </div>
  );
}

function UnitDrawer({ unit, rubric, year, onClose, onSaved }: { unit: UnitEvaluation; rubric: Rubric; year: number; onClose: () => void; onSaved: () => Promise<void> }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const actor = useActor();
  const { busy, banner, run } = useFormWrite();
  const [entries, setEntries] = useState<Map<string, Entry>>(() => new Map((unit.entries?.entries ?? []).map((e) => [e.itemId, e])));
  const [adjustments, setAdjustments] = useState<Map<string, Adjustment>>(() => new Map((unit.entries?.adjustments ?? []).map((a) => [a.itemId, a])));
  const [adjusting, setAdjusting] = useState<RubricItem>();
  const [adjustPoints, setAdjustPoints] = useState<number | null>(null);
  const [adjustReason, setAdjustReason] = useState('');
  const comparisons = useMemo(() => new Map(unit.comparisons.map((c) => [c.itemId, c])), [unit]);

  const setEntry = (itemId: string, change: Partial<Entry>) =>
    setEntries((prev) => {
      const next = new Map(prev);
      next.set(itemId, { ...(prev.get(itemId) ?? { itemId }), ...change });
      return next;
    });

  const save = async (nextAdjustments = adjustments) => {
    const done = await run(
      async () =>
        void (await saveEvaluationEntries(db, actor, rubric, { year, assessedUnitId: unit.unitId, entries: [...entries.values()], adjustments: [...nextAdjustments.values()] })),
      'common.saved',
    );
    if (done) await onSaved();
    return done;
  };

  const confirmAdjust = async () => {
    if (!adjusting || adjustPoints === null) return;
    const next = new Map(adjustments);
    next.set(adjusting.id, { itemId: adjusting.id, points: adjustPoints, reason: adjustReason });
    if (await save(next)) {
      setAdjustments(next);
      setAdjusting(undefined);
    }
  };
  const clearAdjust = async (itemId: string) => {
    const next = new Map(adjustments);
    next.delete(itemId);
    if (await save(next)) setAdjustments(next);
  };

  const columns = [
    { title: t('evaluation.col.item'), key: 'item', render: (_: unknown, item: RubricItem) => item.text },
    { title: t('evaluation.col.max'), key: 'max', width: 56, align: 'right' as const, render: (_: unknown, item: RubricItem) => item.maxPoints },
    {
      title: t('office.col.selfItem'),
      key: 'self',
      width: 150,
      render: (_: unknown, item: RubricItem) => {
        const c = comparisons.get(item.id);
        const figure = item.scoring.kind === 'figure' ? item.scoring.figure : undefined;
        if (!c || c.selfPoints === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <div>
            <div>{c.selfPoints === null ? t('evaluation.notApplicable') : fixed(c.selfPoints)}</div>
            {figure && c.claimedFigure !== undefined && <Typography.Text type="secondary">{figureText(t, figure, c.claimedFigure)}</Typography.Text>}
          </div>
        );
      },
    },
    {
      title: t('office.col.officeFigure'),
      key: 'office',
      width: 150,
      render: (_: unknown, item: RubricItem) => {
        const c = comparisons.get(item.id);
        const s = item.scoring;
        if (s.kind !== 'figure') return null;
        const v = c?.officeFigure;
        return (
          <Space size={4} wrap>
            <span>{v ? figureText(t, s.figure, v.value) : '—'}</span>
            {s.figure === 'backupsKept' && v && <Tag>{t('office.unitsWord')}</Tag>}
            {c?.mismatch && <Tag color="red">{t('office.mismatch')}</Tag>}
          </Space>
        );
      },
    },
    {
      title: t('office.col.points'),
      key: 'points',
      width: 190,
      render: (_: unknown, item: RubricItem) => {
        const s = unit.score.items.find((i) => i.itemId === item.id);
        const kind = entryKind(item);
        const adj = adjustments.get(item.id);
        const e = entries.get(item.id);
        return (
          <Space direction="vertical" size={4}>
            {kind && !adj && (
              <Space size={4}>
                <InputNumber
                  size="small"
                  aria-label={`${t(`office.entry.${kind}`)}：${item.text}`}
                  min={0}
                  max={kind === 'points' ? item.maxPoints : undefined}
                  precision={kind === 'count' ? 0 : 2}
                  disabled={e?.points === null}
                  placeholder={kind === 'count' && item.scoring.kind === 'office' && item.scoring.source === 'notices' ? String(unit.notices) : t(`office.entry.${kind}`)}
                  value={kind === 'points' ? (e?.points ?? null) : kind === 'count' ? (e?.count ?? null) : (e?.basis ?? null)}
                  onChange={(v) => setEntry(item.id, kind === 'points' ? { points: typeof v === 'number' ? v : undefined } : kind === 'count' ? { count: typeof v === 'number' ? v : undefined } : { basis: typeof v === 'number' ? v : undefined })}
                  style={{ width: 90 }}
                />
                {kind === 'points' && item.mayNotApply && (
                  <Checkbox checked={e?.points === null} onChange={(ev) => setEntry(item.id, { points: ev.target.checked ? null : undefined })}>
                    {t('evaluation.notApplicable')}
                  </Checkbox>
                )}
              </Space>
            )}
            {kind === 'count' && item.scoring.kind === 'office' && item.scoring.source === 'notices' && e?.count === undefined && (
              <Typography.Text type="secondary">{t('office.noticesAuto', { n: unit.notices })}</Typography.Text>
            )}
            <span>
              {s?.status === 'notApplicable' ? t('evaluation.notApplicable') : s?.status === 'missing' ? <Tag color="gold">{t('office.notScored')}</Tag> : <strong>{fixed(s?.points ?? 0)}</strong>}
              {adj && <Typography.Text type="secondary">{` ${t('office.adjustedFrom', { points: fixed(s?.computed ?? 0) })}`}</Typography.Text>}
            </span>
            {adj && <Typography.Text type="secondary">{t('office.adjustReason', { reason: adj.reason })}</Typography.Text>}
          </Space>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, item: RubricItem) =>
        adjustments.has(item.id) ? (
          <Button size="small" type="link" onClick={() => void clearAdjust(item.id)}>
            {t('office.clearAdjust')}
          </Button>
        ) : (
          <Button
            size="small"
            type="link"
            onClick={() => {
              setAdjusting(item);
              setAdjustPoints(null);
              setAdjustReason('');
            }}
          >
            {t('office.adjust')}
          </Button>
        ),
    },
  ];

  return (
    <Drawer
      open
      width={1080}
      title={t('office.drawerTitle', { unit: unit.identity.unitName, year })}
      onClose={onClose}
      extra={
        <Button type="primary" loading={busy} onClick={() => void save()}>
          {t('office.saveEntries')}
        </Button>
      }
    >
      <WriteErrors messages={adjusting ? [] : banner} />
      <Space size={32} style={{ marginBottom: 12 }} wrap>
        <span>
          {t('office.col.self')}：<strong>{typeof unit.self?.total === 'number' ? fixed(unit.self!.total!) : t('office.notSubmitted')}</strong>
        </span>
        <span>
          {t('office.col.total')}：<strong>{fixed(unit.score.total)}</strong>
        </span>
        <span>
          {t('office.col.place')}：<strong>{unit.placing.place}</strong>
          {unit.placing.tied ? ` ${t('office.tied')}` : ''}
        </span>
        {unit.self && unit.self.rubric.version !== rubric.version && <Tag color="orange">{t('office.olderRubric', { version: unit.self.rubric.version })}</Tag>}
      </Space>
      {unit.mismatches > 0 && <Alert type="error" showIcon message={t('office.mismatchHelp', { n: unit.mismatches })} style={{ marginBottom: 12 }} />}
      {rubric.categories.map((category) => (
        <Fragment key={category.id}>
          <Typography.Title level={5}>{t('evaluation.category', { name: CATEGORY_NAMES[category.id][lang], max: category.maxPoints })}</Typography.Title>
          <Table<RubricItem>
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={category.items}
            rowClassName={(item) => (comparisons.get(item.id)?.mismatch ? 'row-mismatch' : '')}
            style={{ marginBottom: 16 }}
          />
        </Fragment>
      ))}
      <Modal
        open={adjusting !== undefined}
        title={t('office.adjustTitle', { item: adjusting?.text ?? '' })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void confirmAdjust()}
        onCancel={() => setAdjusting(undefined)}
        okButtonProps={{ disabled: adjustPoints === null }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('office.adjustPoints', { max: adjusting?.maxPoints ?? 0 })} required>
            <InputNumber aria-label={t('office.adjustPointsLabel')} min={0} max={adjusting?.maxPoints} precision={2} value={adjustPoints} onChange={(v) => setAdjustPoints(typeof v === 'number' ? v : null)} />
          </Form.Item>
          <Form.Item label={t('office.adjustReasonLabel')} required>
            <TextBox aria-label={t('office.adjustReasonLabel')} rows={3} max={200} value={adjustReason} onChange={(e) => setAdjustReason(e.target.value)} />
          </Form.Item>
        </Form>
        <WriteErrors messages={banner} />
      </Modal>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('office.figureNote', { figures: Object.values(FIGURES).filter((f) => f.side === 'office').map((f) => f[lang]).join('、') })}
      </Typography.Paragraph>
    </Drawer>
  );
}
