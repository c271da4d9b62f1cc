import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Drawer, Input, InputNumber, Select, Space, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formatBands, parseBands } from '../../../shared/evaluation/bandText';
import { checkRubric, type RubricProblem } from '../../../shared/evaluation/check';
import { FIGURE_IDS, FIGURES, type FigureId } from '../../../shared/evaluation/figures';
import { CATEGORY_IDS, CATEGORY_NAMES, OFFICE_SOURCES, type Band, type Rubric, type RubricItem, type Scoring } from '../../../shared/evaluation/rubric';
import { useLang, useT } from '../../i18n';
import { TextField } from '../../ui/LimitedInput';
import { RubricProblems } from './EvaluationParts';

/** An item as the editor holds it: the rubric's item, with its bands and rank table as typed. */
interface Draft {
  key: string;
  item: RubricItem;
  bands: string;
  places: string;
}

let nextKey = 0;
const keyOf = () => `d${(nextKey += 1)}`;

function bandsOf(item: RubricItem): { bands?: readonly Band[]; domain: 'rate' | 'count' | 'hours' } {
  const s = item.scoring;
  if (s.kind === 'figure') return { bands: s.bands, domain: FIGURES[s.figure].domain };
  if (s.kind === 'office') return { ...(s.bands ? { bands: s.bands } : {}), domain: 'count' };
  return { domain: 'count' };
}

function toDraft(item: RubricItem): Draft {
  const { bands, domain } = bandsOf(item);
  const s = item.scoring;
  return { key: keyOf(), item, bands: bands ? formatBands(bands, domain) : '', places: s.kind === 'rank' && s.table.kind === 'places' ? [...s.table.points, s.table.rest].join(', ') : '' };
}

const DEFAULT_SCORING: Record<Scoring['kind'], Scoring> = {
  declared: { kind: 'declared', evidence: '' },
  figure: { kind: 'figure', figure: 'checkinOnTimeRate', bands: [{ from: 0, to: 1, points: 0 }], prorate: false },
  rank: { kind: 'rank', basis: { source: 'office', label: '名次', higherIsBetter: false }, table: { kind: 'proportional' } },
  office: { kind: 'office', source: 'spotCheck' },
};

/**
 * The rubric editor: every category's maximum, every item's id, text, points
 * and how it is scored, bands and rank tables typed as the office writes them.
 * Each change is checked at once (checkRubric): the problems are listed, and
 * the rubric can be kept only when there is none.
 */
