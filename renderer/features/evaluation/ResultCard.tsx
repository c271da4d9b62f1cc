import { Card, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { PublishedResult } from '../../../shared/bundle/policy';
import { rubricItems, type Rubric } from '../../../shared/evaluation/rubric';
import type { SelfAssessment } from '../../../shared/evaluation/selfAssessment';
import { useT } from '../../i18n';

/**
 * The office's final result for the unit's year (考核办法 五), as its policy
 * published it: the total, the place in the group, and every item's points
 * beside the unit's own, with the evaluation group's reason where it set them.
 */
export function ResultCard({ result, rubric, self }: { result: PublishedResult; rubric: Rubric; self: SelfAssessment | undefined }) {
  const t = useT();
  const texts = new Map(rubricItems(rubric).map(({ item }) => [item.id, item.text]));
  const own = new Map((self?.items ?? []).map((i) => [i.itemId, i]));
  return (
    <Card size="small" title={t('result.title', { year: result.year })} style={{ marginBottom: 12 }} data-testid="evaluation-result">
      <Space size={48} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('result.total')} value={result.total.toFixed(2)} />
        <Statistic title={t('result.place')} value={result.place} suffix={<span style={{ fontSize: 14 }}>{t(result.tied ? 'result.ofTied' : 'result.of', { n: result.groupSize })}</span>} />
        {result.rubricVersion !== rubric.version && <Tag color="orange">{t('result.otherVersion', { version: result.rubricVersion })}</Tag>}
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey="itemId"
        dataSource={result.items}
        columns={[
          { title: t('evaluation.col.item'), key: 'item', render: (_, i) => texts.get(i.itemId) ?? i.itemId },
          {
            title: t('result.self'),
            key: 'self',
            width: 100,
            align: 'right' as const,
            render: (_, i) => {
              const s = own.get(i.itemId);
              return s ? (s.notApplicable ? t('evaluation.notApplicable') : (s.points ?? 0).toFixed(2)) : '—';
            },
          },
          { title: t('result.office'), key: 'office', width: 110, align: 'right' as const, render: (_, i) => (i.status === 'notApplicable' ? t('evaluation.notApplicable') : <strong>{i.points.toFixed(2)}</strong>) },
          { title: t('result.reason'), key: 'reason', width: 300, render: (_, i) => (i.reason ? <Typography.Text>{i.reason}</Typography.Text> : null) },
        ]}
      />
    </Card>
  );
}
