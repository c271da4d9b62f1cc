/**
 * The ledger figures a rubric item may be scored from (考核办法 四: 日常监测
 * and the unit's own records). Each figure is computed by one pure function
 * that the unit and the office both run, so the unit's evidence and the
 * office's check of it cannot drift apart; this catalogue is what a rubric may
 * name and what each value means.
 *
 * A rate lies in [0, 1]; a count or a duration in hours lies in [0, ∞).
 */
export type FigureDomain = 'rate' | 'count' | 'hours';

export interface FigureInfo {
  domain: FigureDomain;
  /** Who can compute it: both sides, or only the office (it needs what the office received). */
  side: 'both' | 'office';
  /** Whether a higher value is the better one: bands and rank items read it this way round. */
  higherIsBetter: boolean;
  zh: string;
  en: string;
}

export const FIGURES = {
  checkinOnTimeRate: { domain: 'rate', side: 'both', higherIsBetter: true, zh: '公文查收按时率', en: 'Inbox checks on time' },
  scanCoverage: { domain: 'rate', side: 'both', higherIsBetter: true, zh: '病毒查杀覆盖率', en: 'Virus-scan coverage' },
  signatureFreshness: { domain: 'rate', side: 'both', higherIsBetter: true, zh: '病毒库及时更新率', en: 'Signatures up to date' },
  dutyLogCoverage: { domain: 'rate', side: 'both', higherIsBetter: true, zh: '值班日志工作日覆盖率', en: 'Duty-log coverage of working days' },
  faultArrivalOnTime: { domain: 'rate', side: 'both', higherIsBetter: true, zh: '故障按时到场率', en: 'Fault calls reached in time' },
  faultDeductions: { domain: 'count', side: 'both', higherIsBetter: false, zh: '故障处理扣分次数', en: 'Fault-handling deductions' },
  trainingsHeld: { domain: 'count', side: 'both', higherIsBetter: true, zh: '举办培训次数', en: 'Trainings held' },
  trainingAttendance: { domain: 'rate', side: 'both', higherIsBetter: true, zh: '管理员和文档员参训率', en: 'Administrators and officers trained' },
  isolationViolations: { domain: 'count', side: 'both', higherIsBetter: false, zh: '隔离卡违规次数', en: 'Isolation-card violations' },
  incidentsReported: { domain: 'count', side: 'both', higherIsBetter: true, zh: '上报安全事件数', en: 'Incidents reported' },
  incidentReportHours: { domain: 'hours', side: 'both', higherIsBetter: false, zh: '安全事件上报用时（小时）', en: 'Hours to report an incident' },
  inspectionsFollowedUp: { domain: 'rate', side: 'both', higherIsBetter: true, zh: '检查问题整改率', en: 'Inspection findings followed up' },
  copyFilings: { domain: 'count', side: 'both', higherIsBetter: true, zh: '备案件数', en: 'Copy filings' },
  backupsKept: { domain: 'count', side: 'both', higherIsBetter: true, zh: '数据备份次数', en: 'Backups kept' },
  bundlesOnTime: { domain: 'rate', side: 'office', higherIsBetter: true, zh: '数据包按时报送率', en: 'Bundles delivered on time' },
} as const satisfies Record<string, FigureInfo>;

export type FigureId = keyof typeof FIGURES;
export const FIGURE_IDS = Object.keys(FIGURES) as FigureId[];

/** The upper end of a figure's domain; `null` is unbounded. */
export function domainTop(domain: FigureDomain): number | null {
  return domain === 'rate' ? 1 : null;
}

/**
 * One unit's value of a figure for the assessed period. `value` is null when
 * there is nothing to measure (no fault was reported, so no arrival rate):
 * an item scored from it does not apply. `provisional` marks a period that is
 * not complete (a missing calendar, a unit that joined mid-year); then
 * `coveredDays` of `periodDays` were measured, which is what proration scales by.
 */
export interface FigureValue {
  value: number | null;
  provisional: boolean;
  coveredDays: number;
  periodDays: number;
}
