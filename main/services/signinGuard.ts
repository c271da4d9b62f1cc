import type * as FsPromises from 'node:fs/promises';
import { z } from 'zod';
import { ROLES, can, type Permission, type Role } from '../../shared/domain/roles';
import { MAX_FAILED_SIGNINS, SIGNIN_LOCK_MS } from '../../shared/domain/account';
import { hashPassword as realHash, needsUpgrade, parseHash, verifyPassword as realVerify } from './passwords';
import { makeVault, openVault, resealVault, vaultSchema, type Vault } from './accountVault';
import type { KeyObject } from 'node:crypto';

/**
 * Every password check of the app, and the hashes they check against.
 *
 * The renderer's copy of an account (IndexedDB) is what any page script or
 * tab can rewrite, so it decides nothing here: main keeps each account's hash
 * and role and every lockout counter in its own data folder. A check and its
 * count happen under one per-account queue, so eight tabs guessing at once
 * are counted one after another; a lock is measured on main's monotonic
 * clock, so neither the page's clock nor main's wall clock ends it early, and
 * nothing clears a lock before it runs out. Scrypt is costly by design, so
 * only a few run at once and the host keeps answering.
 */

export interface SigninGuardDeps {
  fs: Pick<typeof FsPromises, 'mkdir' | 'readFile' | 'writeFile' | 'rename'>;
  /** main's file for hashes and locks, beside the unit key files. */
  file: string;
  dir: string;
  /** Milliseconds on a clock that never goes back (performance.now). */
  monotonic: () => number;
  /** Wall-clock time, only to tell the user when a lock ends and to carry a lock over a restart. */
  now: () => number;
  randomToken: () => string;
  hashPassword?: (password: string) => Promise<string>;
  verifyPassword?: (password: string, hash: string) => Promise<boolean>;
  /** How many scrypt computations run at once. */
  concurrency?: number;
}

export type CheckResult = { ok: true; accountId: string; role: Role } | { ok: false; left: number } | { ok: false; lockedUntil: number };
export type GuardFailure = 'exists' | 'noSession' | 'forbidden' | 'lastAdmin' | 'unknownAccount' | 'badHash';

export class GuardError extends Error {
  constructor(readonly code: GuardFailure) {
    super(code);
  }
}

const accountRow = z
  .object({
    unitId: z.string(),
    username: z.string(),
    role: z.enum(ROLES),
    retired: z.boolean(),
    // null: an account an administrator described before its owner signed in once and handed over its old hash.
    hash: z.string().nullable(),
    // The account's key pair for secrets sealed to it (accountVault.ts); made the first time main sees its password.
    vault: vaultSchema.optional(),
  })
  .strict();
type AccountRow = z.infer<typeof accountRow>;
const storedFile = z
  .object({
    version: z.literal(1),
    accounts: z.record(z.string(), accountRow),
    // Wall-clock end of each lock, only so a restart does not lift it.
    locks: z.record(z.string(), z.object({ failures: z.number().int().min(0), lockedUntil: z.number() }).strict()),
  })
  .strict();

interface LockState {
  failures: number;
  /** On the monotonic clock; 0 when not locked. */
  lockedUntil: number;
}

