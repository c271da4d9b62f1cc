import { z } from 'zod';
import { newPassphrase } from '../domain/passphrase';
import { passphraseContract } from './contract.passphrase';
import { CRYPTO_SUITES } from '../bundle/suites';
import { SEAL_FAILURES } from '../bundle/seal';
import { ROLES } from '../domain/roles';
import { backupDraft, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES } from '../backup/format';
import { pgContract } from './contract.pg';

/**
 * The whole IPC surface between renderer and main (DESIGN.md, IPC). Main
 * validates every request against `request` before a handler sees it; the
 * renderer's typed client can only name channels listed here. Browser mode
 * answers the same contract over HTTP.
 */
/** One piece of a backup on its way to main: the whole file never crosses in one call. */
export const BACKUP_MAX_BASE64 = 8 * 1024 * 1024;

const unitIdField = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const passwordField = z.string().max(128);
const newPasswordField = z.string().min(1).max(128);
const usernameField = z.string().regex(/^[A-Za-z0-9_.-]{2,32}$/);
const sessionField = z.string().regex(/^[0-9a-f]{64}$/);
/** Why main would not take an account change: the renderer shows each in Chinese. */
export const GUARD_FAILURES = ['exists', 'noSession', 'forbidden', 'lastAdmin', 'unknownAccount', 'badHash'] as const;
const guardFailure = z.object({ ok: z.literal(false), code: z.enum(GUARD_FAILURES) }).strict();
/** A wrong password: the tries left before the lock, or when the lock ends. */
const checkFailure = z.union([z.object({ ok: z.literal(false), left: z.number().int() }).strict(), z.object({ ok: z.literal(false), lockedUntil: z.number() }).strict()]);
const unitFacts = z.object({ id: unitIdField, name: z.string().min(1).max(100), code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/) }).strict();
const unitKeyStatus = z
  .object({
    suite: z.enum(CRYPTO_SUITES),
    keyId: z.string(),
    publicKey: z.string(),
    fingerprint: z.string(),
    createdAt: z.number(),
    createdBy: z.string(),
    protection: z.enum(['os', 'password']),
    rotated: z.boolean(),
    retired: z.number(),
  })
  .strict();
/** Why main would not use the key: the renderer shows each in Chinese. */
export const UNIT_KEY_FAILURES = ['noKey', 'exists', 'wrongPassword', 'otherUnit', 'locked', 'forbidden', 'damaged', 'badPassword', 'needGrant'] as const;
const keyFailure = z.object({ ok: z.literal(false), code: z.enum(UNIT_KEY_FAILURES) }).strict();
const keyResult = z.union([z.object({ ok: z.literal(true), key: unitKeyStatus }).strict(), keyFailure]);

/** Why main would not write, sign or keep a backup: the renderer shows each in Chinese. */
export const BACKUP_FAILURES = ['noFolder', 'notAbsolute', 'folderMissing', 'diskFull', 'noSession', 'mismatch', 'noKey', 'wrongPassword', 'notTyped', 'locked', 'forbidden', 'signedOut'] as const;
const backupFailure = z.object({ ok: z.literal(false), code: z.enum(BACKUP_FAILURES) }).strict();
const backupSessionId = z.string().regex(/^[0-9a-f]{32}$/);
/** Who asks for a backup's signature: with a password, the account it is checked for; without (automatic backups), the sign-in's session. */
const signer = { accountId: unitIdField.optional(), session: sessionField.optional() };

const sealKeyStatus = z.object({ suite: z.enum(CRYPTO_SUITES), keyId: z.string(), publicKey: z.string(), fingerprint: z.string(), createdAt: z.number() }).strict();
const sealedSessionId = z.string().regex(/^[0-9a-f]{32}$/);
const base64Piece = z.string().min(1).max(BACKUP_MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/);
/** Why main dropped a sealed file in transit: the page went away, or the file is over the size limit. */
const sealedFailure = z.object({ ok: z.literal(false), code: z.enum(['unknownSession', 'tooLarge', 'busy']) }).strict();

