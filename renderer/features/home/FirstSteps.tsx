import { Card, Progress } from 'antd';
import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import type { UnitHomeData } from '../../db/home';
import { useT, type MessageKey } from '../../i18n';
import { invoke } from '../../state/ipc';
import { pageHref } from '../../ui/pageLink';
import { useHomeRead } from './useHomeRead';

interface Step {
  key: string;
  label: MessageKey;
  page: string;
  done: boolean;
}

/** What the main process knows of the first steps: the unit's key, and whether a backup folder is set. */
export interface FirstStepFacts {
  keyId: string | null;
  rotated: boolean;
  folder: boolean;
}

/**
 * Asks the main process, from the page's first render, so that the answer
 * arrives alongside the home figures rather than after them; unknown counts
 * as not done.
 */
export function useFirstStepFacts(unitId: string): FirstStepFacts | null {
  return useHomeRead(
    () =>
      Promise.all([invoke('unitKey:status', { unitId }), invoke('backup:folder', {})])
        .then(([key, folder]) => ({ keyId: key.key?.keyId ?? null, rotated: key.key?.rotated ?? false, folder: folder.dir !== null }))
        .catch(() => ({ keyId: null, rotated: false, folder: false })),
    unitId,
  ).data;
}

/**
 * The administrator's first steps after the setup wizard. Each is done when
 * the data says so — devices registered, the current key's enrolment file
 * handed out (a rotation is recognised by the office from the old key), a
 * backup folder set, a policy applied — not when something was clicked; the
 * card goes once all are done.
 */
export function FirstSteps({ data, facts }: { data: UnitHomeData; facts: FirstStepFacts | null }) {
  const t = useT();
  if (!facts) return null;
  const given = data.enrolmentGiven;
  const steps: Step[] = [
    { key: 'devices', label: 'steps.devices', page: 'devices', done: data.activeDevices > 0 },
    { key: 'enrolment', label: 'steps.enrolment', page: 'bundles', done: given !== null && facts.keyId !== null && (given === facts.keyId || facts.rotated) },
    { key: 'backupFolder', label: 'steps.backupFolder', page: 'backup', done: facts.folder },
    { key: 'policy', label: 'steps.policy', page: 'bundles', done: data.policy !== null },
  ];
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <Card
      size="small"
      className="home-steps"
      data-testid="first-steps"
      title={t('steps.title')}
      extra={<Progress percent={Math.round((done / steps.length) * 100)} size="small" style={{ width: 160, margin: 0 }} format={() => t('steps.progress', { done, total: steps.length })} />}
    >
      <ol className="home-steps-list">
        {steps.map((s) => (
          <li key={s.key} data-step={s.key} data-done={s.done || undefined} className={s.done ? 'step-done' : undefined}>
            {s.done ? <CheckCircleFilled className="step-tick" aria-label={t('steps.done')} /> : <span className="step-dot" />}
            <span className="step-label">{t(s.label)}</span>
            {s.done ? (
              <span className="muted">{t('steps.done')}</span>
            ) : (
              <a href={pageHref(s.page)}>
                {t('steps.go')} <RightOutlined />
              </a>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