// Costs about what a real check costs, so an unknown username takes as long as a known one.
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function semaphore(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await fn();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

export function createSigninGuard(deps: SigninGuardDeps) {
  const hash = deps.hashPassword ?? realHash;
  const verify = deps.verifyPassword ?? realVerify;
  const limited = semaphore(deps.concurrency ?? 2);
  const accounts = new Map<string, AccountRow>();
  const locks = new Map<string, LockState>();
  const sessions = new Map<string, string>();
  const queues = new Map<string, Promise<unknown>>();
  let loaded: Promise<void> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const ensureLoaded = () =>
    (loaded ??= (async () => {
      let text: string;
      try {
        text = await deps.fs.readFile(deps.file, 'utf8');
      } catch {
        return;
      }
      // A damaged file must not open the door: it fails loudly rather than starting with no accounts.
      const data = storedFile.parse(JSON.parse(text));
      for (const [id, row] of Object.entries(data.accounts)) accounts.set(id, row);
      const wall = deps.now();
      const mono = deps.monotonic();
      for (const [key, lock] of Object.entries(data.locks)) {
        const remaining = Math.min(SIGNIN_LOCK_MS, Math.max(0, lock.lockedUntil - wall));
        locks.set(key, { failures: lock.failures, lockedUntil: remaining > 0 ? mono + remaining : 0 });
      }
    })());

  function persist(): Promise<void> {
    const wall = deps.now();
    const mono = deps.monotonic();
    const data = {
      version: 1 as const,
      accounts: Object.fromEntries(accounts),
      locks: Object.fromEntries(
        [...locks].filter(([, l]) => l.failures > 0 || l.lockedUntil > mono).map(([k, l]) => [k, { failures: l.failures, lockedUntil: l.lockedUntil > mono ? wall + (l.lockedUntil - mono) : 0 }]),
      ),
    };
    const text = JSON.stringify(data);
    // One write at a time, each whole; a failed write does not stop the next.
    writing = writing.catch(() => undefined).then(async () => {
      await deps.fs.mkdir(deps.dir, { recursive: true });
      await deps.fs.writeFile(`${deps.file}.part`, text, { mode: 0o600 });
      await deps.fs.rename(`${deps.file}.part`, deps.file);
    });
    return writing;
  }

  /** One check at a time per lock key: the read of the counter, the hash and the count are one step. */
  function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return next;
  }

  const lockKey = (unitId: string, username: string) => `${unitId}:${username.trim().toLowerCase()}`;

  function lockedUntilWall(lock: LockState, mono: number): number {
    return deps.now() + (lock.lockedUntil - mono);
  }

  /**
   * The one counted check. `attempt` gets the password checked (through the
   * semaphore) and says whether it matched and for which account.
   */
  async function counted(key: string, attempt: () => Promise<{ accountId: string; row: AccountRow } | null>): Promise<CheckResult> {
    await ensureLoaded();
    return serial(key, async () => {
      const lock = locks.get(key) ?? { failures: 0, lockedUntil: 0 };
      const mono = deps.monotonic();
      // While locked nothing is hashed and nothing is counted: a try cannot extend, reset or lift the lock.
      if (lock.lockedUntil > mono) return { ok: false as const, lockedUntil: lockedUntilWall(lock, mono) };
      if (lock.lockedUntil !== 0) Object.assign(lock, { failures: 0, lockedUntil: 0 });
      const matched = await attempt();
      if (matched) {
        if (lock.failures > 0) {
          locks.delete(key);
          await persist();
        }
        return { ok: true as const, accountId: matched.accountId, role: matched.row.role };
      }
      lock.failures += 1;
      locks.set(key, lock);
      const after = deps.monotonic();
      if (lock.failures >= MAX_FAILED_SIGNINS) {
        lock.failures = 0;
        lock.lockedUntil = after + SIGNIN_LOCK_MS;
        await persist();
        return { ok: false as const, lockedUntil: lockedUntilWall(lock, after) };
      }
      await persist();
      return { ok: false as const, left: MAX_FAILED_SIGNINS - lock.failures };
    });
  }

  /** Checks a password against a row, rehashing it with today's parameters when it matches an older hash. */
  async function matches(accountId: string, row: AccountRow, password: string): Promise<boolean> {
    const stored = row.hash;
    const ok = await limited(() => verify(password, stored ?? DUMMY_HASH));
    if (!ok || stored === null) return false;
    const upgraded = needsUpgrade(stored) ? await limited(() => hash(password)) : null;
    const vault = row.vault ?? (await limited(() => makeVault(password)));
    if (upgraded || !row.vault) {
      accounts.set(accountId, { ...(accounts.get(accountId) ?? row), hash: upgraded ?? stored, vault });
      await persist();
    }
    return true;
  }

  const newVault = (password: string): Promise<Vault> => limited(() => makeVault(password));

  const dummy = (password: string) => limited(() => verify(password, DUMMY_HASH)).then(() => null);

  function findByUsername(unitId: string, username: string): [string, AccountRow] | undefined {
    const name = username.trim().toLowerCase();
    return [...accounts].find(([, a]) => a.unitId === unitId && a.username === name);
  }

  function sessionAccount(session: string): [string, AccountRow] {
    const id = sessions.get(session);
    const row = id ? accounts.get(id) : undefined;
    if (!id || !row || row.retired) throw new GuardError('noSession');
    return [id, row];
  }

  function otherAdmin(unitId: string, exceptId: string): boolean {
    return [...accounts].some(([id, a]) => id !== exceptId && a.unitId === unitId && a.role === 'admin' && !a.retired);
  }

  async function newHash(password: string): Promise<string> {
    return limited(() => hash(password));
  }

  /** Lock screen, restore, key and export: the signed-in user's own password, counted like a sign-in. */
  async function confirm(request: { accountId: string; password: string }): Promise<CheckResult> {
    await ensureLoaded();
    const row = accounts.get(request.accountId);
    const key = row ? lockKey(row.unitId, row.username) : `account:${request.accountId}`;
    return counted(key, async () => {
      const current = accounts.get(request.accountId);
      if (!current || current.retired) return dummy(request.password);
      return (await matches(request.accountId, current, request.password)) ? { accountId: request.accountId, row: accounts.get(request.accountId)! } : null;
    });
  }

  return {
    /** The unit's first administrator, at setup: only while main knows no account of that unit. */
    async setupAdmin(request: { unitId: string; accountId: string; username: string; password: string }): Promise<{ hash: string }> {
      await ensureLoaded();
      if ([...accounts.values()].some((a) => a.unitId === request.unitId) || accounts.has(request.accountId)) throw new GuardError('exists');
      const h = await newHash(request.password);
      accounts.set(request.accountId, { unitId: request.unitId, username: request.username.trim().toLowerCase(), role: 'admin', retired: false, hash: h, vault: await newVault(request.password) });
      await persist();
      return { hash: h };
    },

    /**
     * Sign-in by username. An account main has never seen (made before main
     * kept the hashes, or restored onto this PC) hands over the hash the page
     * holds, once: from then on main's copy is the only one checked.
     */
    async signIn(request: {
      unitId: string;
      username: string;
      password: string;
      legacy?: { accountId: string; role: Role; hash: string };
    }): Promise<CheckResult & { session?: string }> {
      await ensureLoaded();
      const key = lockKey(request.unitId, request.username);
      const result = await counted(key, async () => {
        let found = findByUsername(request.unitId, request.username);
        const legacy = request.legacy;
        if (!found && legacy && !accounts.has(legacy.accountId) && parseHash(legacy.hash)) {
          const row: AccountRow = { unitId: request.unitId, username: request.username.trim().toLowerCase(), role: legacy.role, retired: false, hash: legacy.hash };
          // Kept only if its own password opens it: a page cannot plant an account by naming a hash alone.
          if (await matches(legacy.accountId, row, request.password)) {
            accounts.set(legacy.accountId, accounts.get(legacy.accountId) ?? row);
            await persist();
            return { accountId: legacy.accountId, row };
          }
          return null;
        }
        if (found && found[1].hash === null && legacy?.accountId === found[0] && parseHash(legacy.hash)) {
          const row = { ...found[1], hash: legacy.hash };
          if (!(await matches(found[0], row, request.password))) return null;
          accounts.set(found[0], accounts.get(found[0])?.hash === null ? row : accounts.get(found[0])!);
          await persist();
          found = [found[0], accounts.get(found[0])!];
        }
        if (!found || found[1].retired) return dummy(request.password);
        return (await matches(found[0], found[1], request.password)) ? { accountId: found[0], row: accounts.get(found[0])! } : null;
      });
      if (!result.ok) return result;
      const session = deps.randomToken();
      sessions.set(session, result.accountId);
      return { ...result, session };
    },

    confirm,

    /** The account's holder changes their own password: the current one first, counted. */
    async changePassword(request: { accountId: string; current: string; next: string }): Promise<CheckResult & { hash?: string }> {
      const checked = await confirm({ accountId: request.accountId, password: request.current });
      if (!checked.ok) return checked;
      const h = await newHash(request.next);
      const row = accounts.get(request.accountId);
      if (!row) throw new GuardError('unknownAccount');
      // The same key pair, resealed: what was sealed to this account still opens with the new password.
      const vault = (row.vault && (await limited(() => resealVault(row.vault!, request.current, request.next)))) ?? (await newVault(request.next));
      accounts.set(request.accountId, { ...row, hash: h, vault });
      await persist();
      return { ...checked, hash: h };
    },

    /**
     * An administrator's change to an account: name in the unit, role, retirement,
     * or a password they set. The unit always keeps one administrator.
     */
    async saveAccount(request: {
      session: string;
      accountId: string;
      username: string;
      role: Role;
      retired: boolean;
      password?: string;
    }): Promise<{ hash: string | null }> {
      await ensureLoaded();
      const [adminId, admin] = sessionAccount(request.session);
      if (!can(admin.role, 'accounts.manage')) throw new GuardError('forbidden');
      const previous = accounts.get(request.accountId);
      if (previous && previous.unitId !== admin.unitId) throw new GuardError('forbidden');
      const username = request.username.trim().toLowerCase();
      const clash = findByUsername(admin.unitId, username);
      if (clash && clash[0] !== request.accountId) throw new GuardError('exists');
      const stillAdmin = request.role === 'admin' && !request.retired;
      if (previous?.role === 'admin' && !previous.retired && !stillAdmin && !otherAdmin(admin.unitId, request.accountId)) throw new GuardError('lastAdmin');
      if (request.accountId === adminId && request.retired) throw new GuardError('forbidden');
      const h = request.password !== undefined ? await newHash(request.password) : (previous?.hash ?? null);
      // A password set by an administrator is a new key pair: what was sealed to the old one is sealed again at the key's next use.
      const vault = request.password !== undefined ? await newVault(request.password) : previous?.vault;
      accounts.set(request.accountId, { unitId: admin.unitId, username, role: request.role, retired: request.retired, hash: h, ...(vault ? { vault } : {}) });
      await persist();
      return { hash: h };
    },

    /** A wrong password checked elsewhere in main (a key's grant), counted against the account's lock. */
    async countFailure(accountId: string): Promise<CheckResult> {
      await ensureLoaded();
      const row = accounts.get(accountId);
      return counted(row ? lockKey(row.unitId, row.username) : `account:${accountId}`, async () => null);
    },

    /** The account of a live session; null for none. */
    sessionAccountId(session: string): string | null {
      try {
        return sessionAccount(session)[0];
      } catch {
        return null;
      }
    },

    /** Whether this is a live session of an account main holds. */
    sessionValid(session: string): boolean {
      try {
        sessionAccount(session);
        return true;
      } catch {
        return false;
      }
    },

    /** Whether a session's account, as main knows it, may do this. */
    allowed(accountId: string, permission: Permission): boolean {
      const row = accounts.get(accountId);
      return row !== undefined && !row.retired && can(row.role, permission);
    },

    /**
     * A backup restored onto a fresh PC is opened by one of its own
     * administrators' passwords: counted under one key, like a sign-in.
     */
    async checkBackupAdmin(password: string, hashes: string[]): Promise<boolean> {
      const result = await counted('restore:fresh', async () => {
        for (const h of hashes) {
          if (await limited(() => verify(password, h))) return { accountId: '', row: { unitId: '', username: '', role: 'admin', retired: false, hash: h } };
        }
        return null;
      });
      return result.ok;
    },

    /** The public keys of the unit's accounts that may use a secret: what main seals it to. */
    holders(unitId: string, permissions: Permission[]): { accountId: string; publicKey: string }[] {
      return [...accounts]
        .filter(([, a]) => a.unitId === unitId && !a.retired && a.vault && permissions.some((p) => can(a.role, p)))
        .map(([accountId, a]) => ({ accountId, publicKey: a.vault!.publicKey }));
    },

    /** The account's private key, for a secret sealed to it. Only after a counted check of the same password. */
    async openVault(accountId: string, password: string): Promise<KeyObject | null> {
      await ensureLoaded();
      const vault = accounts.get(accountId)?.vault;
      return vault ? limited(() => openVault(vault, password)) : null;
    },

    signOut(session: string): void {
      sessions.delete(session);
    },
  };
}

export type SigninGuard = ReturnType<typeof createSigninGuard>;

/** The unit key's holders as unitKey.ts wants them: the unit's administrators (its bundles) and auditors (the office's policies). */
export function keyHolders(guard: SigninGuard) {
  return {
    list: (unitId: string) => guard.holders(unitId, ['bundles.export', 'console.use']),
    open: (accountId: string, password: string) => guard.openVault(accountId, password),
  };
}
