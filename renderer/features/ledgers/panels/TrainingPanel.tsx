import { useMemo } from 'react';
import { Alert } from 'antd';
import { isoDay } from '../../../../shared/calendar/calendar';
import type { Training } from '../../../../shared/ledgers/training';
import { trainingStatus, trainingsInYear } from '../../../../shared/rules/training';
import type { PanelProps } from '../types';

/** 第四十二条 asks for one or two sessions a year: a year without one is flagged. */
export function TrainingPanel({ records, ctx }: PanelProps<Training>) {
  const t = ctx.t;
  const today = isoDay(new Date(ctx.now));
  const dates = useMemo(() => records.filter((r) => r.retiredAt === null).map((r) => r.heldOn), [records]);
  const status = trainingStatus(dates, today);
  const year = Number(today.slice(0, 4));
  if (status === 'ok') return <Alert className="ledger-panel" type="success" showIcon message={t('training.yearOk', { year, n: trainingsInYear(dates, year) })} />;
  return <Alert className="ledger-panel" data-testid="training-warning" type={status === 'noneLate' ? 'error' : 'warning'} showIcon message={t('training.yearNone', { year })} />;
}
