import type { BACKUP_FAILURES} from '../../shared/ipc/contract';
import { BACKUP_MAX_BASE64, contract, isChannel, type Channel, type Envelope, type Handlers, type IpcErrorCode } from '../../shared/ipc/contract';
import { GuardError, type CheckResult, type SigninGuard } from './signinGuard';
import type { Permission } from '../../shared/domain/roles';
import type { ReminderPlan } from '../../shared/checkins/reminders';
import { BackupFileError, type BackupFiles } from './backupFiles';
import { BackupSealError } from './backupSeal';
import { UnitKeyError, type UnitKeys } from './unitKey';
import { createSealedInbox, SealedInboxError } from './sealedInbox';
import type { ConsoleStore } from './consoleStore';
import { createPgHandlers } from './dispatchPg';
import type { BackupPassphrase } from './backupPassphrase';

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
  /** Prints the window to A4 PDF and saves it where the user says (Electron); absent in browser mode. null: cancelled. */
  savePdf?: (fileName: string) => Promise<string | null>;
  unitKeys: UnitKeys;
  /** Every password check, the hashes and the lockout counters. */
  guard: SigninGuard;
  /** The office console's PostgreSQL server, where main offers one; without it the console stays on this PC's database. */
  consoleStore?: ConsoleStore;
  /** The passphrase backups are sealed with; absent where main keeps none (tests of other things). */
  backupPassphrase?: BackupPassphrase;
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
    if (e instanceof UnitKeyError && e.code === 'damaged') return { ok: false as const, code: 'noKey' as const };
    throw e;
  }
}

/** Account changes main refuses come back as a code. */
async function guardCall<T>(fn: () => Promise<T>): Promise<T | { ok: false; code: GuardError['code'] }> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof GuardError) return { ok: false as const, code: e.code };
    throw e;
  }
}

const checkFailure = (result: Exclude<CheckResult, { ok: true }>) => ('lockedUntil' in result ? { ok: false as const, lockedUntil: result.lockedUntil } : { ok: false as const, left: result.left });

/** What main sends back of an opened bundle per call: three quarters of a piece, so its base64 fits the same limit. */
const SEALED_PIECE = (BACKUP_MAX_BASE64 / 4) * 3;

