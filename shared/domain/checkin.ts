import { z } from 'zod';
import type { RecordMeta } from './record';

/**
 * One inbox check by a document officer (第二十七条). A check-in entered for
 * a past time is never silent: it is marked as filled in afterwards, with the
 * reason, and keeps the time it was actually entered (createdAt).
 */
export const checkinInput = z
  .object({
    at: z.number().int().positive(),
    docsReceived: z.number().int().min(0).max(9999).nullable(),
    docsHandled: z.number().int().min(0).max(9999).nullable(),
    note: z.string().trim().max(200, 'tooLong').default(''),
    backfillReason: z.string().trim().max(200, 'tooLong').nullable(),
  })
  .strict();

export type CheckinInput = z.input<typeof checkinInput>;

export interface Checkin extends RecordMeta {
  officerId: string;
  /**
   * The officer's name when the check-in was made: the office receives no
   * accounts, yet its auditors must see who checked the inbox. Absent on
   * check-ins made before it was kept.
   */
  officerName?: string;
  at: number;
  docsReceived: number | null;
  docsHandled: number | null;
  note: string;
  /** True when `at` is earlier than the moment of entry by more than a minute. */
  backfilled: boolean;
  backfillReason: string | null;
}

/** Beyond this, a check-in's time is "the past" and needs a reason. */
export const BACKFILL_GRACE_MS = 60_000;
