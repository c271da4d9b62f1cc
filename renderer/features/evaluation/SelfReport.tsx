import { Fragment } from 'react';
import { formatDocumentDate } from '../../ui/format';
import type { UnitProfile } from '../../../shared/domain/unit';
import { assessedPeriod } from '../../../shared/evaluation/ledgerFigures';
import { CATEGORY_NAMES, type Rubric, type RubricItem } from '../../../shared/evaluation/rubric';
import type { SelfAssessment, SelfItem } from '../../../shared/evaluation/selfAssessment';
import type { Translate } from '../../i18n';
import { figureText } from './figureText';
import { FIGURES } from '../../../shared/evaluation/figures';

/** The 自查报告's file name (without `.pdf`): the unit and year. */
export function selfReportFileName(unit: Pick<UnitProfile, 'name'>, year: number): string {
  return `${unit.name}${year}年度电子政务工作自查报告`;
}

const points = (n: number) => (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '') || '0';

/** What the record says of an item: its points, and what they rest on, as submitted. */
function line(t: Translate, item: RubricItem, saved: SelfItem | undefined): { score: string; basis: string } {
  const s = item.scoring;
  if (s.kind === 'rank' || s.kind === 'office' || (s.kind === 'figure' && FIGURES[s.figure].side === 'office')) return { score: '—', basis: t('evaluation.kind.office') };
  if (!saved) return { score: '0', basis: t('report.notScored') };
  if (saved.notApplicable) return { score: t('evaluation.notApplicable'), basis: s.kind === 'figure' ? t('evaluation.noData') : [saved.documents, saved.note].filter(Boolean).join('；') };
  if (s.kind === 'figure') return { score: points(saved.points ?? 0), basis: `${FIGURES[s.figure].zh} ${figureText(t, s.figure, saved.figure)}` };
  return { score: points(saved.points ?? 0), basis: [saved.documents, saved.note].filter(Boolean).join('；') };
}

/**
 * 自查报告 (考核办法 四) as submitted: who reports, for which period and
 * rubric, the summary, every item with the points and what they rest on, and
 * the place to sign and stamp. Laid out for A4 by ui/print.css.
 */
export function SelfReport({ t, unit, rubric, record }: { t: Translate; unit: UnitProfile; rubric: Rubric; record: SelfAssessment }) {
  const saved = new Map(record.items.map((i) => [i.itemId, i]));
  const at = record.submittedAt ?? record.updatedAt;
  const period = assessedPeriod(record.year, unit.createdAt, at);
  let n = 0;
  return (
    <article className="doc">
      <h1 className="doc-title">
        {unit.name}
        <br />
        {t('report.titleRest', { year: record.year })}
      </h1>
      {rubric.example && <div className="doc-subtitle">{t('report.exampleLine')}</div>}
      <table className="doc-meta">
        <tbody>
          <tr>
            <td className="doc-key">{t('report.unit')}</td>
            <td>{unit.name}</td>
          </tr>
          <tr>
            <td className="doc-key">{t('report.leader')}</td>
            <td>{unit.leader}</td>
          </tr>
          <tr>
            <td className="doc-key">{t('report.office')}</td>
            <td>{unit.office}</td>
          </tr>
          <tr>
            <td className="doc-key">{t('report.period')}</td>
            <td>{t('report.periodValue', { from: period.from, to: period.to })}</td>
          </tr>
          <tr>
            <td className="doc-key">{t('report.rubric')}</td>
            <td>{t('report.rubricValue', { title: rubric.title, version: record.rubric.version })}</td>
          </tr>
          <tr>
            <td className="doc-key">{t('report.total')}</td>
            <td>{t('report.totalValue', { total: points(record.total ?? 0) })}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('report.summaryHeading')}</h2>
      <p>{record.summary || t('report.noSummary')}</p>

      <h2>{t('report.tableHeading')}</h2>
      <table className="doc-table">
        <thead>
          <tr>
            <th style={{ width: '7%' }}>{t('report.col.no')}</th>
            <th>{t('evaluation.col.item')}</th>
            <th style={{ width: '8%' }}>{t('evaluation.col.max')}</th>
            <th style={{ width: '10%' }}>{t('evaluation.col.points')}</th>
            <th style={{ width: '30%' }}>{t('report.col.basis')}</th>
          </tr>
        </thead>
        <tbody>
          {rubric.categories.map((category) => {
            const lines = category.items.map((item) => ({ item, ...line(t, item, saved.get(item.id)) }));
            const scored = category.items.filter((i) => saved.get(i.id) && !saved.get(i.id)!.notApplicable);
            const sum = scored.reduce((s, i) => s + (saved.get(i.id)!.points ?? 0), 0);
            return (
              <Fragment key={category.id}>
                <tr className="subtotal">
                  <td colSpan={2}>{CATEGORY_NAMES[category.id].zh}</td>
                  <td className="num">{category.maxPoints}</td>
                  <td className="num">{points(sum)}</td>
                  <td />
                </tr>
                {lines.map(({ item, score, basis }) => (
                  <tr key={item.id}>
                    <td className="num">{(n += 1)}</td>
                    <td>{item.text}</td>
                    <td className="num">{item.maxPoints}</td>
                    <td className="num">{score}</td>
                    <td>{basis}</td>
                  </tr>
                ))}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <div className="doc-note">{t('report.scoringNote')}</div>
      {record.provisional && <div className="doc-note">{t('report.provisionalNote', { from: period.from, to: period.to })}</div>}
      {record.submission > 1 && <div className="doc-note">{t('report.correctionNote', { n: record.submission - 1, reason: record.correctionReason })}</div>}

      <div className="doc-sign">
        <div>{t('report.signUnit')}</div>
        <div className="doc-stamp" />
        <div>{t('report.signLeader')}</div>
        <div>{formatDocumentDate(at)}</div>
      </div>
    </article>
  );
}
