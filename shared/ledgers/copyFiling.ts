import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { isoDate, optionalText, text } from './fields';

/**
 * 复制备案 (第二十条): copies of the network's topology, configuration or data
 * are filed. Every export the app makes files itself (`automatic`).
 */
export const COPY_CONTENTS = ['topology', 'configuration', 'data'] as const;

export const copyFilingInput = z
  .object({
    copiedOn: isoDate,
    content: z.enum(COPY_CONTENTS),
    description: text(200),
    purpose: text(200),
    copiedBy: text(30),
    approvalRef: optionalText(60),
    automatic: z.boolean().default(false),
  })
  .strict();

export type CopyFilingInput = z.input<typeof copyFilingInput>;
export type CopyFilingBody = z.output<typeof copyFilingInput>;
export type CopyFiling = RecordMeta & CopyFilingBody;
