import { Children, type ReactNode } from 'react';
import { chinese } from '../i18n';

/**
 * A ledger form as the unit files it: title, unit and period, the form's own
 * body, and the lines its paper original has for signatures and the date.
 * Forms are in Chinese whatever the screen's language, like every document
 * that leaves the unit. Laid out for the `form` page of ui/print.css, which
 * numbers the pages "第 N 页 共 M 页".
 */
export function PaperForm({ title, unitName, period, periodLabel, signers, children }: { title: string; unitName: string; period: string; periodLabel?: string; signers?: readonly string[]; children: ReactNode }) {
  const t = chinese;
  return (
    <article className="form-doc">
      <h1 className="doc-title">{title}</h1>
      <div className="form-head">
        <span>
          {t('paper.unit')}：{unitName}
        </span>
        <span>
          {periodLabel ?? t('paper.period')}：{period}
        </span>
      </div>
      {children}
      {signers && signers.length > 0 && <SignLines signers={signers} />}
    </article>
  );
}

/** Blank lines to sign on, then the date to write by hand. */
export function SignLines({ signers }: { signers: readonly string[] }) {
  const t = chinese;
  return (
    <div className="form-sign">
      {signers.map((s) => (
        <span key={s}>
          {s}：<span className="form-blank" />
        </span>
      ))}
      <span>
        {t('paper.date')}：<span className="form-blank" style={{ minWidth: '14mm' }} />
        {t('paper.year')}
        <span className="form-blank" style={{ minWidth: '8mm' }} />
        {t('paper.month')}
        <span className="form-blank" style={{ minWidth: '8mm' }} />
        {t('paper.day')}
      </span>
    </div>
  );
}

/** A form's table: its header row repeats at the top of every page it runs onto. */
export function FormTable({ head, widths, children }: { head: readonly string[]; widths?: readonly (string | undefined)[]; children: ReactNode }) {
  return (
    <table className="doc-table">
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} style={widths?.[i] ? { width: widths[i] } : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Children.count(children) > 0 ? (
          children
        ) : (
          <tr>
            <td colSpan={head.length} style={{ textAlign: 'center' }}>
              {chinese('paper.none')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
