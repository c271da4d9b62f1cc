import { z } from 'zod';

/**
 * A passphrase that guards a file which leaves the PC (a sealed backup, the
 * office's key file): whoever finds the file can try guesses offline for as
 * long as they like, so the floor is higher than a sign-in password's, which
 * main counts and locks. Twelve characters from at least three kinds
 * (lower-case, upper-case, digits, anything else — Chinese characters count
 * as "anything else"), or twenty of any kind: a short sentence is as good.
 */
const KINDS = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d\s]/];

export function passphraseKinds(p: string): number {
  return KINDS.filter((k) => k.test(p)).length;
}

export const newPassphrase = z
  .string()
  .min(12, 'passphrase.short')
  .max(128, 'password.long')
  .refine((p) => p.length >= 20 || passphraseKinds(p) >= 3, 'passphrase.weak');
