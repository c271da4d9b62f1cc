import type { BACKUP_FAILURES} from '../../shared/ipc/contract';
import { contract, isChannel, type Envelope, type Handlers, type IpcErrorCode } from '../../shared/ipc/contract';
import { hashPassword, verifyPassword } from './passwords';
import type { ReminderPlan } from '../../shared/checkins/reminders';
import { BackupFileError, type BackupFiles } from './backupFiles';
import { BackupSealError } from './backupSeal';
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
  /** Backup files in main's folder, with the seal that signs and judges them. */
  backups: BackupFiles;
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

/** The same for backups: a full disk, a missing folder or a wrong password is the user's to fix. */
async function backupCall<T>(fn: () => Promise<T>): Promise<T | { ok: false; code: (typeof BACKUP_FAILURES)[number] }> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof BackupFileError) return { ok: false as const, code: e.code };
    if (e instanceof BackupSealError) return { ok: false as const, code: 'noKey' };
    if (e instanceof UnitKeyError && (e.code === 'noKey' || e.code === 'wrongPassword')) return { ok: false as const, code: e.code };
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
    'backup:folder': async () => ({ dir: await deps.backups.folder(), typed: !deps.chooseFolder }),
    'backup:setFolder': ({ dir }) =>
      backupCall(async () => {
        // Where main has a folder dialog, only a folder chosen in it is kept.
        if (deps.chooseFolder) return { ok: false as const, code: 'notTyped' as const };
        return { ok: true as const, dir: await deps.backups.setFolder(dir) };
      }),
    'backup:chooseFolder': async () => {
      const chosen = deps.chooseFolder ? await deps.chooseFolder() : null;
      return { dir: chosen === null ? null : await deps.backups.setFolder(chosen) };
    },
    'backup:list': async () => ({ files: await deps.backups.list() }),
    'backup:begin': (request) => backupCall(async () => ({ ok: true as const, id: await deps.backups.begin(request) })),
    'backup:append': ({ id, data }) =>
      backupCall(async () => {
        await deps.backups.append(id, Buffer.from(data, 'base64'));
        return { ok: true as const };
      }),
    'backup:finish': (request) => backupCall(async () => ({ ok: true as const, ...(await deps.backups.finish(request)) })),
    'backup:abort': async ({ id }) => {
      await deps.backups.abort(id);
      return { ok: true as const };
    },
    'backup:seal': ({ draft, password }) =>
      backupCall(async () => {
        const { manifestBytes, signature } = await deps.backups.seal.seal(draft, password);
        return { ok: true as const, manifest: Buffer.from(manifestBytes).toString('base64'), signature };
      }),
    'backup:verify': async ({ manifest, signature, password }) => {
      const verdict = await deps.backups.seal.verify(Buffer.from(manifest, 'base64'), signature, password);
      return verdict.ok ? { ok: true as const, fingerprint: verdict.fingerprint, signer: verdict.signer } : verdict;
    },
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
