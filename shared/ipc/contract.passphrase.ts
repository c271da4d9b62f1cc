import { z } from 'zod';
import { newPassphrase } from '../domain/passphrase';

/**
 * The IPC channels of backups sealed with a passphrase (shared/backup/
 * passSeal.ts), spread into the contract. Main keeps the passphrase's key;
 * the page sends plain bytes to be sealed, and on a restore sends the file's
 * readable start with the passphrase typed there.
 */

const unitIdField = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const passwordField = z.string().max(128);
/** A piece of a backup: the same limit as backup:append's. */
const piece = z.string().max(8 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const sessionId = z.string().regex(/^[0-9a-f]{32}$/);

/** Why main would not set or drop the passphrase: the sign-in password, a lock, the role; or no store for it here. */
export const PASSPHRASE_FAILURES = ['wrongPassword', 'locked', 'forbidden', 'unavailable'] as const;
const failure = z.object({ ok: z.literal(false), code: z.enum(PASSPHRASE_FAILURES) }).strict();
const noSession = z.object({ ok: z.literal(false), code: z.enum(['notSet', 'unknownSession']) }).strict();

export const passphraseContract = {
  'backupPass:status': {
    request: z.object({}).strict(),
    response: z.object({ set: z.boolean(), setAt: z.number().nullable(), setBy: z.string().nullable() }).strict(),
  },
  /** Sets (or changes) the passphrase; an administrator's password, checked and counted by main. */
  'backupPass:set': {
    request: z.object({ unitId: unitIdField, accountId: unitIdField, password: passwordField, passphrase: newPassphrase }).strict(),
    response: z.union([z.object({ ok: z.literal(true) }).strict(), failure]),
  },
  'backupPass:clear': {
    request: z.object({ accountId: unitIdField, password: passwordField }).strict(),
    response: z.union([z.object({ ok: z.literal(true) }).strict(), failure]),
  },
  /** Starts sealing a backup the page assembles itself (a download): the file's first bytes. */
  'backupPass:begin': {
    request: z.object({}).strict(),
    response: z.union([z.object({ ok: z.literal(true), id: sessionId, head: z.string() }).strict(), noSession]),
  },
  'backupPass:push': {
    request: z.object({ id: sessionId, data: piece }).strict(),
    response: z.union([z.object({ ok: z.literal(true), data: z.string() }).strict(), noSession]),
  },
  /** The last plain bytes; answers with them sealed and the last chunk. */
  'backupPass:end': {
    request: z.object({ id: sessionId, data: piece }).strict(),
    response: z.union([z.object({ ok: z.literal(true), data: z.string() }).strict(), noSession]),
  },
  /** Opens a sealed backup's readable start with the passphrase typed on restore: that one file's key. */
  'backupPass:unlock': {
    request: z.object({ head: z.string().min(1).max(4096).regex(/^[A-Za-z0-9+/]*={0,2}$/), passphrase: passwordField }).strict(),
    response: z.union([
      z.object({ ok: z.literal(true), fileKey: z.string().regex(/^[0-9a-f]{32}$/), start: z.number().int().min(1) }).strict(),
      z.object({ ok: z.literal(false), code: z.enum(['notSealed', 'badHeader', 'wrongPassphrase']) }).strict(),
    ]),
  },
} as const;

