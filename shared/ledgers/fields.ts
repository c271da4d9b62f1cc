import { z } from 'zod';
import { isRealDate } from '../calendar/calendar';

/** Field schemas every ledger shares. Messages are codes the UI translates as `err.<code>`. */

export const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');
export const optionalText = (max: number) => z.string().trim().max(max, 'tooLong').default('');

/** A calendar day `YYYY-MM-DD`, the user's local day. */
export const isoDate = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), 'date');
/** A moment, epoch milliseconds. */
export const moment = z.number({ message: 'required' }).int('required').min(946_684_800_000, 'date').max(4_102_444_800_000, 'date');
export const recordId = z.string().min(1, 'required').max(64);
export const recordIds = (max: number) => z.array(recordId).max(max, 'tooMany');
