import { contract, isChannel, type Envelope, type Handlers, type IpcErrorCode } from '../../shared/ipc/contract';
import { hashPassword, verifyPassword } from './passwords';
import type { ReminderPlan } from '../../shared/checkins/reminders';
import type { createBackupFiles } from './backupFiles';
import { UnitKeyError, type UnitKeys } from './unitKey';

/**
 * The handlers behind the IPC contract, and the one place a request is
 * checked before a handler sees it. Electron's ipcMain and browser mode's
 * HTTP host both call dispatch(), so the two transports cannot drift.
 */

export interface HandlerDeps {
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
  platform: string;
  /** Where today's reminder plan goes: the desktop reminder service, or nowhere in browser mode (the page's banner reminds). */
  reminders?: { setPlan(plan: ReminderPlan): void };
  backups: ReturnType<typeof createBackupFiles>;
  /** The OS folder picker (Electron); absent in browser mode, where the path is typed. */
  chooseFolder?: () => Promise<string | null>;
  unitKeys: UnitKeys;
}

/** A refusal the user can act on comes back as a code; anything else stays an internal error. */
async function keyCall<T>(fn: () => Promise<T>): Promise<T | { ok: false; code: UnitKeyError['code'] }> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UnitKeyError) return { ok: false as const, code: e.code };
    throw e;
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': async () => ({ version: deps.version, mode: deps.mode, dataDir: deps.dataDir, platform: deps.platform }),
    'auth:hashPassword': async ({ password }) => ({ hash: await hashPassword(password) }),
    'auth:verifyPassword': async ({ password, hash }) => ({ ok: await verifyPassword(password, hash) }),
    'reminders:setPlan': async (plan) => {
      deps.reminders?.setPlan(plan);
      return { ok: true as const };
    },
    'backup:write': async ({ dir, unitCode, kind, data, keep }) => deps.backups.write({ dir, unitCode, kind, keep, data: Buffer.from(data, 'base64') }),
    'backup:list': async ({ dir }) => ({ files: await deps.backups.list(dir) }),
    'backup:chooseFolder': async () => ({ dir: deps.chooseFolder ? await deps.chooseFolder() : null }),
    'unitKey:status': async ({ unitId }) => ({ key: await deps.unitKeys.status(unitId) }),
    'unitKey:create': (request) => keyCall(async () => ({ ok: true as const, key: await deps.unitKeys.create(request) })),
    'unitKey:rotate': (request) => keyCall(async () => ({ ok: true as const, key: await deps.unitKeys.rotate(request) })),
    'unitKey:enrolment': async ({ unit }) => ({ text: JSON.stringify(await deps.unitKeys.enrolment(unit), null, 2) }),
    'bundle:sign': ({ unitId, password, manifest }) => keyCall(async () => ({ ok: true as const, ...(await deps.unitKeys.sign({ unitId, password, message: Buffer.from(manifest, 'base64') })) })),
  };
}

function failure(code: IpcErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

export async function dispatch(handlers: Handlers, channel: unknown, rawRequest: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) return failure('UNKNOWN_CHANNEL', `unknown channel ${String(channel).slice(0, 60)}`);
  const spec = contract[channel];
  const parsed = spec.request.safeParse(rawRequest);
  if (!parsed.success) {
    return failure('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; '));
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const value = spec.response.parse(await handler(parsed.data));
    return { ok: true, value };
  } catch (error) {
    // The renderer gets a code, not a stack: main's internals stay in main.
    console.error(`[ipc] ${channel} failed:`, error);
    return failure('INTERNAL', 'internal error');
  }
}
