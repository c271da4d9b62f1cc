import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { moment, optionalText, recordIds, text } from './fields';

/** 安全事件 (第九条, 第十七条): protect the scene and report at once to the office and the telecom company. */
export const INCIDENT_KINDS = ['virus', 'intrusion', 'theft', 'disaster', 'leak', 'outage', 'other'] as const;

export const incidentInput = z
  .object({
    occurredAt: moment,
    kind: z.enum(INCIDENT_KINDS),
    title: text(100),
    description: text(1000),
    deviceIds: recordIds(200).default([]),
    protection: optionalText(500),
    reportedTo: optionalText(100),
    reportedAt: moment.nullable().default(null),
    outcome: optionalText(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.reportedAt !== null && v.reportedAt < v.occurredAt) ctx.addIssue({ code: 'custom', path: ['reportedAt'], message: 'incident.reportBeforeEvent' });
    if (v.reportedAt !== null && v.reportedTo === '') ctx.addIssue({ code: 'custom', path: ['reportedTo'], message: 'incident.reportedTo' });
  });

export type IncidentInput = z.input<typeof incidentInput>;
export type IncidentBody = z.output<typeof incidentInput>;
export type Incident = RecordMeta & IncidentBody;
