import { FIGURES, type FigureId, type FigureValue } from '../../../shared/evaluation/figures';
import type { Translate } from '../../i18n';

/** A share as a percentage with one decimal: 96.5%. */
export function percentText(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A figure's value as a user reads it: 96.5%, 3 次, 2.5 小时; '—' when there is nothing to measure. */
export function figureText(t: Translate, figure: FigureId, value: number | null): string {
  if (value === null) return '—';
  const domain = FIGURES[figure].domain;
  if (domain === 'rate') return percentText(value);
  const n = Math.round(value * 10) / 10;
  return domain === 'hours' ? t('evaluation.unit.hours', { n }) : t('evaluation.unit.count', { n });
}

export function figureName(lang: 'zh' | 'en', figure: FigureId): string {
  return FIGURES[figure][lang];
}

/** The page whose records a figure is computed from, to look at them. */
export const FIGURE_PAGE: Record<FigureId, string> = {
  checkinOnTimeRate: 'checkins',
  scanCoverage: 'scans',
  signatureFreshness: 'scans',
  dutyLogCoverage: 'duty',
  faultArrivalOnTime: 'faults',
  faultDeductions: 'faults',
  trainingsHeld: 'trainings',
  trainingAttendance: 'trainings',
  isolationViolations: 'devices',
  incidentsReported: 'incidents',
  incidentReportHours: 'incidents',
  inspectionsFollowedUp: 'inspections',
  copyFilings: 'copies',
  backupsKept: 'backup',
  bundlesOnTime: 'bundles',
};

export function isPartYear(v: FigureValue | undefined): boolean {
  return v !== undefined && v.coveredDays < v.periodDays;
}