async function inboxCall<T>(fn: () => Promise<T>): Promise<T | { ok: false; code: SealedInboxError['code'] }> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SealedInboxError) return { ok: false as const, code: e.code };
    throw e;
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const inbox = createSealedInbox(deps.unitKeys);
  /**
   * The key is used only after main itself checked the user's password and
   * role: the renderer's word that it checked them is no secret main holds.
   */
  async function keyHolder(accountId: string, password: string, permissions: Permission[]): Promise<{ ok: false; code: 'badPassword' | 'locked' | 'forbidden' } | null> {
    const checked = await deps.guard.confirm({ accountId, password });
    if (!checked.ok) return { ok: false as const, code: 'lockedUntil' in checked ? ('locked' as const) : ('badPassword' as const) };
    if (!permissions.some((p) => deps.guard.allowed(accountId, p))) return { ok: false as const, code: 'forbidden' as const };
    return null;
  }

  /**
   * A backup is signed only for a password main checked (and counted), or,
   * for an automatic backup that has none, for a live sign-in session.
   */
  async function backupSigner(request: { password: string; accountId?: string | undefined; session?: string | undefined }): Promise<{ ok: false; code: 'wrongPassword' | 'locked' | 'forbidden' | 'signedOut' } | null> {
    if (request.password === '') return request.session && deps.guard.sessionValid(request.session) ? null : { ok: false as const, code: 'signedOut' as const };
    if (!request.accountId) return { ok: false as const, code: 'wrongPassword' as const };
    const refused = await keyHolder(request.accountId, request.password, ['backup.manage']);
    return refused ? { ok: false as const, code: refused.code === 'badPassword' ? ('wrongPassword' as const) : refused.code } : null;
  }

  return {
    'app:info': async () => ({ version: deps.version, mode: deps.mode, dataDir: deps.dataDir, platform: deps.platform }),
    'auth:setup': (request) => guardCall(async () => ({ ok: true as const, ...(await deps.guard.setupAdmin(request)) })),
    'auth:signIn': async (request) => {
      const result = await deps.guard.signIn(request);
      // The console's server password is sealed to the accounts that use it: a sign-in opens it.
      if (result.ok && result.session) await deps.consoleStore?.unlock(result.accountId, request.password).catch((e: unknown) => console.error('[pg console] unlock:', e));
      return result.ok && result.session ? { ok: true as const, accountId: result.accountId, role: result.role, session: result.session } : checkFailure(result as Exclude<CheckResult, { ok: true }>);
    },
    'auth:confirm': async (request) => {
      const result = await deps.guard.confirm(request);
      return result.ok ? result : checkFailure(result);
    },
    'auth:changePassword': async (request) => {
      const result = await deps.guard.changePassword(request);
      return result.ok && result.hash ? { ok: true as const, accountId: result.accountId, role: result.role, hash: result.hash } : checkFailure(result as Exclude<CheckResult, { ok: true }>);
    },
    'auth:saveAccount': (request) => guardCall(async () => ({ ok: true as const, ...(await deps.guard.saveAccount(request)) })),
    'auth:signOut': async ({ session }) => {
      deps.guard.signOut(session);
      return { ok: true as const };
    },
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
    'document:savePdf': async ({ fileName }) => {
      if (!deps.savePdf) return { ok: false as const, code: 'unavailable' as const };
      const path = await deps.savePdf(fileName);
      return path === null ? { ok: false as const, code: 'cancelled' as const } : { ok: true as const, path };
    },
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
    'backup:finish': (request) => backupCall(async () => (await backupSigner(request)) ?? { ok: true as const, ...(await deps.backups.finish(request)) }),
    'backup:abort': async ({ id }) => {
      await deps.backups.abort(id);
      return { ok: true as const };
    },
    'backup:seal': ({ draft, password, accountId, session }) =>
      backupCall(async () => {
        const refused = await backupSigner({ password, accountId, session });
        if (refused) return refused;
        const { manifestBytes, signature } = await deps.backups.seal.seal(draft, password, accountId);
        return { ok: true as const, manifest: Buffer.from(manifestBytes).toString('base64'), signature };
      }),
    'backup:verify': async ({ manifest, signature, password }) => {
      const verdict = await deps.backups.seal.verify(Buffer.from(manifest, 'base64'), signature, password);
      return verdict.ok ? { ok: true as const, fingerprint: verdict.fingerprint, signer: verdict.signer } : verdict;
    },
    'unitKey:status': async ({ unitId }) => ({ key: await deps.unitKeys.status(unitId), damaged: (await deps.unitKeys.state(unitId)) === 'damaged' }),
    'unitKey:create': (request) => keyCall(async () => (await keyHolder(request.accountId, request.password, ['bundles.export'])) ?? { ok: true as const, key: await deps.unitKeys.create(request) }),
    'unitKey:rotate': (request) => keyCall(async () => (await keyHolder(request.accountId, request.password, ['bundles.export'])) ?? { ok: true as const, key: await deps.unitKeys.rotate(request) }),
    'unitKey:enrolment': async ({ unit }) => ({ text: JSON.stringify(await deps.unitKeys.enrolment(unit), null, 2) }),
    'sealKey:list': async ({ unitId }) => ({ keys: await deps.unitKeys.sealKeys(unitId) }),
    'sealKey:create': ({ grant, ...request }) =>
      keyCall(async () => (await keyHolder(request.accountId, request.password, ['console.use'])) ?? { ok: true as const, keys: await deps.unitKeys.createSealKey({ ...request, ...(grant ? { grant } : {}) }) }),
    'sealKey:export': ({ grant, ...request }) =>
      keyCall(async () => (await keyHolder(request.accountId, request.password, ['console.use'])) ?? { ok: true as const, text: await deps.unitKeys.exportSealKeys({ ...request, ...(grant ? { grant } : {}) }) }),
    ...passphraseHandlers(deps, keyHolder),
    'sealed:begin': async () => ({ id: inbox.begin() }),
    'sealed:append': ({ id, data }) =>
      inboxCall(async () => {
        inbox.append(id, Buffer.from(data, 'base64'));
        return { ok: true as const };
      }),
    // Only an auditor, with a password main checks, gets a sealed bundle opened.
    'sealed:open': ({ id, grant, ...who }) =>
      inboxCall(() =>
        keyCall(async () => {
          const refused = await keyHolder(who.accountId, who.password, ['console.use']);
          if (refused) {
            inbox.close(id);
            return refused;
          }
          return inbox.open(id, { ...who, ...(grant ? { grant } : {}) });
        }),
      ),
    'sealed:read': ({ id, offset }) =>
      inboxCall(async () => {
        const piece = inbox.read(id, offset, SEALED_PIECE);
        return { ok: true as const, data: piece.data.toString('base64'), done: piece.done };
      }),
    'sealed:close': async ({ id }) => {
      inbox.close(id);
      return { ok: true as const };
    },
    ...createPgHandlers({ store: deps.consoleStore, guard: deps.guard, unitKeys: deps.unitKeys, inbox, keyHolder }),
    // A unit's bundles are its administrator's; the office's policies are issued by its auditors.
    'bundle:sign': ({ unitId, accountId, password, grant, manifest }) =>
      keyCall(async () => {
        const refused = await keyHolder(accountId, password, ['bundles.export', 'console.use']);
        if (refused) return refused;
        try {
          return { ok: true as const, ...(await deps.unitKeys.sign({ unitId, password, accountId, ...(grant ? { grant } : {}), message: Buffer.from(manifest, 'base64') })) };
        } catch (e) {
          // A wrong grant is a guess at the key maker's password: it counts like any other.
          if (grant && e instanceof UnitKeyError && e.code === 'wrongPassword') await deps.guard.countFailure(accountId);
          throw e;
        }
      }),
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

type PassphraseChannel = Extract<Channel, `backupPass:${string}`>;

/** Backups sealed with a passphrase: setting it asks an administrator's password, as signing a backup does. */
function passphraseHandlers(deps: HandlerDeps, keyHolder: (accountId: string, password: string, permissions: Permission[]) => Promise<{ ok: false; code: 'badPassword' | 'locked' | 'forbidden' } | null>): Pick<Handlers, PassphraseChannel> {
  const pass = deps.backupPassphrase;
  const refusedBy = async (accountId: string, password: string) => {
    if (!pass) return { ok: false as const, code: 'unavailable' as const };
    const refused = await keyHolder(accountId, password, ['backup.manage']);
    return refused ? { ok: false as const, code: refused.code === 'badPassword' ? ('wrongPassword' as const) : refused.code } : null;
  };
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    'backupPass:status': async () => (pass ? pass.status() : { set: false, setAt: null, setBy: null }),
    'backupPass:set': async ({ unitId, accountId, password, passphrase }) => {
      const refused = await refusedBy(accountId, password);
      if (refused) return refused;
      // Sealed in the suite of the unit's own key: SM4-GCM where the unit signs with SM2.
      await pass!.set(passphrase, (await deps.unitKeys.status(unitId))?.suite ?? 'sm2-sm3', accountId);
      return { ok: true as const };
    },
    'backupPass:clear': async ({ accountId, password }) => {
      const refused = await refusedBy(accountId, password);
      if (refused) return refused;
      await pass!.clear();
      return { ok: true as const };
    },
    'backupPass:begin': async () => {
      const begun = await pass?.begin();
      return begun ? { ok: true as const, id: begun.id, head: b64(begun.head) } : { ok: false as const, code: 'notSet' as const };
    },
    'backupPass:push': async ({ id, data }) => {
      const sealed = pass?.push(id, Buffer.from(data, 'base64'));
      return sealed ? { ok: true as const, data: b64(sealed) } : { ok: false as const, code: 'unknownSession' as const };
    },
    'backupPass:end': async ({ id, data }) => {
      const sealed = pass?.end(id, Buffer.from(data, 'base64'));
      return sealed ? { ok: true as const, data: b64(sealed) } : { ok: false as const, code: 'unknownSession' as const };
    },
    'backupPass:unlock': async ({ head, passphrase }) => (pass ? pass.unlock(Buffer.from(head, 'base64'), passphrase) : { ok: false as const, code: 'notSealed' as const }),
  };
}
