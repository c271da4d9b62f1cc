import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { isoDate, optionalText, recordId, text } from './fields';

/** 病毒查杀记录 (第二十二条): one record per device and scan, as on the paper ledger. */
export const SCAN_SCOPES = ['full', 'quick', 'custom'] as const;

export const scanInput = z
  .object({
    deviceId: recordId,
    scannedOn: isoDate,
    tool: text(40),
    signatureVersion: text(40),
    signatureDate: isoDate,
    scope: z.enum(SCAN_SCOPES),
    threats: z.number({ message: 'required' }).int('count').min(0, 'count').max(100_000, 'count'),
    action: optionalText(300),
    // An attestation: absent means nobody said the threats were dealt with.
    resolved: z.boolean().default(false),
    note: optionalText(200),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.signatureDate > v.scannedOn) ctx.addIssue({ code: 'custom', path: ['signatureDate'], message: 'scan.signatureAfterScan' });
    if (v.threats > 0 && v.action === '') ctx.addIssue({ code: 'custom', path: ['action'], message: 'scan.actionRequired' });
  });

export type ScanInput = z.input<typeof scanInput>;
export type ScanBody = z.output<typeof scanInput>;
export type Scan = RecordMeta & ScanBody;
