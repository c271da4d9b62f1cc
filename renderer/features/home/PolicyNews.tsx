import { Typography } from 'antd';
import type { AppliedPolicy } from '../../db/policy';
import { useT } from '../../i18n';
import { formatDateTime } from '../../ui/format';

/** What the office's latest policy changed here; for a policy applied before changes were kept, what it holds. */
export function PolicyNews({ policy }: { policy: AppliedPolicy | null }) {
  const t = useT();
  if (!policy) return <Typography.Text type="warning">{t('home.policy.none')}</Typography.Text>;
  const c = policy.changes;
  const lines: string[] = [];
  if (c?.first) lines.push(t('home.policy.first'));
  const years = c ? c.calendarYears : policy.years;
  if (years.length > 0) lines.push(t('home.policy.calendar', { years: years.join('、') }));
  if (c ? c.schedule : policy.schedule) lines.push(t('home.policy.schedule'));
  if (c ? c.ranges : policy.ranges.length > 0) lines.push(policy.ranges.length > 0 ? t('home.policy.ranges', { ranges: policy.ranges.join('，') }) : t('home.policy.rangesRemoved'));
  const rubrics = c ? c.rubrics : (policy.rubrics ?? []).map((r) => r.title);
  if (rubrics.length > 0) lines.push(t('home.policy.rubrics', { titles: rubrics.join('、') }));
  const results = c ? c.results : (policy.results ?? []);
  if (results.length > 0) lines.push(t('home.policy.results', { years: results.join('、') }));
  const attachments = c ? c.attachments : policy.sendAttachments;
  if (attachments !== undefined) lines.push(t(attachments ? 'attachBundle.policyChanged' : 'attachBundle.policyDropped'));
  return (
    <div data-testid="policy-news">
      <Typography.Text type="secondary" className="home-note">
        {t('home.policy.issued', { issuer: policy.issuer, time: formatDateTime(policy.issuedAt), applied: formatDateTime(policy.appliedAt) })}
      </Typography.Text>
      {lines.length === 0 ? (
        <div>{t('home.policy.unchanged')}</div>
      ) : (
        <>
          <div className="home-subhead">{t(c ? 'home.policy.changed' : 'home.policy.holds')}</div>
          <ul className="home-bullets">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