export function RubricEditor({ initial, onSave, onClose, busy }: { initial: Rubric; onSave: (r: Rubric) => void; onClose: () => void; busy: boolean }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [head, setHead] = useState(() => ({ title: initial.title, year: initial.year, total: initial.total, tieBreak: initial.tieBreak }));
  const [maxima, setMaxima] = useState<number[]>(() => initial.categories.map((c) => c.maxPoints));
  const [drafts, setDrafts] = useState<Draft[][]>(() => initial.categories.map((c) => c.items.map(toDraft)));

  const { candidate, problems } = useMemo(() => {
    const typed: RubricProblem[] = [];
    const categories = CATEGORY_IDS.map((id, ci) => ({
      id,
      maxPoints: maxima[ci] ?? 0,
      items: (drafts[ci] ?? []).map(({ item, bands, places }) => {
        const s = item.scoring;
        const domain = bandsOf(item).domain;
        const at = item.id || '?';
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/.test(item.id)) typed.push({ at, zh: t('rubricEdit.badId', { item: at }), en: t('rubricEdit.badId', { item: at }) });
        if (item.text.trim() === '') typed.push({ at, zh: t('rubricEdit.noText', { item: at }), en: t('rubricEdit.noText', { item: at }) });
        if (s.kind === 'figure' && bands.trim() === '') typed.push({ at, zh: t('rubricEdit.badBands', { item: at, text: '' }), en: t('rubricEdit.badBands', { item: at, text: '' }) });
        if (bands.trim() !== '' && (s.kind === 'figure' || s.kind === 'office')) {
          const parsed = parseBands(bands, domain);
          if (!parsed.ok) typed.push({ at, zh: t('rubricEdit.badBands', { item: at, text: parsed.bad }), en: t('rubricEdit.badBands', { item: at, text: parsed.bad }) });
          else return { ...item, scoring: { ...s, bands: parsed.bands } as Scoring };
        }
        if (s.kind === 'office' && bands.trim() === '') return { ...item, scoring: { kind: 'office' as const, source: s.source } };
        if (s.kind === 'rank' && s.table.kind === 'places') {
          const list = places.split(/[,，、\s]+/).filter(Boolean).map(Number);
          if (list.length < 2 || list.some((n) => !Number.isFinite(n) || n < 0)) typed.push({ at, zh: t('rubricEdit.badPlaces', { item: at }), en: t('rubricEdit.badPlaces', { item: at }) });
          else return { ...item, scoring: { ...s, table: { kind: 'places' as const, points: list.slice(0, -1), rest: list.at(-1)! } } };
        }
        return item;
      }),
    }));
    const rubric = { ...initial, ...head, categories };
    const checked = checkRubric(rubric);
    // Shape problems the editor named in words already are not listed twice as malformed fields.
    const rest = checked.ok ? [] : typed.length > 0 ? checked.problems.filter((p) => !p.zh.startsWith('格式不正确')) : checked.problems;
    return { candidate: checked.ok && typed.length === 0 ? checked.rubric : null, problems: [...typed, ...rest] };
  }, [initial, head, maxima, drafts, t]);

  const change = (ci: number, key: string, f: (d: Draft) => Draft) => setDrafts((all) => all.map((list, i) => (i === ci ? list.map((d) => (d.key === key ? f(d) : d)) : list)));
  const setItem = (ci: number, key: string, patch: Partial<RubricItem>) => change(ci, key, (d) => ({ ...d, item: { ...d.item, ...patch } }));
  const setScoring = (ci: number, key: string, scoring: Scoring) => change(ci, key, (d) => toDraft({ ...d.item, scoring }));

  const figureOptions = FIGURE_IDS.map((f: FigureId) => ({ value: f, label: FIGURES[f][lang] }));

  const settings = (ci: number, d: Draft) => {
    const s = d.item.scoring;
    switch (s.kind) {
      case 'declared':
        return <TextField size="small" max={200} aria-label={t('rubricEdit.evidence')} placeholder={t('rubricEdit.evidence')} value={s.evidence} onChange={(e) => setItem(ci, d.key, { scoring: { ...s, evidence: e.target.value } })} />;
      case 'figure':
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Select size="small" style={{ width: '100%' }} options={figureOptions} value={s.figure} onChange={(figure: FigureId) => setScoring(ci, d.key, { ...s, figure, prorate: s.prorate && FIGURES[figure].domain === 'count' })} />
            <Input size="small" aria-label={t('rubricEdit.bands')} placeholder={FIGURES[s.figure].domain === 'rate' ? '0-60:0; 60-95:0~10; 95-100:10' : '0-1:4; 1-2:2; 2-:0'} value={d.bands} onChange={(e) => change(ci, d.key, (x) => ({ ...x, bands: e.target.value }))} />
            {FIGURES[s.figure].domain === 'count' && (
              <Checkbox checked={s.prorate} onChange={(e) => setItem(ci, d.key, { scoring: { ...s, prorate: e.target.checked } })}>
                {t('rubricEdit.prorate')}
              </Checkbox>
            )}
          </Space>
        );
      case 'rank':
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Select
              size="small"
              style={{ width: '100%' }}
              value={s.basis.source === 'figure' ? s.basis.figure : '__office'}
              options={[{ value: '__office', label: t('rubricEdit.officeBasis') }, ...figureOptions]}
              onChange={(v: string) => setItem(ci, d.key, { scoring: { ...s, basis: v === '__office' ? { source: 'office', label: '名次', higherIsBetter: false } : { source: 'figure', figure: v as FigureId } } })}
            />
            {s.basis.source === 'office' && (
              <TextField size="small" max={60} aria-label={t('rubricEdit.basisLabel')} value={s.basis.label} onChange={(e) => s.basis.source === 'office' && setItem(ci, d.key, { scoring: { ...s, basis: { ...s.basis, label: e.target.value } } })} />
            )}
            <Checkbox checked={s.table.kind === 'proportional'} onChange={(e) => setScoring(ci, d.key, { ...s, table: e.target.checked ? { kind: 'proportional' } : { kind: 'places', points: [d.item.maxPoints], rest: 0 } })}>
              {t('rubricEdit.proportional')}
            </Checkbox>
            {s.table.kind === 'places' && <Input size="small" aria-label={t('rubricEdit.places')} placeholder="6, 5, 4, 3, 0" value={d.places} onChange={(e) => change(ci, d.key, (x) => ({ ...x, places: e.target.value }))} />}
          </Space>
        );
      case 'office':
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Select size="small" style={{ width: '100%' }} value={s.source} options={OFFICE_SOURCES.map((o) => ({ value: o, label: t(`rubricEdit.source.${o}`) }))} onChange={(source) => setItem(ci, d.key, { scoring: { ...s, source } })} />
            <Input size="small" aria-label={t('rubricEdit.bands')} placeholder={t('rubricEdit.officeBands')} value={d.bands} onChange={(e) => change(ci, d.key, (x) => ({ ...x, bands: e.target.value }))} />
          </Space>
        );
    }
  };

  return (
    <Drawer
      open
      width={1240}
      title={t('rubricEdit.title', { title: head.title })}
      onClose={onClose}
      extra={
        <Button type="primary" disabled={!candidate} loading={busy} onClick={() => candidate && onSave(candidate)}>
          {t('rubric.keep')}
        </Button>
      }
    >
      {problems.length > 0 ? (
        <RubricProblems problems={problems} testId="editor-problems" />
      ) : (
        <Alert type="success" showIcon message={t('rubricEdit.consistent')} style={{ marginBottom: 12 }} data-testid="editor-ok" />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('rubric.titleCol')}</span>
        <TextField max={100} aria-label={t('rubric.titleCol')} value={head.title} onChange={(e) => setHead({ ...head, title: e.target.value })} style={{ width: 380 }} />
        <span>{t('evaluation.year')}</span>
        <InputNumber aria-label={t('evaluation.year')} min={2000} max={2100} value={head.year} onChange={(v) => setHead({ ...head, year: v ?? head.year })} />
        <span>{t('rubric.total')}</span>
        <InputNumber aria-label={t('rubricEdit.total')} min={1} max={1000} value={head.total} onChange={(v) => setHead({ ...head, total: v ?? head.total })} />
        <span>{t('rubricEdit.tieBreak')}</span>
        <Select mode="multiple" style={{ minWidth: 220 }} value={head.tieBreak} onChange={(tieBreak) => setHead({ ...head, tieBreak })} options={CATEGORY_IDS.map((c) => ({ value: c, label: CATEGORY_NAMES[c][lang] }))} />
      </Space>
      {CATEGORY_IDS.map((id, ci) => (
        <Card
          key={id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space>
              {CATEGORY_NAMES[id][lang]}
              <InputNumber size="small" aria-label={t('rubricEdit.categoryMax', { name: CATEGORY_NAMES[id][lang] })} min={0} max={1000} value={maxima[ci]} onChange={(v) => setMaxima((m) => m.map((x, i) => (i === ci ? (v ?? 0) : x)))} />
              {t('rubricEdit.points')}
            </Space>
          }
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDrafts((all) => all.map((list, i) => (i === ci ? [...list, toDraft({ id: `${id}.new${list.length + 1}`, text: '', maxPoints: 1, mayNotApply: false, scoring: DEFAULT_SCORING.declared })] : list)))}>
              {t('rubricEdit.addItem')}
            </Button>
          }
        >
          <Table<Draft>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={drafts[ci]}
            columns={[
              { title: t('rubricEdit.id'), key: 'id', width: 130, render: (_, d) => <Input size="small" aria-label={t('rubricEdit.id')} value={d.item.id} onChange={(e) => setItem(ci, d.key, { id: e.target.value.trim() })} /> },
              { title: t('evaluation.col.item'), key: 'text', render: (_, d) => <TextField size="small" max={300} aria-label={t('evaluation.col.item')} value={d.item.text} onChange={(e) => setItem(ci, d.key, { text: e.target.value })} /> },
              { title: t('evaluation.col.max'), key: 'max', width: 80, render: (_, d) => <InputNumber size="small" aria-label={t('evaluation.col.max')} min={0} max={1000} value={d.item.maxPoints} onChange={(v) => setItem(ci, d.key, { maxPoints: v ?? 0 })} style={{ width: 70 }} /> },
              { title: t('rubricEdit.mayNotApply'), key: 'na', width: 70, render: (_, d) => <Checkbox aria-label={t('rubricEdit.mayNotApply')} checked={d.item.mayNotApply} onChange={(e) => setItem(ci, d.key, { mayNotApply: e.target.checked })} /> },
              {
                title: t('rubric.scoring'),
                key: 'kind',
                width: 130,
                render: (_, d) => (
                  <Select size="small" style={{ width: 120 }} value={d.item.scoring.kind} onChange={(kind: Scoring['kind']) => setScoring(ci, d.key, DEFAULT_SCORING[kind])} options={(['declared', 'figure', 'rank', 'office'] as const).map((k) => ({ value: k, label: t(`rubricEdit.kind.${k}`) }))} />
                ),
              },
              { title: t('rubricEdit.settings'), key: 'settings', width: 330, render: (_, d) => settings(ci, d) },
              {
                title: '',
                key: 'delete',
                width: 44,
                render: (_, d) => <Button size="small" type="text" danger aria-label={t('rubricEdit.remove')} icon={<DeleteOutlined />} onClick={() => setDrafts((all) => all.map((list, i) => (i === ci ? list.filter((x) => x.key !== d.key) : list)))} />,
              },
            ]}
          />
        </Card>
      ))}
    </Drawer>
  );
}
