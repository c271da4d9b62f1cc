import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { FAULT_CAUSES } from '../rules/faultSla';
import { isoDate, moment, optionalText, recordId, recordIds, text } from './fields';

/**
 * 故障报修与维修单 (第十三条, 第四十四条(一)). The times are what the SLA rule
 * reads; the maintenance sheet (cause, work, sent to the office) is required
 * once the fault is resolved, as the article asks after every repair.
 */
export const faultInput = z
  .object({
    reportedAt: moment,
    reporter: text(30),
    description: text(500),
    deviceIds: recordIds(200).default([]),
    maintainerId: recordId,
    urges: z.array(moment).max(20, 'tooMany').default([]),
    arrivedAt: moment.nullable().default(null),
    resolvedAt: moment.nullable().default(null),
    resolution: optionalText(500),
    cause: z.enum(FAULT_CAUSES).nullable().default(null),
    serious: z.boolean().default(false),
    sheetWork: optionalText(500),
    sheetSentOn: z.union([z.literal(''), isoDate]).default(''),
    decidedPct: z.number().min(0, 'pct').max(100, 'pct').nullable().default(null),
  })
  .strict()
  .transform((v) => ({ ...v, urges: [...v.urges].sort((a, b) => a - b) }))
  .superRefine((v, ctx) => {
    const before = (field: string, t: number | null) => {
      if (t !== null && t < v.reportedAt) ctx.addIssue({ code: 'custom', path: [field], message: 'fault.beforeReport' });
    };
    v.urges.forEach((u) => before('urges', u));
    before('arrivedAt', v.arrivedAt);
    before('resolvedAt', v.resolvedAt);
    if (v.resolvedAt !== null && v.cause === null) ctx.addIssue({ code: 'custom', path: ['cause'], message: 'fault.causeRequired' });
    if (v.resolvedAt === null && v.sheetSentOn !== '') ctx.addIssue({ code: 'custom', path: ['sheetSentOn'], message: 'fault.sentBeforeResolved' });
    if (v.resolvedAt === null && v.decidedPct !== null) ctx.addIssue({ code: 'custom', path: ['decidedPct'], message: 'fault.decidedBeforeResolved' });
  });

export type FaultInput = z.input<typeof faultInput>;
export type FaultBody = z.output<typeof faultInput>;
export type Fault = RecordMeta & FaultBody;
