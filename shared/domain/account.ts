import { z } from 'zod';
import { ROLES } from './roles';
import type { RecordMeta } from './record';

/** Usernames compare case-insensitively, so they are stored lower-cased. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{2,32}$/, 'account.username');

/**
 * Eight characters with letters and digits: a floor, not a policy, because the
 * office has published none and a shared PC's lock screen is the threat here.
 */
export const newPassword = z
  .string()
  .min(8, 'password.short')
  .max(128, 'password.long')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'password.weak');

export const accountInput = z.object({
  username,
  displayName: z.string().trim().min(1, 'required').max(30, 'tooLong'),
  role: z.enum(ROLES),
});

export type AccountInput = z.input<typeof accountInput>;

export interface Account extends RecordMeta {
  username: string;
  displayName: string;
  role: (typeof ROLES)[number];
  /** `scrypt$N$r$p$salt$hash`; never leaves the PC (redacted in the change log). */
  passwordHash: string;
}

export const MAX_FAILED_SIGNINS = 5;
export const SIGNIN_LOCK_MS = 5 * 60 * 1000;