export const contract = {
  'app:info': {
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
      dataDir: z.string(),
      platform: z.string(),
    }),
  },
  /** The unit's first administrator, at setup; main refuses once it knows any account of the unit. */
  'auth:setup': {
    request: z.object({ unitId: unitIdField, accountId: unitIdField, username: usernameField, password: newPasswordField }).strict(),
    response: z.union([z.object({ ok: z.literal(true), hash: z.string() }).strict(), guardFailure]),
  },
  /** Sign-in, checked and counted in main. `legacy` hands over a hash the page kept from before main held them. */
  'auth:signIn': {
    request: z
      .object({
        unitId: unitIdField,
        username: z.string().min(1).max(64),
        password: passwordField,
        legacy: z.object({ accountId: unitIdField, role: z.enum(ROLES), hash: z.string().min(1).max(512) }).strict().optional(),
      })
      .strict(),
    response: z.union([z.object({ ok: z.literal(true), accountId: z.string(), role: z.enum(ROLES), session: z.string() }).strict(), checkFailure]),
  },
  /** The signed-in user's own password again (lock screen, restore): counted like a sign-in. */
  'auth:confirm': {
    request: z.object({ accountId: unitIdField, password: passwordField }).strict(),
    response: z.union([z.object({ ok: z.literal(true), accountId: z.string(), role: z.enum(ROLES) }).strict(), checkFailure]),
  },
  /** Every user's own change: the current password, then the new one. */
  'auth:changePassword': {
    request: z.object({ accountId: unitIdField, current: passwordField, next: newPasswordField }).strict(),
    response: z.union([z.object({ ok: z.literal(true), accountId: z.string(), role: z.enum(ROLES), hash: z.string() }).strict(), checkFailure]),
  },
  /** An administrator's change to an account (new, renamed, role, retired, password set); needs their session. */
  'auth:saveAccount': {
    request: z
      .object({ session: sessionField, accountId: unitIdField, username: usernameField, role: z.enum(ROLES), retired: z.boolean(), password: newPasswordField.optional() })
      .strict(),
    response: z.union([z.object({ ok: z.literal(true), hash: z.string().nullable() }).strict(), guardFailure]),
  },
  'auth:signOut': {
    request: z.object({ session: sessionField }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  'reminders:setPlan': {
    request: z
      .object({
        slots: z.array(z.object({ at: z.number().int().positive(), label: z.string().regex(/^\d{2}:\d{2}$/), lateUntil: z.number().int().positive() }).strict()).max(48),
        checked: z.array(z.number().int().positive()).max(48),
        remindBeforeMinutes: z.number().int().min(0).max(30),
        toleranceMinutes: z.number().int().min(1).max(29),
      })
      .strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** The folder main keeps for backups (chosen through its dialog, or typed in browser mode); null before one is chosen. */
  'backup:folder': {
    request: z.object({}).strict(),
    response: z.object({ dir: z.string().nullable(), typed: z.boolean() }),
  },
  /** Browser mode only: a typed folder, kept only if it already exists. */
  'backup:setFolder': {
    request: z.object({ dir: z.string().min(1).max(500) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), dir: z.string() }).strict(), backupFailure]),
  },
  /** The OS folder picker (Electron); main keeps the choice. null where there is none or the user cancelled. */
  'backup:chooseFolder': {
    request: z.object({}).strict(),
    response: z.object({ dir: z.string().nullable() }),
  },
  /**
   * Saves the page as it prints (an A4 document the page shows for print) to
   * a PDF the user places. Electron only: in browser mode `unavailable`, and
   * the page prints through the browser, whose dialog saves PDF too.
   */
  'document:savePdf': {
    request: z.object({ fileName: z.string().min(1).max(120).regex(/^[^\\/:*?"<>|\u0000-\u001f]+\.pdf$/) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), path: z.string() }).strict(), z.object({ ok: z.literal(false), code: z.enum(['unavailable', 'cancelled']) }).strict()]),
  },
  'backup:list': {
    request: z.object({}).strict(),
    response: z.object({ files: z.array(z.object({ name: z.string(), size: z.number(), modifiedAt: z.number() })) }),
  },
  /** Opens a backup file in the kept folder; its bytes follow in pieces. */
  'backup:begin': {
    request: z.object({ unitCode: z.string().regex(/^[A-Za-z0-9-]{2,32}$/), kind: z.enum(['auto', 'manual', 'beforeRestore']) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), id: backupSessionId }).strict(), backupFailure]),
  },
  'backup:append': {
    request: z.object({ id: backupSessionId, data: z.string().min(1).max(BACKUP_MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/) }).strict(),
    response: z.union([z.object({ ok: z.literal(true) }).strict(), backupFailure]),
  },
  /** Checks the manifest against what main wrote, signs it with the unit key, and puts the file in place. */
  'backup:finish': {
    request: z.object({ id: backupSessionId, draft: backupDraft, password: passwordField, ...signer, keep: z.number().int().min(1).max(365) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), name: z.string(), dir: z.string(), pruned: z.array(z.string()) }).strict(), backupFailure]),
  },
  'backup:abort': {
    request: z.object({ id: backupSessionId }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Signs a backup the renderer assembles itself (one saved as a download). */
  'backup:seal': {
    request: z.object({ draft: backupDraft, password: passwordField, ...signer }).strict(),
    response: z.union([z.object({ ok: z.literal(true), manifest: z.string(), signature: z.string() }).strict(), backupFailure]),
  },
  /** Judges a backup's signature before anything of it is trusted; on a PC with no key yet, with the backup's administrator password. */
  'backup:verify': {
    request: z
      .object({
        manifest: z.string().max(MAX_MANIFEST_BYTES * 2).regex(/^[A-Za-z0-9+/]*={0,2}$/),
        signature: z.string().max(MAX_SIGNATURE_BYTES),
        password: passwordField.optional(),
      })
      .strict(),
    response: z.union([
      z.object({ ok: z.literal(true), fingerprint: z.string(), signer: z.enum(['thisPc', 'backupAdmin']) }).strict(),
      z.object({ ok: z.literal(false), code: z.enum(['badSignature', 'otherKey', 'needPassword', 'wrongPassword']), fingerprint: z.string().nullable() }).strict(),
    ]),
  },
  /** The unit's signing key as main holds it: public facts only; null before one is made. */
  'unitKey:status': {
    request: z.object({ unitId: unitIdField }).strict(),
    response: z.object({ key: unitKeyStatus.nullable(), damaged: z.boolean() }),
  },
  /** Makes the unit's first key, or (replace) an unsigned new one the office must enrol again. */
  'unitKey:create': {
    request: z.object({ unit: unitFacts, suite: z.enum(CRYPTO_SUITES), accountId: unitIdField, password: passwordField, replace: z.boolean() }).strict(),
    response: keyResult,
  },
  /** A new key signed by the current one. */
  'unitKey:rotate': {
    request: z.object({ unitId: unitIdField, accountId: unitIdField, password: passwordField, grant: passwordField.optional(), suite: z.enum(CRYPTO_SUITES).optional() }).strict(),
    response: keyResult,
  },
  'unitKey:enrolment': {
    request: z.object({ unit: unitFacts }).strict(),
    response: z.object({ text: z.string() }),
  },
  /** Signs the exact bytes of a bundle manifest with the unit key. */
  'bundle:sign': {
    request: z.object({ unitId: unitIdField, accountId: unitIdField, password: passwordField, grant: passwordField.optional(), manifest: z.string().max(128 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), signature: z.string(), keyId: z.string(), suite: z.enum(CRYPTO_SUITES) }).strict(), keyFailure]),
  },
  /** The office's encryption keys (sealed bundles), oldest first; public facts only. */
  'sealKey:list': {
    request: z.object({ unitId: unitIdField }).strict(),
    response: z.object({ keys: z.array(sealKeyStatus) }),
  },
  /** A new encryption key for the office: the first, or a rotation (older keys still open older bundles). */
  'sealKey:create': {
    request: z.object({ unitId: unitIdField, suite: z.enum(CRYPTO_SUITES), accountId: unitIdField, password: passwordField, grant: passwordField.optional() }).strict(),
    response: z.union([z.object({ ok: z.literal(true), keys: z.array(sealKeyStatus) }).strict(), keyFailure]),
  },
  /** Every encryption key in a file sealed with its own password, for the command line. */
  'sealKey:export': {
    request: z.object({ unitId: unitIdField, accountId: unitIdField, password: passwordField, grant: passwordField.optional(), filePassword: newPassphrase }).strict(),
    response: z.union([z.object({ ok: z.literal(true), text: z.string() }).strict(), keyFailure]),
  },
  /** A sealed bundle on its way to main, in pieces like a backup. */
  'sealed:begin': {
    request: z.object({}).strict(),
    response: z.object({ id: sealedSessionId }),
  },
  'sealed:append': {
    request: z.object({ id: sealedSessionId, data: base64Piece }).strict(),
    response: z.union([z.object({ ok: z.literal(true) }).strict(), sealedFailure]),
  },
  /** Opens it with the office key its header names; the signed bundle inside is then read back in pieces. */
  'sealed:open': {
    request: z.object({ id: sealedSessionId, unitId: unitIdField, accountId: unitIdField, password: passwordField, grant: passwordField.optional() }).strict(),
    response: z.union([
      z.object({ ok: z.literal(true), size: z.number().int().min(0) }).strict(),
      z.object({ ok: z.literal(false), failure: z.enum(SEAL_FAILURES), chunk: z.number().int().min(0).optional() }).strict(),
      keyFailure,
      sealedFailure,
    ]),
  },
  'sealed:read': {
    request: z.object({ id: sealedSessionId, offset: z.number().int().min(0) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), data: z.string(), done: z.boolean() }).strict(), sealedFailure]),
  },
  'sealed:close': {
    request: z.object({ id: sealedSessionId }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  ...pgContract,
  ...passphraseContract,
} as const;

export type Channel = keyof typeof contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;

/** What crosses the wire: a value, or an error code with a message for logs. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };
export type IpcErrorCode = 'BAD_REQUEST' | 'UNKNOWN_CHANNEL' | 'FORBIDDEN' | 'INTERNAL';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export type Handlers = { [C in Channel]: (request: z.output<(typeof contract)[C]['request']>) => Promise<ResponseOf<C>> };

/** The name under which preload exposes the API on `window`. */
export { BRIDGE_KEY } from './channels';
/** Cookie that carries browser mode's per-launch token: HttpOnly, so no script in the page can read it. */
export const TOKEN_COOKIE = 'zw-token';
