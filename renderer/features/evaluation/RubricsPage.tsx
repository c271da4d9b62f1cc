import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Modal, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { checkRubric, type RubricProblem } from '../../../shared/evaluation/check';
import { exampleRubric } from '../../../shared/evaluation/examples';
import { FIGURES } from '../../../shared/evaluation/figures';
import { CATEGORY_NAMES, rubricItems, type Rubric, type RubricItem } from '../../../shared/evaluation/rubric';
import { parseUntrustedJson } from '../../../shared/bundle/format';
import { officeRubrics, RubricRefused, saveOfficeRubric } from '../../db/rubrics';
import { useLang, useT, type Translate } from '../../i18n';
import { db } from '../../state/db';
import { download } from '../../ui/files';
import { FilePickButton } from '../../ui/FilePickButton';
import { PageHead } from '../../ui/PageHead';
import { RubricEditor } from './RubricEditor';
import { RubricProblems } from './EvaluationParts';

const MAX_FILE_BYTES = 1024 * 1024;
/** From October on, rubrics are written for the year to come. */
const nextYear = () => new Date().getFullYear() + (new Date().getMonth() >= 9 ? 1 : 0);

/** How an item is scored, in a line the office reads. */
function scoringText(t: Translate, lang: 'zh' | 'en', item: RubricItem): string {
  const s = item.scoring;
  if (s.kind === 'figure') return t('rubric.scoring.figure', { figure: FIGURES[s.figure][lang], bands: s.bands.length });
  if (s.kind === 'rank') return s.table.kind === 'places' ? t('rubric.scoring.places', { points: s.table.points.join('、') }) : t('rubric.scoring.proportional');
  return t(`evaluation.kind.${s.kind}`);
}

/**
 * 考核细则 (考核办法 三): the office's rubric per group and year. A rubric is
 * written as a file (start from the example, which can be downloaded) and
 * loaded here; it is checked item by item and band by band, and kept only
 * when consistent. Published to units in the next policy bundle.
 */
