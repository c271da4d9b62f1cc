import { z } from 'zod';

/**
 * The whole IPC surface between renderer and main (DESIGN.md, IPC). Main
 * validates every request against `request` before a handler sees it; the
 * renderer's typed client can only name channels listed here. Browser mode
 * answers the same contract over HTTP.
 */
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
