import { Alert, Select } from 'antd';
import type { RubricProblem } from '../../../shared/evaluation/check';
import { useLang, useT } from '../../i18n';

/** The assessed years a page offers: this year and the two before, none before `firstYear`. */
export function YearSelect({ value, onChange, firstYear }: { value: number; onChange: (year: number) => void; firstYear?: number }) {
  const t = useT();
  const thisYear = new Date().getFullYear();
  const years = [thisYear, thisYear - 1, thisYear - 2].filter((y) => y === thisYear || firstYear === undefined || y >= firstYear);
  return <Select aria-label={t('evaluation.year')} value={value} onChange={onChange} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))} />;
}

/** A rubric's problems, each in a sentence, as the editor and the file loader show them. */
export function RubricProblems({ problems, testId, max = 12 }: { problems: readonly RubricProblem[]; testId: string; max?: number }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      message={t('rubric.refused', { n: problems.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {problems.slice(0, max).map((p, i) => (
            <li key={i}>{lang === 'zh' ? p.zh : p.en}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
