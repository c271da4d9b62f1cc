import { formatDocumentDate } from '../../ui/format';
import type { Translate } from '../../i18n';
import type { GroupEvaluation } from '../../db/evaluationOffice';

/** A place as the notice prints it: "2（并列）" where units share it. */
export function placeText(t: Translate, place: number, tied: boolean): string {
  return tied ? t('notice.tiedPlace', { place }) : String(place);
}

/**
 * 考核结果公示 (考核办法 五): the group's ranked table, dated and signed by the
 * issuing office, laid out for A4 by ui/print.css.
 */
export function RankingNotice({ t, group, year, issuer, at }: { t: Translate; group: GroupEvaluation; year: number; issuer: string; at: number }) {
  const groupName = t(`notice.group.${group.group}`);
  return (
    <article className="doc">
      <h1 className="doc-title">{t('notice.title', { year })}</h1>
      <div className="doc-subtitle">
        {t('notice.subtitle', { group: groupName })}
        {group.rubric.example ? t('notice.exampleLine') : ''}
      </div>
      <p>{t('notice.intro', { year, group: groupName })}</p>
      <table className="doc-table" style={{ marginTop: '4mm', fontSize: '14pt' }}>
        <thead>
          <tr>
            <th style={{ width: '18%' }}>{t('office.col.place')}</th>
            <th>{t('office.col.unit')}</th>
            <th style={{ width: '22%' }}>{t('office.col.total')}</th>
          </tr>
        </thead>
        <tbody>
          {group.units.map((u) => (
            <tr key={u.unitId}>
              <td className="num" style={{ textAlign: 'center' }}>
                {placeText(t, u.placing.place, u.placing.tied)}
              </td>
              <td>{u.identity.unitName}</td>
              <td className="num">{u.score.total.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ marginTop: '4mm' }}>{t('notice.objection', { issuer })}</p>
      <div className="doc-sign">
        <div>{issuer}</div>
        <div>{formatDocumentDate(at)}</div>
      </div>
    </article>
  );
}
