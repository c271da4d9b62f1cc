import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { isoDate, optionalText, text } from './fields';

/** 巡检 (第十一条): by the office, the telecom maintainer, or the unit itself. */
export const INSPECTION_PARTIES = ['office', 'maintainer', 'unit'] as const;
export const CHECK_RESULTS = ['ok', 'issue', 'na'] as const;

/** The items a unit inspection usually covers; the form starts from these. */
export const DEFAULT_CHECKLIST = ['equipmentSafety', 'dedicatedUse', 'isolationCards', 'virusSignatures', 'dutyLog', 'lineAndDevices'] as const;

export const inspectionInput = z
  .object({
    inspectedOn: isoDate,
    party: z.enum(INSPECTION_PARTIES),
    inspectors: text(60),
    checklist: z
      .array(z.object({ item: text(60), result: z.enum(CHECK_RESULTS), note: optionalText(200) }).strict())
      .min(1, 'inspection.checklist')
      .max(30, 'tooMany'),
    findings: optionalText(1000),
    followUp: optionalText(500),
    followUpDone: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.checklist.some((c) => c.result === 'issue') && v.findings === '') ctx.addIssue({ code: 'custom', path: ['findings'], message: 'inspection.findings' });
  });

export type InspectionInput = z.input<typeof inspectionInput>;
export type InspectionBody = z.output<typeof inspectionInput>;
export type Inspection = RecordMeta & InspectionBody;
