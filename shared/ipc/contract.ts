import { z } from 'zod';
import { CRYPTO_SUITES } from '../bundle/suites';

/**
 * The whole IPC surface between renderer and main (DESIGN.md, IPC). Main
 * validates every request against `request` before a handler sees it; the
 * renderer's typed client can only name channels listed here. Browser mode
 * answers the same contract over HTTP.
 */
/** A backup's base64 text may be large: a register of 50,000 devices and its history. */
export const BACKUP_MAX_BASE64 = 400 * 1024 * 1024;

const unitIdField = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const passwordField = z.string().max(128);
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
export const UNIT_KEY_FAILURES = ['noKey', 'exists', 'wrongPassword', 'otherUnit'] as const;
const keyFailure = z.object({ ok: z.literal(false), code: z.enum(UNIT_KEY_FAILURES) }).strict();
const keyResult = z.union([z.object({ ok: z.literal(true), key: unitKeyStatus }).strict(), keyFailure]);

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
  'auth:hashPassword': {
    request: z.object({ password: z.string().min(1).max(128) }).strict(),
    response: z.object({ hash: z.string() }),
  },
  'auth:verifyPassword': {
    request: z.object({ password: z.string().max(128), hash: z.string().min(1).max(512) }).strict(),
    response: z.object({ ok: z.boolean() }),
  },
  'reminders:setPlan': {
    request: z
      .object({
        slots: z.array(z.object({ at: z.number().int().positive(), label: z.string().regex(/^\d{2}:\d{2}$/) }).strict()).max(48),
        checked: z.array(z.number().int().positive()).max(48),
        remindBeforeMinutes: z.number().int().min(0).max(30),
        toleranceMinutes: z.number().int().min(1).max(29),
      })
      .strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Writes one backup file (base64) to the chosen folder and prunes old ones. */
  'backup:write': {
    request: z
      .object({
        dir: z.string().min(1).max(500),
        unitCode: z.string().regex(/^[A-Za-z0-9-]{2,32}$/),
        kind: z.enum(['auto', 'manual', 'beforeRestore']),
        data: z.string().max(BACKUP_MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
        keep: z.number().int().min(1).max(365),
      })
      .strict(),
    response: z.object({ name: z.string(), pruned: z.array(z.string()) }),
  },
  'backup:list': {
    request: z.object({ dir: z.string().min(1).max(500) }).strict(),
    response: z.object({ files: z.array(z.object({ name: z.string(), size: z.number(), modifiedAt: z.number() })) }),
  },
  /** The OS folder picker; null where there is none (browser mode) or the user cancelled. */
  'backup:chooseFolder': {
    request: z.object({}).strict(),
    response: z.object({ dir: z.string().nullable() }),
  },
  /** The unit's signing key as main holds it: public facts only; null before one is made. */
  'unitKey:status': {
    request: z.object({ unitId: unitIdField }).strict(),
    response: z.object({ key: unitKeyStatus.nullable() }),
  },
  /** Makes the unit's first key, or (replace) an unsigned new one the office must enrol again. */
  'unitKey:create': {
    request: z.object({ unit: unitFacts, suite: z.enum(CRYPTO_SUITES), accountId: unitIdField, password: passwordField, replace: z.boolean() }).strict(),
    response: keyResult,
  },
  /** A new key signed by the current one. */
  'unitKey:rotate': {
    request: z.object({ unitId: unitIdField, accountId: unitIdField, password: passwordField, suite: z.enum(CRYPTO_SUITES).optional() }).strict(),
    response: keyResult,
  },
  'unitKey:enrolment': {
    request: z.object({ unit: unitFacts }).strict(),
    response: z.object({ text: z.string() }),
  },
  /** Signs the exact bytes of a bundle manifest with the unit key. */
  'bundle:sign': {
    request: z.object({ unitId: unitIdField, password: passwordField, manifest: z.string().max(128 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), signature: z.string(), keyId: z.string(), suite: z.enum(CRYPTO_SUITES) }).strict(), keyFailure]),
  },
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
/** Header that carries browser mode's per-launch token. */
export const TOKEN_HEADER = 'x-zw-token';