export function RubricsPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { message } = App.useApp();
  const [rubrics, setRubrics] = useState<Rubric[]>([]);
  const [problems, setProblems] = useState<RubricProblem[]>();
  const [pending, setPending] = useState<Rubric>();
  const [official, setOfficial] = useState(true);
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Rubric>();
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => setRubrics(await officeRubrics(db)), []);
  useEffect(() => {
    void load();
  }, [load]);

  const pick = async (file: File) => {
    setError(undefined);
    setProblems(undefined);
    if (file.size > MAX_FILE_BYTES) return setError(t('rubric.tooLarge'));
    let json: unknown;
    try {
      json = parseUntrustedJson(await file.text());
    } catch {
      return setError(t('rubric.notJson'));
    }
    const checked = checkRubric(json);
    if (!checked.ok) return setProblems(checked.problems);
    setOfficial(!checked.rubric.example);
    setPending(checked.rubric);
  };

  const save = async () => {
    if (!pending) return;
    try {
      const saved = await saveOfficeRubric(db, pending, official);
      setPending(undefined);
      await load();
      void message.success(t('rubric.saved', { title: saved.title, version: saved.version }));
    } catch (e) {
      if (e instanceof RubricRefused) setProblems(e.problems);
      else setError(t('err.generic', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const saveEdited = async (r: Rubric) => {
    setSaving(true);
    try {
      const saved = await saveOfficeRubric(db, r, true);
      setEditing(undefined);
      await load();
      void message.success(t('rubric.saved', { title: saved.title, version: saved.version }));
    } catch (e) {
      setError(e instanceof RubricRefused ? t('rubric.refused', { n: e.problems.length }) : t('err.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSaving(false);
    }
  };

  /** A new rubric for the coming year, from the example, as the office's own. */
  const startFrom = (group: 'county' | 'municipal') => {
    const example = exampleRubric(group, nextYear());
    setEditing({ ...example, title: example.title.replace(/（示例）$/, ''), example: false });
  };

  const downloadExample = (group: 'county' | 'municipal') => {
    const year = nextYear();
    download(`考核评价细则-${group === 'county' ? '县区' : '市直'}-示例.json`, new Blob([JSON.stringify(exampleRubric(group, year), null, 2)], { type: 'application/json' }));
  };

  return (
    <div className="page">
      <PageHead
        title={t('rubric.title')}
        rule={t('rubric.rule')}
        actions={
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => startFrom('county')}>
              {t('rubricEdit.newCounty')}
            </Button>
            <Button icon={<EditOutlined />} onClick={() => startFrom('municipal')}>
              {t('rubricEdit.newMunicipal')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => downloadExample('county')}>
              {t('rubric.exampleCounty')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => downloadExample('municipal')}>
              {t('rubric.exampleMunicipal')}
            </Button>
            <FilePickButton type="primary" accept=".json" testId="rubric-file" icon={<UploadOutlined />} onFile={(f) => void pick(f)}>
              {t('rubric.load')}
            </FilePickButton>
          </Space>
        }
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {problems && <RubricProblems problems={problems} testId="rubric-problems" max={problems.length} />}
      <Card size="small" title={t('rubric.kept')}>
        <Table<Rubric>
          size="small"
          rowKey={(r) => `${r.group}/${r.year}`}
          dataSource={rubrics}
          pagination={false}
          locale={{ emptyText: t('rubric.none') }}
          columns={[
            { title: t('evaluation.year'), dataIndex: 'year', width: 80 },
            { title: t('rubric.group'), key: 'group', width: 120, render: (_, r) => t(`notice.group.${r.group}`) },
            { title: t('rubric.titleCol'), key: 'title', render: (_, r) => <Space>{r.title}{r.example && <Tag color="orange">{t('evaluation.exampleTag')}</Tag>}</Space> },
            { title: t('rubric.version'), dataIndex: 'version', width: 80 },
            { title: t('rubric.items'), key: 'items', width: 80, render: (_, r) => rubricItems(r).length },
            { title: t('rubric.total'), key: 'total', width: 140, render: (_, r) => t('evaluation.totalOf', { total: r.total, bonus: r.categories.find((c) => c.id === 'bonus')?.maxPoints ?? 0 }) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, r) => (
                <Button size="small" onClick={() => setEditing(r)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {editing && <RubricEditor key={`${editing.group}/${editing.year}/${editing.version}`} initial={editing} busy={saving} onSave={(r) => void saveEdited(r)} onClose={() => setEditing(undefined)} />}
      <Modal
        open={pending !== undefined}
        width={960}
        title={pending ? t('rubric.preview', { title: pending.title, year: pending.year }) : ''}
        okText={t('rubric.keep')}
        cancelText={t('common.cancel')}
        onOk={() => void save()}
        onCancel={() => setPending(undefined)}
        destroyOnHidden
      >
        {pending && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="success" showIcon message={t('rubric.consistent', { items: rubricItems(pending).length, total: pending.total })} />
            <Checkbox checked={official} onChange={(e) => setOfficial(e.target.checked)}>
              {t('rubric.official')}
            </Checkbox>
            <Table<{ key: string; category: string; item: RubricItem }>
              size="small"
              pagination={false}
              scroll={{ y: 360 }}
              dataSource={pending.categories.flatMap((c) => c.items.map((item) => ({ key: item.id, category: `${CATEGORY_NAMES[c.id][lang]}（${c.maxPoints}）`, item })))}
              columns={[
                { title: t('rubric.category'), dataIndex: 'category', width: 130 },
                { title: t('evaluation.col.item'), key: 'text', render: (_, r) => r.item.text },
                { title: t('evaluation.col.max'), key: 'max', width: 60, render: (_, r) => r.item.maxPoints },
                { title: t('rubric.scoring'), key: 'scoring', width: 220, render: (_, r) => scoringText(t, lang, r.item) },
              ]}
            />
            <Typography.Text type="secondary">{t('rubric.publishHelp')}</Typography.Text>
          </Space>
        )}
      </Modal>
    </div>
  );
}
