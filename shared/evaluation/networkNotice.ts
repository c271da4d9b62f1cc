import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { isoDate } from '../ledgers/fields';
import type { FigureId, FigureValue } from './figures';

/**
 * 专网应用通报 (考核办法 四): the office's periodic notice of the units its
 * monitoring finds below what the network's use requires — inbox checks on
 * time, virus-scan coverage, isolation-card violations, no bundle received.
 * Each notice is a record in the office's own change log (id
 * `<officeUnitId>/notice/<year>/<number>`); the evaluation counts, for each
 * unit, the notices of the year that name it, where the rubric scores notices.
 */
export const NOTICE_REASONS = ['checkinRate', 'scanCoverage', 'isolation', 'noBundle'] as const;
export type NoticeReason = (typeof NOTICE_REASONS)[number];

export const noticeThresholds = z
  .object({
    /** Inbox checks on time below this share. */
    checkinRate: z.number().min(0).max(1),
    /** Virus-scan coverage below this share. */
    scanCoverage: z.number().min(0).max(1),
    /** More isolation-card violations than this. */
    isolation: z.number().int().min(0).max(10_000),
  })
  .strict();
export type NoticeThresholds = z.output<typeof noticeThresholds>;

export const DEFAULT_NOTICE_THRESHOLDS: NoticeThresholds = { checkinRate: 0.9, scanCoverage: 0.8, isolation: 0 };

const finding = z.object({ reason: z.enum(NOTICE_REASONS), value: z.number().finite().min(0).max(1e9).nullable() }).strict();
export type NoticeFinding = z.output<typeof finding>;

/** A unit a notice names, and why. */
export const noticeUnit = z.object({ unitId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), unitCode: z.string().max(32), unitName: z.string().max(100), findings: z.array(finding).min(1).max(NOTICE_REASONS.length) }).strict();
export type NoticeUnit = z.output<typeof noticeUnit>;

export const networkNoticeInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** 第几期: counted per year. */
    number: z.number().int().min(1).max(1000),
    from: isoDate,
    to: isoDate,
    thresholds: noticeThresholds,
    units: z.array(noticeUnit).max(5000),
  })
  .strict()
  .refine((n) => n.from <= n.to && n.from.startsWith(`${n.year}-`) && n.to.startsWith(`${n.year}-`), { path: ['from'], message: 'notice.period' });
export type NetworkNoticeBody = z.output<typeof networkNoticeInput>;
export type NetworkNotice = RecordMeta & NetworkNoticeBody;

export function networkNoticeId(officeUnitId: string, year: number, number: number): string {
  return `${officeUnitId}/notice/${year}/${number}`;
}

/** What a unit's figures over the notice's period fall short of; empty: not named. */
export function noticeFindings(figures: Partial<Record<FigureId, FigureValue>>, bundlesReceived: number, t: NoticeThresholds): NoticeFinding[] {
  const out: NoticeFinding[] = [];
  const checkin = figures.checkinOnTimeRate?.value;
  if (checkin !== undefined && checkin !== null && checkin < t.checkinRate) out.push({ reason: 'checkinRate', value: checkin });
  const scan = figures.scanCoverage?.value;
  if (scan !== undefined && scan !== null && scan < t.scanCoverage) out.push({ reason: 'scanCoverage', value: scan });
  const violations = figures.isolationViolations?.value;
  if (violations !== undefined && violations !== null && violations > t.isolation) out.push({ reason: 'isolation', value: violations });
  if (bundlesReceived === 0) out.push({ reason: 'noBundle', value: null });
  return out;
}

/** Per unit, how many of the year's active notices name it. */
export function noticeCounts(notices: readonly NetworkNotice[], year: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of notices) {
    if (n.year !== year || n.retiredAt !== null) continue;
    for (const u of n.units) counts.set(u.unitId, (counts.get(u.unitId) ?? 0) + 1);
  }
  return counts;
}
